import Foundation
import Testing
@testable import PMLint

/// Whatever the bytes, pmlint ends with a finding (exit 1) or a clear error (exit 2): never a
/// crash, a hang or a signal, and it never changes a file it reads.
@Suite("Hostile input")
struct HostileInputTests {
    /// Runs `pmlint check` on a plan made of these bytes; returns exit status, output and errors.
    func check(_ bytes: [UInt8], _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        let root = try scratchFolder(["p/log.yml": "log: []\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(bytes).write(to: root.appendingPathComponent("p/plan.yaml"))
        return try runCLI(["check", root.path + "/p", "--as-of", "2026-11-20"] + extra)
    }

    func check(_ text: String, _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        try check(Array(text.utf8), extra)
    }

    /// Aliases the schema would follow level by level (entries, their actions) cost a budget
    /// proportional to the file, not to the expansion.
    @Test func billionLaughsInTheSchemaIsBudgeted() throws {
        var text = "project: {name: A, client: B, start: 2026-09-01}\nx-action: &a {what: x}\n"
        text += "x-actions: &actions [" + Array(repeating: "*a", count: 300).joined(separator: ", ") + "]\n"
        text += "x-entry: &e {date: 2026-09-01, type: note, actions: *actions}\n"
        text += "log: [" + Array(repeating: "*e", count: 300).joined(separator: ", ") + "]\n"
        let run = try check(text)
        #expect(run.status == 1)
        #expect(run.out.contains("limit-exceeded"))
    }

    @Test func tooManyAliasesIsALimit() throws {
        let text = "a: &a x\nb: [" + Array(repeating: "*a", count: 200).joined(separator: ", ") + "]\n"
        let run = try check(text, ["--max-aliases", "100"])
        #expect(run.status == 1)
        #expect(run.out.contains("limit-exceeded"))
        #expect(run.out.contains("more than 100 aliases"))
    }

    @Test func twoHundredThousandLevelsOfFlowNesting() throws {
        let run = try check(String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000))
        #expect(run.status == 1)
        #expect(run.out.contains("plan.yaml:1:1001: error[limit-exceeded]"))
        #expect(run.out.contains("nesting is deeper than 1000 levels"))
    }

    @Test func thousandsOfBlockLevels() throws {
        let text = (0..<5000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + "\n"
        let run = try check(text)
        #expect(run.status == 1)
        #expect(run.out.contains("nesting is deeper than 1000 levels"))
    }

    @Test func aThirtyMegabyteScalarIsReadAndShownInAWindow() throws {
        let big = String(repeating: "x", count: 30 << 20)
        let run = try check("project: {name: A, client: B, start: 2026-09-01, phase: \(big)}\n")
        #expect(run.status == 1)
        #expect(run.out.contains("error[schema]"))
        #expect(run.out.utf8.count < 20_000, "the source line must be shown as a window, not 30 MB")
    }

    @Test func fileSizeAndNodeLimits() throws {
        let run = try check(minimalPlan + "x-pad: " + String(repeating: "y", count: 2 << 20) + "\n", ["--max-file-size", "1"])
        #expect(run.status == 1)
        #expect(run.out.contains("larger than the limit of 1048576 bytes"))
        let nodes = try check("x: [" + Array(repeating: "1", count: 500).joined(separator: ", ") + "]\n", ["--max-nodes", "100"])
        #expect(nodes.status == 1)
        #expect(nodes.out.contains("more than 100 nodes"))
    }

    @Test func randomBinaryAndBrokenEncodings() throws {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for bytes in [random, Array("project:\n  name: ".utf8) + [0xC3, 0x28], Array("a: b".utf8) + [0] + Array("c".utf8),
                      [0xFF, 0xFE, 0x70, 0x00], [0xEF, 0xBB, 0xBF]] {
            let run = try check(bytes)
            #expect(run.status == 1, "\(run.err)")
            #expect(run.out.contains("error["))
        }
    }

    @Test(arguments: ["", "just text\n", "- a\n- b\n", "project: {name: A, client: B, start: 2026-09-01}\n---\nb: 1\n",
                      "project: 7\n", "~\n", "project:\n"])
    func degenerateDocumentsAreSchemaFindings(_ text: String) throws {
        let run = try check(text)
        #expect(run.status == 1)
        #expect(run.out.contains("error[schema]"))
    }

    @Test func impossibleDatesAreLocated() throws {
        let text = "project: {name: A, client: B, start: 2026-02-30}\nmilestones:\n  - {id: m1, name: x, due: 99999-01-01}\n"
            + "  - {id: m2, name: y, due: 0000-00-00}\n  - {id: m3, name: z, due: 2026-1-1}\n"
        let run = try check(text, ["--select", "document"])
        #expect(run.status == 1)
        for location in ["plan.yaml:1:38:", "plan.yaml:3:28:", "plan.yaml:4:28:", "plan.yaml:5:28:"] {
            #expect(run.out.contains(location + " error[schema]"), "missing \(location)")
        }
    }

    /// Every field of the format, given a value of the wrong type, is a located schema finding.
    @Test func everyFieldGivenTheWrongType() throws {
        var checked = 0
        func visit(_ shape: Shape, build: (String, String) -> String, path: String) {
            for field in shape.fields {
                let wrong: String
                switch field.type {
                case .list, .texts, .dates, .people, .items: wrong = "{wrong: [type]}"
                case .any: continue
                default: wrong = "[wrong, type]"
                }
                let text = build(field.key, wrong)
                let p = project(plan: text)
                let fieldPath = path.isEmpty ? field.key : "\(path).\(field.key)"
                #expect(p.findings.contains { $0.rule == "schema" && $0.path == fieldPath }, "\(fieldPath): \(p.findings.map(\.path))")
                checked += 1
                if case .mapping(let child) = field.type {
                    visit(child, build: { key, value in build(field.key, "{\(key): \(value)}") }, path: fieldPath)
                }
                if case .list(let child) = field.type {
                    visit(child, build: { key, value in build(field.key, "[{\(key): \(value)}]") }, path: fieldPath + "[0]")
                }
            }
        }
        visit(Schema.plan, build: { key, value in
            key == "project" ? "project: \(value)\n" : minimalPlan.replacingOccurrences(of: "stakeholders:", with: "\(key): \(value)\nx-stakeholders:")
        }, path: "")
        #expect(checked > 100)
    }

    @Test func inputsAreNeverModified() throws {
        let root = try scratchFolder(["p/plan.yaml": minimalPlan + "stakholders: []\n", "p/log.yaml": "log:\n  - {date: 2026-09-02, type: call}\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["p/plan.yaml", "p/log.yaml"].map { root.appendingPathComponent($0) }
        let before = try files.map { try Data(contentsOf: $0) }
        let dates = try files.map { try FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date }
        for format in ["text", "json", "sarif", "github", "junit", "markdown"] {
            _ = try runCLI(["check", root.path + "/p", "--format", format, "--output", root.path + "/out." + format])
        }
        _ = try runCLI(["brief", root.path + "/p", "--format", "html", "--output", root.path + "/brief.html"])
        #expect(try files.map { try Data(contentsOf: $0) } == before)
        #expect(try files.map { try FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date } == dates)
    }

    /// The fuzzers' hostile seeds, and every input that once crashed or hung a fuzz target
    /// (kept in Fixtures/fuzz, see docs/fuzzing.md), go through the whole check on every run;
    /// each is a broken file, so each must end in a finding.
    @Test func fuzzSeedsAndRegressions() throws {
        var inputs: [URL] = []
        for folder in ["Fuzz/seeds", "Tests/PMLintTests/Fixtures/fuzz"] {
            let url = repositoryRoot.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            inputs += names.filter { !$0.hasPrefix(".") && Platform.isDirectory(url.path + "/" + $0) == false }
                .sorted().map { url.appendingPathComponent($0) }
        }
        #expect(inputs.count >= 14)
        let catalog = try RuleCatalog.builtIn()
        for input in inputs {
            let bytes = try [UInt8](Data(contentsOf: input))
            let name = input.lastPathComponent
            let p = Project(location: ProjectLocation(path: "fuzz", plan: name, log: nil, root: "/"),
                            planFile: SourceFile(path: name, bytes: bytes), logFile: nil, asOf: day("2026-11-20"))
            let findings = p.findings + RuleEngine(rules: catalog.rules).findings(for: p, asOf: day("2026-11-20"))
            #expect(findings.contains { $0.severity >= .warning }, "\(name) gave no finding")
            let reported = findings.map {
                ReportedFinding(finding: $0, project: "fuzz", repositoryPath: $0.file, fingerprint: "", snippet: SourceSnippet(bytes: bytes, span: $0.span))
            }
            var summary = CheckSummary()
            summary.projects = 1
            summary.add(reported)
            let text = TextReporter(language: .en, color: false).render(CheckResult(
                run: RunInfo(asOf: day("2026-11-20"), rules: [], inputFiles: []),
                projects: [ProjectReport(path: "fuzz", name: p.name, files: [name], findings: reported, suppressed: [])],
                summary: summary))
            #expect(text.hasSuffix("in 1 project\n"))
        }
    }

    /// The rule target's seeds (Fuzz/seeds/team): each configuration and baseline is read, or
    /// refused with a located error, never a crash.
    @Test func teamFileSeedsAreReadOrRefused() throws {
        let folder = repositoryRoot.appendingPathComponent("Fuzz/seeds/team")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 5)
        let catalog = try RuleCatalog.builtIn()
        var outcomes: [String: Bool] = [:]
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            if name.hasSuffix(".json") {
                outcomes[name] = (try? Baseline.parse(bytes, path: name)) != nil
            } else {
                do {
                    _ = try Configuration.load(SourceFile(path: name, bytes: bytes), base: catalog, access: FileAccess())
                    outcomes[name] = true
                } catch is LocatedError {
                    outcomes[name] = false
                }
            }
        }
        #expect(outcomes["baseline.json"] == true)
        #expect(outcomes["baseline-v2.json"] == false)
        #expect(outcomes["config-bomb.pmlint.yml"] == false)
        #expect(outcomes["config-aliases.pmlint.yml"] == false)
    }
}
