import Foundation
import Testing
@testable import PMLint

@Suite("Catalog")
struct CatalogTests {
    /// Ids, severities and default parameters exactly as the catalog specifies them.
    static let specified: [(id: String, severity: Severity, params: [String: String])] = [
        ("kickoff-missing", .warning, ["grace": "14d"]),
        ("kickoff-minutes", .warning, ["within": "2d"]),
        ("kickoff-client-attendance", .warning, [:]),
        ("kickoff-agenda-shared", .info, ["lead": "1d"]),
        ("status-report-overdue", .warning, ["every": "1w", "grace": "1d"]),
        ("status-report-gap", .info, ["every": "1w"]),
        ("status-report-content", .info, [:]),
        ("status-watermelon", .warning, [:]),
        ("status-report-audience", .warning, [:]),
        ("scope-missing", .error, [:]),
        ("scope-out-of-scope", .warning, [:]),
        ("scope-vague", .warning, ["terms": "94 terms"]),
        ("scope-unmeasurable", .info, [:]),
        ("scope-not-approved", .warning, [:]),
        ("scope-assumptions", .info, [:]),
        ("conflict-unaddressed", .warning, ["within": "3d"]),
        ("conflict-stale", .warning, ["within": "14d"]),
        ("conflict-written-only", .warning, [:]),
        ("conflict-no-resolution", .warning, [:]),
        ("conflict-no-lessons", .info, [:]),
        ("retrospective-missing", .warning, ["grace": "14d"]),
        ("retrospective-without-client", .info, [:]),
        ("closure-report-missing", .info, ["grace": "30d"]),
        ("lessons-missing", .info, [:]),
        ("comm-plan-missing", .warning, [:]),
        ("primary-contact-missing", .warning, [:]),
        ("client-owner-missing", .warning, [:]),
        ("meeting-agenda", .info, [:]),
        ("meeting-cadence", .warning, ["grace": "2d"]),
        ("action-incomplete", .warning, [:]),
        ("action-overdue", .warning, [:]),
        ("milestone-overdue", .warning, [:]),
        ("milestones-missing", .warning, [:]),
        ("milestone-no-criteria", .info, [:]),
        ("change-billing-missing", .info, [:]),
        ("stakeholder-uncontacted", .info, ["within": "30d"]),
        ("milestone-no-reviewer", .info, [:]),
        ("milestone-not-reported", .warning, ["within": "3wd"]),
        ("milestone-not-accepted", .info, ["within": "10d"]),
        ("risk-incomplete", .warning, [:]),
        ("risk-not-shared", .warning, ["within": "7d"]),
        ("risk-stale", .info, ["every": "30d"]),
        ("change-unanswered", .warning, ["within": "5wd"]),
        ("change-rejected-on-the-spot", .warning, [:]),
        ("change-no-assessment", .warning, [:]),
        ("change-not-client-approved", .warning, [:]),
        ("feedback-missing", .warning, ["every": "90d"]),
        ("feedback-unanswered", .warning, ["within": "7d"]),
        ("stakeholder-passive", .info, [:]),
        ("stakeholder-neglected", .info, ["within": "30d"]),
    ]

    @Test func theCatalogIsExactlyTheSpecifiedRules() throws {
        let ids = Set(try RuleCatalog.builtIn().rules.map(\.id))
        #expect(ids == Set(Self.specified.map(\.id)))
        #expect(ids.count == 50)
    }

    @Test func rulesMatchTheCatalog() throws {
        let catalog = try RuleCatalog.builtIn()
        for expected in Self.specified {
            let rule = try #require(catalog.rule(expected.id), "missing rule \(expected.id)")
            #expect(rule.severity == expected.severity, "\(expected.id)")
            let params = Dictionary(uniqueKeysWithValues: rule.parameterDefaults.map { ($0.name, $0.value) })
            #expect(params == expected.params, "\(expected.id)")
        }
    }

    @Test func ruleReferenceIsUpToDate() throws {
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(committed == CatalogReport.markdown(try RuleCatalog.builtIn()),
                "docs/rules.md is stale: run `swift run pmlint rules --format markdown > docs/rules.md`")
    }

    @Test func rulesCommandListsTheCatalog() throws {
        let text = try runCLI(["rules"])
        #expect(text.status == 0)
        #expect(text.out.contains("kickoff-minutes"))
        let json = try runCLI(["rules", "--format", "json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(array.count == (try RuleCatalog.builtIn()).rules.count)
        #expect(Set(array[0].keys).isSuperset(of: ["id", "category", "severity", "summary", "source"]))
        #expect(try runCLI(["rules", "--lang", "zh"]).out.contains("启动会"))
    }

    @Test func selectAndIgnoreByIdOrCategory() throws {
        let base = ["check", "examples/northwind-portal", "--as-of", "2026-11-20", "--format", "json"]
        func rules(_ extra: [String]) throws -> Set<String> {
            let run = try runCLI(base + extra)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
            return Set((report["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
        }
        #expect(try rules(["--select", "kickoff"]) == ["kickoff-minutes", "kickoff-agenda-shared"])
        #expect(try rules(["--select", "kickoff-minutes"]) == ["kickoff-minutes"])
        let ignored = try rules(["--ignore", "scope", "--ignore", "kickoff-minutes"])
        #expect(!ignored.contains("kickoff-minutes") && !ignored.contains { $0.hasPrefix("scope") })
        #expect(ignored.contains("kickoff-agenda-shared"))
        let unknown = try runCLI(base + ["--select", "kickof-minutes"])
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("did you mean `kickoff-minutes`?"))
    }

    @Test func headlineRulesFireOnTheTroubledExamplesAndNotOnTheHealthyOne() throws {
        let result = try Linter.collect(CheckOptions(paths: ["examples"].map { repositoryRoot.appendingPathComponent($0).path },
                                                   asOf: day("2026-11-20"), catalog: try RuleCatalog.builtIn()))
        func rules(in project: String) -> Set<String> {
            Set(result.findings.filter { $0.project.hasSuffix(project) }.map(\.finding.rule))
        }
        #expect(rules(in: "acme-crm").isEmpty)
        let troubled = rules(in: "northwind-portal")
        for id in ["kickoff-minutes", "status-report-overdue", "conflict-unaddressed", "scope-vague"] {
            #expect(troubled.contains(id), "\(id) should fire on northwind-portal")
        }
        #expect(rules(in: "globex-website").contains("retrospective-missing"))
        #expect(!result.findings.contains { $0.finding.category == "document" }, "the examples must be valid documents")
    }
}
