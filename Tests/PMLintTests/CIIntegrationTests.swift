import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PMLint

@Suite("CI formats")
struct FormatTests {
    let examples = ["check", "examples", "--as-of", "2026-11-20"]

    @Test(arguments: ["sarif", "github", "junit", "markdown"])
    func goldenOutputOnTheExamples(_ format: String) throws {
        let run = try runCLI(examples + ["--format", format])
        #expect(run.status == 0)
        try expectGolden(run.out, "check-examples.\(format)")
    }

    /// What GitHub code scanning needs of a SARIF upload.
    @Test func sarifHasWhatCodeScanningRequires() throws {
        let run = try runCLI(examples + ["--format", "sarif"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "pmlint")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids.count == 50 + DocumentRule.allCases.count)
        for rule in rules {
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["fullDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["help"] as? [String: Any])?["text"] is String)
        }
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == 52)
        for result in results {
            let ruleId = try #require(result["ruleId"] as? String)
            #expect(ids.contains(ruleId))
            #expect(result["ruleIndex"] as? Int == ids.firstIndex(of: ruleId))
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = try #require((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
            #expect(uri.hasPrefix("examples/"))
            let region = try #require(location["region"] as? [String: Int])
            #expect(region["startLine"]! >= 1 && region["startColumn"]! >= 1)
            #expect(region["endLine"]! >= region["startLine"]!)
        }
    }

    @Test func githubCommandsEscapeTheirData() {
        let reporter = GitHubReporter(language: .en)
        #expect(reporter.escapeData("50% done\nnext") == "50%25 done%0Anext")
        #expect(reporter.escapeProperty("a:b,c") == "a%3Ab%2Cc")
    }

    /// Findings below --fail-on are reported in the case's output and fail no test case, as
    /// they fail no run (info findings were failures with the default fail-on of error).
    @Test func junitIsWellFormedXMLAndFailsWhatFailsTheRun() throws {
        let run = try runCLI(examples + ["--format", "junit"])
        let document = try XMLDocument(xmlString: run.out)
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 4)
        // The examples have no error: with the default --fail-on error nothing fails.
        #expect(try document.nodes(forXPath: "//failure").count == 0)
        #expect(try document.nodes(forXPath: "//testcase/system-out").count > 0)
        let warnings = try XMLDocument(xmlString: runCLI(examples + ["--format", "junit", "--fail-on", "warning"]).out)
        #expect(try warnings.nodes(forXPath: "//failure").count == 29)
        #expect(try warnings.nodes(forXPath: "//failure[@type='info']").count == 0)
        #expect(try warnings.rootElement()?.attribute(forName: "failures")?.stringValue == "29")
        let all = try XMLDocument(xmlString: runCLI(examples + ["--format", "junit", "--fail-on", "info"]).out)
        #expect(try all.nodes(forXPath: "//failure").count == 52)
    }
}

