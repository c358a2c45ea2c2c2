import Foundation
import Testing
@testable import PMLint

/// Each project runs its own pipeline to a report of plain values; reports come out in
/// discovery order, and everything a report or the brief says comes from those reports.
@Suite("Project pipeline")
struct PipelineTests {
    /// `count` projects, each with one unknown key named after its folder.
    private func portfolio(_ count: Int) throws -> URL {
        var files: [String: String] = [:]
        for number in 1...count {
            files["p\(number)/plan.yaml"] = minimalPlan + "misspelt_\(number): 1\n"
        }
        return try scratchFolder(files)
    }

    @Test func projectsAreReportedOnceEachInDiscoveryOrder() throws {
        // More projects than fit in one window of projects in flight on a machine of up to three cores.
        let root = try portfolio(7)
        defer { try? FileManager.default.removeItem(at: root) }
        var reported: [ProjectReport] = []
        let summary = try Linter.check(CheckOptions(paths: [root.path], asOf: day("2026-11-20"), catalog: RuleCatalog(rules: [])),
                                       report: { reported.append($0) })
        let expected = try Discovery.projects(in: [root.path]).map(\.path)
        #expect(reported.map(\.path) == expected)
        #expect(expected.count == 7)
        #expect(summary.projects == 7)
        // Each project's report holds its own findings and no other project's.
        for report in reported {
            let number = report.path.split(separator: "p").last.map(String.init) ?? ""
            #expect(report.findings.map(\.finding.message.en).contains { $0.contains("misspelt_\(number)") })
            #expect(report.findings.allSatisfy { $0.project == report.path && $0.finding.file.hasPrefix(report.path + "/") })
        }
        #expect(summary.count(.warning) == reported.map { $0.findings.count { $0.finding.severity == .warning } }.reduce(0, +))
    }

    @Test func aFindingCarriesItsSourceLineWithItsProjectGone() throws {
        let root = try portfolio(1)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Linter.collect(CheckOptions(paths: [root.path], asOf: day("2026-11-20"), catalog: RuleCatalog(rules: [])))
        let finding = try #require(result.findings.first { $0.finding.rule == "unknown-key" })
        #expect(finding.snippet?.lineText == "misspelt_1: 1")
    }

    @Test func theBriefListsWhatTheCheckReportsAfterConfigurationAndSuppressions() throws {
        let northwind = repositoryRoot.appendingPathComponent("examples/northwind-portal")
        let plan = try String(contentsOf: northwind.appendingPathComponent("plan.yaml"), encoding: .utf8)
        let log = try String(contentsOf: northwind.appendingPathComponent("log.yaml"), encoding: .utf8)
        func brief(_ extra: [String: String]) throws -> Brief {
            let root = try scratchFolder(["p/plan.yaml": plan, "p/log.yaml": log].merging(extra) { $1 })
            defer { try? FileManager.default.removeItem(at: root) }
            var options = CheckOptions(paths: [root.path + "/p"], asOf: day("2026-11-20"), catalog: try RuleCatalog.builtIn())
            options.briefs = true
            return try #require(try Linter.collect(options).projects.first?.brief)
        }
        let plain = try brief([:])
        #expect(plain.overdueMilestones.map(\.text) == ["m2: Beta release to 50 pilot customers"])
        #expect(plain.changes.map(\.text) == ["cr1: Live chat with the support team"])
        // A team that turned a rule off is not told about it in the brief either.
        let configured = try brief(["p/.pmlint.yml": "rules:\n  milestone-overdue: off\n"])
        #expect(configured.overdueMilestones.isEmpty)
        #expect(configured.changes.map(\.text) == plain.changes.map(\.text))
        // Nor about a finding suppressed with a reason.
        let suppressed = try brief(["p/plan.yaml": "# pmlint-disable change-unanswered -- answer agreed by phone for 11-24\n" + plan])
        #expect(suppressed.changes.isEmpty)
        #expect(suppressed.overdueMilestones.map(\.text) == plain.overdueMilestones.map(\.text))
    }

    @Test func aReportIsNeverWrittenOverAFileOfAProjectReadLater() throws {
        let root = try portfolio(3)
        defer { try? FileManager.default.removeItem(at: root) }
        let last = root.appendingPathComponent("p3/plan.yaml")
        let before = try String(contentsOf: last, encoding: .utf8)
        let run = try runCLI(["check", root.path, "--as-of", "2026-11-20", "--format", "json", "--output", last.path])
        #expect(run.status == 2)
        #expect(run.err.contains("refusing to write the report over an input file"))
        #expect(try String(contentsOf: last, encoding: .utf8) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("p3").path) == ["plan.yaml"])
    }
}
