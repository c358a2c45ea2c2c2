import Foundation
import Testing
@testable import PMLint

@Suite("Command line")
struct CLITests {
    @Test func examplesGoldenText() throws {
        let run = try runCLI(["check", "examples", "--as-of", "2026-11-20"])
        #expect(run.status == 0, "the examples have warnings and infos but no errors")
        try expectGolden(run.out, "check-examples.txt")
    }

    @Test func examplesGoldenTextInChinese() throws {
        let run = try runCLI(["check", "examples", "--as-of", "2026-11-20", "--lang", "zh", "--explain"])
        try expectGolden(run.out, "check-examples.zh.txt")
    }

    @Test func examplesGoldenJSON() throws {
        let run = try runCLI(["check", "examples", "--as-of", "2026-11-20", "--format", "json"])
        try expectGolden(run.out, "check-examples.json")
    }

    @Test func brokenProjectGoldenText() throws {
        let run = try runCLI(["check", "Tests/PMLintTests/Fixtures/broken", "--as-of", "2026-11-20"])
        #expect(run.status == 1)
        try expectGolden(run.out, "check-broken.txt")
    }

    @Test func brokenProjectGoldenTextInChinese() throws {
        let run = try runCLI(["check", "Tests/PMLintTests/Fixtures/broken", "--as-of", "2026-11-20", "--lang", "zh"])
        try expectGolden(run.out, "check-broken.zh.txt")
    }

    @Test func brokenProjectGoldenJSON() throws {
        let run = try runCLI(["check", "Tests/PMLintTests/Fixtures/broken", "--as-of", "2026-11-20", "--format", "json"])
        #expect(run.status == 1)
        try expectGolden(run.out, "check-broken.json")
    }

    @Test func syntaxErrorIsAFindingWithExitOne() throws {
        let run = try runCLI(["check", "Tests/PMLintTests/Fixtures/syntax", "--as-of", "2026-11-20"])
        #expect(run.status == 1)
        #expect(run.out.contains("Tests/PMLintTests/Fixtures/syntax/plan.yaml:4:1: error[yaml-syntax]"))
        #expect(run.out.contains("flow sequence"))
    }

    @Test func langComesFromTheEnvironment() throws {
        let run = try runCLI(["check", "Tests/PMLintTests/Fixtures/broken", "--as-of", "2026-11-20"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(run.out.contains("个项目中发现"))
    }

    @Test func exitCodes() throws {
        #expect(try runCLI(["check", "examples", "--as-of", "2026-11-20", "--fail-on", "never"]).status == 0)
        #expect(try runCLI(["check", "Tests/PMLintTests/Fixtures/broken", "--as-of", "2026-11-20", "--fail-on", "never"]).status == 0)
        #expect(try runCLI(["check", "Tests/PMLintTests/Fixtures/broken", "--as-of", "2026-11-20", "--fail-on", "info"]).status == 1)
        let missing = try runCLI(["check", "no/such/folder"])
        #expect(missing.status == 2)
        #expect(missing.err == "pmlint: no/such/folder: no such file or directory\n")
        #expect(try runCLI(["check", "--format", "yaml"]).status == 2)
        #expect(try runCLI(["check", "--as-of", "2026-02-30", "examples"]).status == 2)
        #expect(try runCLI(["--help"]).status == 0)
    }

    /// The README's first command, its tour of the output and its count stay true.
    @Test func theReadmeShowsWhatTheFirstCommandPrints() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("swift run pmlint check examples --as-of 2026-11-20"))
        let run = try runCLI(["check", "examples", "--as-of", "2026-11-20"])
        #expect(run.status == 0)
        let summary = try #require(run.out.split(separator: "\n").last.map(String.init))
        #expect(readme.contains("(`\(summary)`)"), "README counts differ from: \(summary)")
        let tour = try #require(readme.components(separatedBy: "```\nexamples/northwind-portal/log.yaml:2:5: warning[kickoff-minutes]").last?
            .components(separatedBy: "```").first)
        #expect(run.out.contains("examples/northwind-portal/log.yaml:2:5: warning[kickoff-minutes]" + tour))
    }

    @Test func warningsFailOnlyWhenAsked() throws {
        // A log entry dated after as-of is a warning.
        let root = try scratchFolder(["p/plan.yaml": minimalPlan + "log:\n  - {date: 2026-12-01, type: note, summary: planned}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let documentOnly = ["check", root.path, "--as-of", "2026-11-20", "--select", "document"]
        #expect(try runCLI(documentOnly).status == 0)
        #expect(try runCLI(documentOnly + ["--fail-on", "warning"]).status == 1)
    }

    @Test func outputIsWrittenAtomicallyAndNeverOverAnInput() throws {
        let root = try scratchFolder(["p/plan.yaml": minimalPlan])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = root.appendingPathComponent("report.json")
        let run = try runCLI(["check", root.path + "/p", "--format", "json", "--output", report.path, "--as-of", "2026-11-20", "--select", "document"])
        #expect(run.status == 0)
        #expect(run.out.isEmpty)
        #expect(try String(contentsOf: report, encoding: .utf8).contains("\"version\": 1"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["p", "report.json"])

        let plan = root.appendingPathComponent("p/plan.yaml")
        let overwrite = try runCLI(["check", root.path + "/p", "--output", plan.path])
        #expect(overwrite.status == 2)
        #expect(overwrite.err.contains("refusing to write the report over an input file"))
        #expect(try String(contentsOf: plan, encoding: .utf8) == minimalPlan)

        let unwritable = try runCLI(["check", root.path + "/p", "--output", root.path + "/no/such/dir/r.txt"])
        #expect(unwritable.status == 2)
        #expect(unwritable.err.contains("cannot write the report"))
    }

    @Test func colorOnlyWhenAskedOrOnATerminal() throws {
        let args = ["check", "Tests/PMLintTests/Fixtures/broken", "--as-of", "2026-11-20"]
        #expect(!(try runCLI(args).out.contains("\u{1B}[")))
        #expect(try runCLI(args + ["--color", "always"]).out.contains("\u{1B}["))
    }

    @Test func fingerprintsIgnoreLineNumbers() throws {
        let root = try scratchFolder(["p/plan.yaml": minimalPlan + "stakholders: []\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        func fingerprints() throws -> [String] {
            let result = try Linter.collect(CheckOptions(paths: [root.path + "/p"], asOf: day("2026-11-20"), catalog: try RuleCatalog.builtIn(),
                                                       selection: RuleSelection(select: ["document"])))
            return result.findings.map(\.fingerprint)
        }
        let before = try fingerprints()
        try ("# moved down\n\n" + minimalPlan + "stakholders: []\n").write(
            to: root.appendingPathComponent("p/plan.yaml"), atomically: true, encoding: .utf8)
        let after = try fingerprints()
        #expect(before.count == 1)
        #expect(before == after)
    }
}