@Suite("Baseline")
struct BaselineTests {
    @Test func roundTrip() throws {
        let plan = minimalPlan + "milestones:\n  - {id: m1, name: Beta, due: 2026-10-01}\n  - {id: m2, name: Launch, due: 2026-10-15}\n"
        let root = try scratchFolder(["p/plan.yaml": plan])
        defer { try? FileManager.default.removeItem(at: root) }
        let baseline = root.appendingPathComponent("baseline.json").path
        let check = ["check", root.path + "/p", "--as-of", "2026-11-20", "--select", "milestones", "--format", "json"]
        func rules(_ run: (status: Int32, out: String, err: String)) throws -> [String] {
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
            return (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        }
        let before = try runCLI(check + ["--fail-on", "info"])
        #expect(try rules(before).filter { $0 == "milestone-overdue" }.count == 2)

        let write = try runCLI(check + ["--write-baseline", baseline])
        #expect(write.status == 0)
        #expect(write.err.contains("recorded 6 findings"))

        let clean = try runCLI(check + ["--baseline", baseline, "--fail-on", "info"])
        #expect(clean.status == 0)
        #expect(try rules(clean).isEmpty)

        // Lines move and a new problem appears: only the new one shows.
        try ("# moved\n\n" + plan + "  - {id: m3, name: Training, due: 2026-11-01}\n")
            .write(toFile: root.path + "/p/plan.yaml", atomically: true, encoding: .utf8)
        let added = try runCLI(check + ["--baseline", baseline])
        #expect(try rules(added).sorted() == ["milestone-no-criteria", "milestone-no-reviewer", "milestone-overdue"])

        // A recorded problem is fixed: the baseline reports it as stale.
        try (minimalPlan + "milestones:\n  - {id: m1, name: Beta, due: 2026-10-01, done_on: 2026-09-30}\n  - {id: m2, name: Launch, due: 2026-10-15}\n")
            .write(toFile: root.path + "/p/plan.yaml", atomically: true, encoding: .utf8)
        let fixed = try runCLI(check + ["--baseline", baseline])
        let stale = try rules(fixed)
        #expect(stale.contains("baseline-stale"))
        #expect(!stale.contains("milestone-overdue"))
        let text = try runCLI(["check", root.path + "/p", "--as-of", "2026-11-20", "--select", "milestones", "--baseline", baseline])
        #expect(text.out.contains("baseline.json:"))
        #expect(text.out.contains("in the baseline)"))
    }

    @Test func aBrokenBaselineIsAnError() throws {
        let root = try scratchFolder(["p/plan.yaml": minimalPlan, "b.json": "{\"not\": \"a baseline\"}"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runCLI(["check", root.path + "/p", "--baseline", root.path + "/b.json"])
        #expect(run.status == 2)
        #expect(run.err.contains("not a pmlint baseline"))
    }
}

@Suite("Suppressions")
struct SuppressionTests {
    /// Rule ids of the findings, and how many were suppressed.
    func check(_ plan: String, log: String? = nil) throws -> (rules: [String], suppressed: Int, lines: [Int]) {
        var files = ["p/plan.yaml": plan]
        if let log { files["p/log.yaml"] = log }
        let root = try scratchFolder(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Linter.collect(CheckOptions(paths: [root.path + "/p"], asOf: day("2026-11-20"), catalog: try RuleCatalog.builtIn(),
                                                   selection: RuleSelection(select: ["milestones", "suppression", "conflicts"])))
        return (result.findings.map(\.finding.rule), result.suppressed.count, result.findings.map(\.finding.span.start.line))
    }

    let milestone = "milestones:\n  - id: m1\n    name: Beta\n    due: 2026-10-01\n    reviewer: li-wei\n    deliverables: [Beta build]\n"

    @Test func itemKeyWithAReasonHides() throws {
        let found = try check(minimalPlan + milestone + "    x-pmlint-ignore: {milestone-overdue: \"new date agreed\"}\n")
        #expect(found.rules.isEmpty)
        #expect(found.suppressed == 1)
    }

    @Test func itemKeyWithoutAReasonIsInvalidAndHidesNothing() throws {
        let found = try check(minimalPlan + milestone + "    x-pmlint-ignore: {milestone-overdue: \"\"}\n")
        #expect(found.rules.sorted() == ["milestone-overdue", "suppression-invalid"])
    }

    @Test func unknownRuleIsInvalidWithASuggestion() throws {
        let root = try scratchFolder(["p/plan.yaml": minimalPlan + milestone + "    x-pmlint-ignore: {milestone-overdu: \"x\"}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Linter.collect(CheckOptions(paths: [root.path + "/p"], asOf: day("2026-11-20"), catalog: try RuleCatalog.builtIn()))
        let invalid = try #require(result.findings.first { $0.finding.rule == "suppression-invalid" })
        #expect(invalid.finding.message.en.contains("did you mean `milestone-overdue`?"))
        #expect(invalid.finding.span.start.line == 19)
    }

    @Test func unusedSuppressionIsReported() throws {
        let found = try check(minimalPlan + milestone.replacingOccurrences(of: "2026-10-01", with: "2026-12-01")
                              + "    x-pmlint-ignore: {milestone-overdue: \"new date agreed\"}\n")
        #expect(found.rules == ["suppression-unused"])
        #expect(found.lines == [19])
    }

    @Test func nextLineCommentBeforeTheItemHidesItsFindings() throws {
        let plan = minimalPlan + "milestones:\n  # pmlint-disable-next-line milestone-overdue -- contract amendment pending\n" + milestone.dropFirst("milestones:\n".count)
        let found = try check(plan)
        #expect(found.rules.isEmpty)
        #expect(found.suppressed == 1)
    }

    @Test func commentsWorkInAFileWithWindowsLineEndings() throws {
        let plan = minimalPlan + "milestones:\n  # pmlint-disable-next-line milestone-overdue -- contract amendment pending\n" + milestone.dropFirst("milestones:\n".count)
        let found = try check(plan.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(found.rules.isEmpty)
        #expect(found.suppressed == 1)
    }

    @Test func nextLineCommentWithoutReasonIsInvalid() throws {
        let plan = minimalPlan + "milestones:\n  # pmlint-disable-next-line milestone-overdue\n" + milestone.dropFirst("milestones:\n".count)
        #expect(try check(plan).rules.sorted() == ["milestone-overdue", "suppression-invalid"])
    }

    @Test func fileCommentByCategoryHidesTheWholeFile() throws {
        let found = try check("# pmlint-disable milestones -- tracked in the client's own tool\n" + minimalPlan + milestone)
        #expect(found.rules.isEmpty)
        #expect(found.suppressed == 1)
    }

    @Test func commentsInTheLogFileWork() throws {
        let log = "log:\n  # pmlint-disable-next-line conflict-unaddressed, conflict-stale -- handled by the account director\n  - {date: 2026-10-01, type: conflict, id: c1}\n"
        // A milestone not yet due, so that only the conflict's findings are in question.
        let found = try check(minimalPlan + milestone.replacingOccurrences(of: "2026-10-01", with: "2026-12-01"), log: log)
        #expect(found.rules.isEmpty)
        #expect(found.suppressed == 2)
    }

    @Test func summaryCountsSuppressed() throws {
        let root = try scratchFolder(["p/plan.yaml": minimalPlan + milestone + "    x-pmlint-ignore: {milestone-overdue: \"agreed\"}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try runCLI(["check", root.path + "/p", "--as-of", "2026-11-20", "--select", "milestones"])
        #expect(text.out.hasSuffix("no problems found in 1 project (1 suppressed)\n"))
        let sarif = try runCLI(["check", root.path + "/p", "--as-of", "2026-11-20", "--select", "milestones", "--format", "sarif"])
        #expect(sarif.out.contains("\"justification\": \"agreed\""))
    }
}

@Suite("Configuration")
struct ConfigurationTests {
    let milestone = "milestones:\n  - {id: m1, name: Beta, due: 2026-10-01, reviewer: li-wei}\n"

    func run(config: String, extra: [String: String] = [:], arguments: [String] = []) throws -> (status: Int32, out: String, err: String) {
        var files = ["repo/.pmlint.yml": config, "repo/p/plan.yaml": minimalPlan + milestone, "repo/.git/HEAD": "ref"]
        for (path, text) in extra { files[path] = text }
        let root = try scratchFolder(files)
        defer { try? FileManager.default.removeItem(at: root) }
        return try runCLI(["check", "p", "--as-of", "2026-11-20"] + arguments, in: root.appendingPathComponent("repo"))
    }

    @Test func severityParamsAndOff() throws {
        let strict = try run(config: "rules:\n  milestone-overdue: {severity: error}\n", arguments: ["--select", "milestones"])
        #expect(strict.status == 1)
        #expect(strict.out.contains("error[milestone-overdue]"))
        let off = try run(config: "rules:\n  milestone-overdue: off\n", arguments: ["--select", "milestones"])
        #expect(!off.out.contains("milestone-overdue"))
        // Li Wei has never appeared in the log of a project started 80 days before as-of.
        let params = try run(config: "rules:\n  stakeholder-uncontacted: {within: 120d}\n", arguments: ["--select", "stakeholders"])
        #expect(!params.out.contains("stakeholder-uncontacted"))
        let defaults = try run(config: "lang: en\n", arguments: ["--select", "stakeholders"])
        #expect(defaults.out.contains("stakeholder-uncontacted"))
    }

    @Test func langAndFailOn() throws {
        let zh = try run(config: "lang: zh\nfail_on: warning\n", arguments: ["--select", "milestones"])
        #expect(zh.out.contains("目前仍未完成"))
        #expect(zh.status == 1)
        let flagWins = try run(config: "lang: zh\nfail_on: warning\n", arguments: ["--select", "milestones", "--lang", "en", "--fail-on", "error"])
        #expect(flagWins.out.contains("is not done"))
        #expect(flagWins.status == 0)
    }

    @Test func vagueTermsAndExtraRules() throws {
        let plan = minimalPlan + "scope:\n  objectives: [A world-class portal with some reports, by 2027-01-31]\n"
        let root = try scratchFolder([
            "repo/.pmlint.yml": "vague_terms: {add: [world-class portal], remove: [some]}\nextra_rules: [team]\n",
            "repo/team/r.yaml": UserRulesTests.valid, "repo/p/plan.yaml": plan, "repo/.git/HEAD": "ref",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runCLI(["check", "p", "--as-of", "2026-11-20", "--select", "scope-vague", "--select", "team"],
                             in: root.appendingPathComponent("repo"))
        #expect(run.out.contains("\"world-class portal\" in `objectives` of the scope is vague"))
        #expect(!run.out.contains("\"some\""))
        #expect(run.status == 0)
    }

    @Test func theSearchStopsAtTheRepositoryRoot() throws {
        let root = try scratchFolder([".pmlint.yml": "rules:\n  milestone-overdue: off\n", "repo/.git/HEAD": "ref", "repo/p/plan.yaml": minimalPlan + milestone])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(Configuration.find(from: root.path + "/repo/p") == nil)
        try "lang: en\n".write(toFile: root.path + "/repo/.pmlint.yaml", atomically: true, encoding: .utf8)
        #expect(Configuration.find(from: root.path + "/repo/p") == root.path + "/repo/.pmlint.yaml")
    }

    @Test(arguments: [
        ("rulez: {}\n", ".pmlint.yml:1:1: unknown key `rulez`", "did you mean `rules`?"),
        ("rules:\n  milestone-overdu: off\n", ".pmlint.yml:2:3: `milestone-overdu` is not a rule id", "did you mean `milestone-overdue`?"),
        ("rules:\n  milestone-not-accepted: {withn: 5d}\n", ".pmlint.yml:2:28: `milestone-not-accepted` has no setting `withn`", "did you mean `within`?"),
        ("rules:\n  milestone-overdue: {severity: fatal}\n", ".pmlint.yml:2:33: `fatal` is not a severity", ""),
        ("rules:\n  milestone-not-accepted: {within: soon}\n", ".pmlint.yml:2:36: `soon` is not a duration", ""),
        ("fail_on: warnings\n", ".pmlint.yml:1:10: `warnings` is not a valid `fail_on`", "did you mean `warning`?"),
        ("extra_rules: [missing]\n", ".pmlint.yml:1:15: ", "no such rule folder"),
        ("rules: [\n", ".pmlint.yml:2:1: not valid YAML", ""),
    ])
    func configErrorsAreLocated(_ config: String, _ located: String, _ hint: String) throws {
        let result = try run(config: config)
        #expect(result.status == 2)
        #expect(result.err.contains(located), "\(result.err)")
        #expect(hint.isEmpty || result.err.contains(hint))
    }
}

/// What CI needs of reports and baselines: the same identities however pmlint is run.
@Suite("CI identities")
struct CIIdentityTests {
    func repository() throws -> URL {
        let milestone = "milestones:\n  - {id: m1, name: Beta, due: 2026-10-01}\n"
        return try scratchFolder(["repo/.git/HEAD": "ref", "repo/projects/a/plan.yaml": minimalPlan + milestone,
                                  "repo/projects/b/plan.yaml": minimalPlan + milestone])
    }

    func sarifResults(_ run: (status: Int32, out: String, err: String)) throws -> [(uri: String, base: String, fingerprint: String)] {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        return results.map { result in
            let location = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
            return (location?["uri"] as? String ?? "", location?["uriBaseId"] as? String ?? "",
                    (result["partialFingerprints"] as? [String: String])?["pmlint/v1"] ?? "")
        }
    }

    /// From the root, from a subfolder, and with an absolute path: the same URIs, relative to
    /// the repository root, and the same fingerprints (they differed, breaking GitHub's mapping
    /// of results to files and every baseline).
    @Test func sarifLocationsAndFingerprintsDoNotDependOnHowPmlintIsRun() throws {
        let root = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let repo = root.appendingPathComponent("repo")
        let arguments = ["--as-of", "2026-11-20", "--format", "sarif", "--select", "milestone-overdue"]
        let fromRoot = try sarifResults(runCLI(["check", "projects/a"] + arguments, in: repo))
        let fromSubfolder = try sarifResults(runCLI(["check", "a"] + arguments, in: repo.appendingPathComponent("projects")))
        let absolute = try sarifResults(runCLI(["check", repo.path + "/projects/a"] + arguments, in: root))
        #expect(fromRoot.count == 1)
        #expect(fromRoot.first?.uri == "projects/a/plan.yaml" && fromRoot.first?.base == "%SRCROOT%")
        for other in [fromSubfolder, absolute] {
            #expect(other.map(\.uri) == fromRoot.map(\.uri))
            #expect(other.map(\.fingerprint) == fromRoot.map(\.fingerprint))
        }
    }

    /// A baseline of the whole repository, used on one project or with --select: only what
    /// this run could have produced may be stale (every other entry was reported stale, and
    /// --fail-on info then failed).
    @Test func onlyWhatARunCouldProduceIsStale() throws {
        let root = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let repo = root.appendingPathComponent("repo")
        let written = try runCLI(["check", ".", "--as-of", "2026-11-20", "--write-baseline", "baseline.json"], in: repo)
        #expect(written.status == 0)
        let oneProject = try runCLI(["check", "projects/a", "--as-of", "2026-11-20", "--baseline", "baseline.json", "--fail-on", "info"], in: repo)
        #expect(oneProject.status == 0, "\(oneProject.out)")
        #expect(!oneProject.out.contains("baseline-stale"))
        let selected = try runCLI(["check", ".", "--as-of", "2026-11-20", "--baseline", "baseline.json", "--select", "milestones", "--fail-on", "info"], in: repo)
        #expect(selected.status == 0, "\(selected.out)")
        // What the run could have produced and did not is still stale: m1 done in project a.
        try (minimalPlan + "milestones:\n  - {id: m1, name: Beta, due: 2026-10-01, done_on: 2026-09-30, reviewer: li-wei, deliverables: [x]}\n")
            .write(to: repo.appendingPathComponent("projects/a/plan.yaml"), atomically: true, encoding: .utf8)
        let fixed = try runCLI(["check", "projects/a", "--as-of", "2026-11-20", "--baseline", "baseline.json", "--select", "milestone-overdue", "--fail-on", "info"], in: repo)
        #expect(fixed.status == 1)
        #expect(fixed.out.contains("baseline-stale"))
        #expect(fixed.out.components(separatedBy: "baseline-stale").count == 2)
    }

    /// Entries without an id are known by their date, type and first text, not their place:
    /// one back-dated entry inserted mid-log made four baseline entries stale and two findings
    /// "new". Now only the inserted entry's finding is new.
    @Test func anEntryInsertedMidLogChangesNoOtherFingerprint() throws {
        func report(_ date: String, _ done: String) -> String {
            "  - {date: \(date), type: status_report, to: [li-wei], done: [\(done)]}\n"
        }
        let root = try scratchFolder(["repo/.git/HEAD": "ref", "repo/p/plan.yaml": minimalPlan,
                                      "repo/p/log.yaml": "log:\n" + report("2026-09-04", "Design") + report("2026-09-11", "Build")
                                          + report("2026-09-18", "Test") + report("2026-09-25", "Release")])
        defer { try? FileManager.default.removeItem(at: root) }
        let repo = root.appendingPathComponent("repo")
        let arguments = ["check", "p", "--as-of", "2026-09-26", "--select", "status-report-content"]
        #expect(try runCLI(arguments + ["--write-baseline", "baseline.json"], in: repo).status == 0)
        try ("log:\n" + report("2026-09-04", "Design") + report("2026-09-08", "Kick-off notes") + report("2026-09-11", "Build")
             + report("2026-09-18", "Test") + report("2026-09-25", "Release"))
            .write(to: repo.appendingPathComponent("p/log.yaml"), atomically: true, encoding: .utf8)
        let run = try runCLI(arguments + ["--baseline", "baseline.json", "--fail-on", "info"], in: repo)
        #expect(run.status == 1)
        #expect(!run.out.contains("baseline-stale"), "\(run.out)")
        #expect(run.out.components(separatedBy: "[status-report-content]").count == 2, "\(run.out)")
        #expect(run.out.contains("2026-09-08"))
    }
}

/// Runs of the rules on other days (`due`) apply suppressions but leave out the suppressions'
/// own findings: a suppression that hides nothing on some day is not something falling due.
@Test func suppressionsOnlyHideInRunsOnOtherDays() {
    let read = project(plan: """
        project: {name: Demo, client: Acme, start: 2026-09-01}
        milestones:
          - {id: m1, name: Beta, due: 2026-12-01, x-pmlint-ignore: {milestone-overdue: "new date agreed"}}
        """)
    let known = try! RuleCatalog.builtIn().selectable
    let audited = SuppressionAudit(findings: [], suppressions: read.suppressions, itemsStartingOn: read.itemsByLine, known: known)
    #expect(audited.kept.map(\.rule) == ["suppression-unused"])
    let hiding = SuppressionAudit(findings: [], suppressions: read.suppressions, itemsStartingOn: read.itemsByLine, known: known,
                                  auditing: false)
    #expect(hiding.kept.isEmpty)
}
