import Foundation
import Testing
@testable import PMLint

/// Every rule file's own examples are its tests: adding a rule adds them, with no test code.
@Suite("Rule files")
struct RuleExamplesTests {
    static let loaded = Result { () throws(LocatedError) -> RuleCatalog in try RuleCatalog.builtIn() }
    static let catalog = (try? loaded.get()) ?? RuleCatalog(rules: [])

    static var ruleIDs: [String] { catalog.rules.map(\.id) }

    @Test func builtInRulesLoad() {
        if case .failure(let error) = Self.loaded { Issue.record("a built-in rule file is broken: \(error)") }
        #expect(Self.catalog.rules.count == 50)
    }

    @Test(arguments: ruleIDs)
    func examplesFireAndPassWhereTheySay(_ id: String) throws {
        let rule = try #require(Self.catalog.rule(id))
        let failures = rule.checkExamples()
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: ruleIDs)
    func everyRuleIsCompleteInBothLanguages(_ id: String) throws {
        let rule = try #require(Self.catalog.rule(id))
        #expect(rule.file.path == "rules/\(id).yaml")
        for text in [rule.summary, rule.rationale, rule.message] + (rule.fix.map { [$0] } ?? []) {
            #expect(!text.en.isEmpty && !text.zh.isEmpty, "\(id) lacks a Chinese or English text")
        }
        #expect(rule.fix != nil, "\(id) has no fix")
        #expect(!rule.source.isEmpty)
    }

    /// The example runner itself catches wrong examples.
    @Test func wrongExamplesAreReported() throws {
        let text = """
        id: team-rule
        category: team
        severity: info
        summary: {en: s}
        rationale: {en: r}
        source: ours
        check: {kind: each, items: milestones}
        message: {en: "{id}"}
        examples:
          fire:
            - as_of: 2026-09-10
              at: milestones[1]
              plan: {project: {name: D, client: C, start: 2026-09-01}, milestones: [{id: m1, name: A, due: 2026-10-01}]}
            - as_of: 2026-09-10
              plan: {project: {name: D, client: C, start: 2026-09-01}}
          pass:
            - as_of: 2026-09-10
              plan: {project: {name: D, client: C, start: 2026-09-01}, milestones: [{id: m1, name: A, due: 2026-10-01}]}
            - as_of: 2026-09-10
              plan: {project: {name: D, start: 2026-09-01}}

        """
        let rule = try RuleLoader.load(path: "team.yaml", bytes: Array(text.utf8), isBuiltIn: false)
        let problems = rule.checkExamples().map(\.problem)
        #expect(problems.count == 4)
        #expect(problems[0] == "expected a finding at `milestones[1]`, got `milestones[0]`")
        #expect(problems[1] == "expected the rule to fire, it did not")
        #expect(problems[2].hasPrefix("expected no finding, got: m1"))
        #expect(problems[3].contains("not a valid project"))
    }
}
