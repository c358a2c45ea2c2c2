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
}
