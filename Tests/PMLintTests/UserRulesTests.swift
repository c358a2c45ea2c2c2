import Foundation
import Testing
@testable import PMLint

@Suite("Teams' own rules")
struct UserRulesTests {
    let teamRules = ["--rules", "examples/team-rules"]

    @Test func aTeamRuleRunsAndIsListedLikeABuiltInOne() throws {
        let run = try runCLI(["check", "examples", "--as-of", "2026-11-20", "--select", "governance", "--format", "json"] + teamRules)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(Set(findings.compactMap { $0["project"] as? String }) == ["examples/huaxin-erp", "examples/northwind-portal"])
        #expect(findings.allSatisfy { $0["rule"] as? String == "steering-committee-monthly" && $0["category"] as? String == "governance" })

        let listed = try runCLI(["rules", "--format", "json"] + teamRules)
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]])
        #expect(rules.count == 51)
        #expect(rules.contains { $0["id"] as? String == "steering-committee-monthly" && $0["builtin"] as? Bool == false })
    }

    @Test func teamRuleExamplesRunAsTests() throws {
        let run = try runCLI(["rules", "--check-examples"] + teamRules)
        #expect(run.status == 0)
        #expect(run.out.contains("of 51 rules: all as expected"))
    }

    func brokenRule(_ text: String) throws -> (status: Int32, err: String, file: String) {
        let folder = try scratchFolder(["rules/team.yaml": text])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runCLI(["check", "examples", "--as-of", "2026-11-20", "--rules", folder.path + "/rules"])
        return (run.status, run.err, folder.path + "/rules/team.yaml")
    }

    static let valid = """
    id: team-rule
    category: team
    severity: info
    summary: {en: s}
    rationale: {en: r}
    source: ours
    check:
      kind: each
      items: log
      where: {type: meeting}
    message: {en: "{date}"}

    """

    @Test func brokenRuleFilesStopTheRunNamingFileAndLine() throws {
        let yaml = try brokenRule("id: [unclosed\n")
        #expect(yaml.status == 2)
        #expect(yaml.err.hasPrefix("pmlint: \(yaml.file):2:1: not valid YAML"))

        let kind = try brokenRule(Self.valid.replacingOccurrences(of: "kind: each", with: "kind: every"))
        #expect(kind.status == 2)
        #expect(kind.err.contains("team.yaml:8:9: `every` is not a valid `kind`"))

        let field = try brokenRule(Self.valid.replacingOccurrences(of: "{type: meeting}", with: "{typ: meeting}"))
        #expect(field.err.contains("team.yaml:10:11: `typ` is not a field of a log entry; did you mean `type`?"))

        let missing = try brokenRule(Self.valid.replacingOccurrences(of: "message: {en: \"{date}\"}\n", with: ""))
        #expect(missing.status == 2)
        #expect(missing.err.contains("has no `message`"))

        let clash = try brokenRule(Self.valid.replacingOccurrences(of: "id: team-rule", with: "id: kickoff-minutes"))
        #expect(clash.status == 2)
        #expect(clash.err.contains("team.yaml:1:5: rule id `kickoff-minutes` is already defined in rules/kickoff-minutes.yaml"))

        let unknownKey = try brokenRule(Self.valid + "exmaples: {}\n")
        #expect(unknownKey.err.contains("did you mean `examples`?"))
    }

    @Test func aMissingRuleFolderIsAUsageError() throws {
        let run = try runCLI(["check", "examples", "--rules", "no/such/rules"])
        #expect(run.status == 2)
        #expect(run.err == "pmlint: no/such/rules: no such rule folder\n")
    }

    /// Words compared with a field of fixed words are checked when the rule loads: each of
    /// these loaded and never fired.
    @Test(arguments: [
        ("{type: meetng}", "`meetng` is not a value of `type`", "did you mean `meeting`?"),
        ("{type: conflict, status: {not_in: [resolvd]}}", "`resolvd` is not a value of `status`", "did you mean `resolved`?"),
        ("{type: meeting, with: {person: {side: clinet}}}", "`clinet` is not a value of `side`", "did you mean `client`?"),
    ])
    func wordsOfAFixedListAreChecked(_ condition: String, _ problem: String, _ hint: String) throws {
        let run = try brokenRule(Self.valid.replacingOccurrences(of: "{type: meeting}", with: condition))
        #expect(run.status == 2)
        #expect(run.err.contains(problem), "\(run.err)")
        #expect(run.err.contains(hint))
    }

    /// What docs/writing-rules.md shows works: a `compare` against a number or a number
    /// parameter, and a gaps check's `factor: $factor`.
    @Test func numbersAndNumberParametersWorkWhereTheDocsShowThem() throws {
        let rule = """
            id: team-low-score
            category: team
            severity: warning
            summary: {en: s}
            rationale: {en: r}
            source: ours
            params: {lowest: 3, factor: 1.2}
            checks:
              - kind: each
                items: log
                where: {type: feedback, compare: [score, "<", $lowest]}
              - kind: gaps
                items: log
                where: {type: status_report}
                every: 1w
                factor: $factor
                message: {en: "gap before {date}"}
            message: {en: "score {score} on {date}"}

            """
        let plan = minimalPlan + """
            log:
              - {date: 2026-09-01, type: feedback, from: [li-wei], score: 2}
              - {date: 2026-09-02, type: feedback, from: [li-wei], score: 3}
              - {date: 2026-09-04, type: status_report, to: [li-wei]}
              - {date: 2026-09-13, type: status_report, to: [li-wei]}

            """
        let root = try scratchFolder(["team/r.yaml": rule, "p/plan.yaml": plan])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runCLI(["check", root.path + "/p", "--as-of", "2026-09-14", "--rules", root.path + "/team", "--select", "team"])
        #expect(run.err.isEmpty, "\(run.err)")
        #expect(run.out.contains("score 2 on 2026-09-01"))
        #expect(!run.out.contains("score 3"))
        #expect(run.out.contains("gap before 2026-09-13"))
        try rule.replacingOccurrences(of: "$lowest]", with: "$lowst]").write(to: root.appendingPathComponent("team/r.yaml"), atomically: true, encoding: .utf8)
        let typo = try runCLI(["check", root.path + "/p", "--as-of", "2026-09-14", "--rules", root.path + "/team"])
        #expect(typo.status == 2)
        #expect(typo.err.contains("`$lowst` names no parameter of this rule; did you mean `$lowest`?"))
    }

    @Test func theRuleAndConfigurationFormatsArePrinted() throws {
        for document in ["rule", "config"] {
            let run = try runCLI(["schema", document])
            #expect(run.status == 0)
            let schema = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
            #expect((schema["title"] as? String)?.contains(document == "rule" ? "rule file" : ".pmlint.yml") == true)
        }
    }
}
