import Foundation
import Testing
@testable import PMLint

/// Every rule file's own examples are its tests: adding a rule adds them, with no test code.
@Suite("Rule files")
struct RuleExamplesTests {
    static let loaded = Result { () throws(RuleFileError) -> RuleCatalog in try RuleCatalog.builtIn() }
    static let catalog = (try? loaded.get()) ?? RuleCatalog(rules: [])

    @Test func builtInRulesLoad() {
        if case .failure(let error) = Self.loaded { Issue.record("a built-in rule file is broken: \(error)") }
        #expect(Self.catalog.rules.count >= 24)
    }

    static var ruleIDs: [String] { catalog.rules.map(\.id) }

    @Test(arguments: ruleIDs)
    func examplesFireAndPassWhereTheySay(_ id: String) throws {
        let rule = try #require(Self.catalog.rule(id))
        for example in rule.examples {
            let where_ = "\(rule.file.path):\(example.span.start.line)"
            let project = Project(location: ProjectLocation(path: "example", plan: rule.file.path, log: nil),
                                  planFile: rule.file, planNode: example.planNode, logFile: nil, asOf: example.asOf)
            #expect(project.findings.isEmpty, "\(where_): the example itself is not a valid project: \(project.findings.map(\.message.en))")
            let findings = RuleEngine(rules: [rule]).findings(for: project, asOf: example.asOf)
            if example.fires {
                #expect(!findings.isEmpty, "\(where_): expected \(id) to fire")
                if let at = example.at {
                    #expect(findings.contains { $0.path == at }, "\(where_): expected a finding at \(at), got \(findings.map(\.path))")
                }
            } else {
                #expect(findings.isEmpty, "\(where_): expected \(id) to pass, got: \(findings.map(\.message.en))")
            }
        }
    }

    @Test(arguments: ruleIDs)
    func everyRuleHasFiringAndPassingExamplesAndBothLanguages(_ id: String) throws {
        let rule = try #require(Self.catalog.rule(id))
        #expect(rule.examples.contains { $0.fires }, "\(id) has no example that fires")
        #expect(rule.examples.contains { !$0.fires }, "\(id) has no example that passes")
        #expect(rule.file.path == "rules/\(id).yaml")
        for text in [rule.summary, rule.rationale, rule.message] + (rule.fix.map { [$0] } ?? []) {
            #expect(!text.en.isEmpty && !text.zh.isEmpty, "\(id) lacks a Chinese or English text")
        }
        #expect(rule.fix != nil, "\(id) has no fix")
        #expect(!rule.source.isEmpty)
    }
}
