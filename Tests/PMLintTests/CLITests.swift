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

    @Test func warningsFailOnlyWhenAsked() throws {
        let root = try scratchFolder(["p/plan.yaml": minimalPlan + "x: 1\n"])
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
            let result = try Linter.check(CheckOptions(paths: [root.path + "/p"], asOf: day("2026-11-20"), catalog: try RuleCatalog.builtIn(),
                                                       selection: RuleSelection(select: ["document"])))
            return result.findings.map(\.fingerprint.description)
        }
        let before = try fingerprints()
        try ("# moved down\n\n" + minimalPlan + "stakholders: []\n").write(
            to: root.appendingPathComponent("p/plan.yaml"), atomically: true, encoding: .utf8)
        let after = try fingerprints()
        #expect(before.count == 1)
        #expect(before == after)
    }
}

@Suite("JSON strings")
struct JSONStringTests {
    @Test func textsAreCopiedWholeOrEscapedAsJSONRequires() throws {
        func quoted(_ text: String) -> String {
            var out: [UInt8] = []
            JSONWriter.appendQuoted(text, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(quoted("plain text, 中文") == "\"plain text, 中文\"")
        #expect(quoted("say \"hi\"\\now") == "\"say \\\"hi\\\"\\\\now\"")
        #expect(quoted("a\nb\tc\r\u{1}\u{1f}") == "\"a\\nb\\tc\\r\\u0001\\u001f\"")
        #expect(quoted("line\u{2028}para\u{2029}end — ok") == "\"line\\u2028para\\u2029end — ok\"")
        // Whatever the path, the output reads back as the text.
        for text in ["plain", "中文 — “quotes”", "tab\tand \"quote\"", "\u{2028}", ""] {
            let decoded = try JSONSerialization.jsonObject(with: Data(quoted(text).utf8), options: .fragmentsAllowed) as? String
            #expect(decoded == text)
        }
    }
}

extension JSONStringTests {
    /// Texts long enough to be scanned eight bytes at a time, with a character that needs an
    /// escape at every position: each is escaped, and the output reads back as the text.
    @Test func escapesAreFoundWhereverTheyFallInAWord() throws {
        let plain = Array("abcdefghijklmnopqrstuvwxyz 中文é—")
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1f}", "\u{2028}", "\u{2029}"] {
            for position in 0..<20 {
                let text = String(plain[0..<position]) + special + String(plain[position...])
                var out: [UInt8] = []
                JSONWriter.appendQuoted(text, to: &out)
                let quoted = String(decoding: out, as: UTF8.self)
                let raw: Set<Character> = ["\n", "\u{1}", "\u{1f}", "\u{2028}", "\u{2029}"]
                let inner = quoted.dropFirst().dropLast()
                #expect(!inner.contains(where: raw.contains), "\(quoted)")
                let decoded = try JSONSerialization.jsonObject(with: Data(out), options: .fragmentsAllowed) as? String
                #expect(decoded == text)
            }
        }
    }
}

@Suite("JSON documents")
struct JSONDocumentTests {
    /// A long array is made and written in batches on all cores: the bytes are those of the
    /// same document written element by element, and a failing sink stops the writing.
    @Test func aLongArrayIsWrittenInBatchesAsWhole() throws {
        let count = 20_000
        // Inside a short array, as SARIF's results sit inside its one run.
        let document = JSON.object([("name", .string("pmlint")), ("runs", .array([.object([
            ("findings", .elements(count: count) { .object([("n", .int($0)), ("t", .string("é\"\($0)"))]) })])]))])
        var expected = "{\n  \"name\": \"pmlint\",\n  \"runs\": [\n    {\n      \"findings\": [\n"
        for index in 0..<count {
            expected += "        {\n          \"n\": \(index),\n          \"t\": \"é\\\"\(index)\"\n        }" + (index == count - 1 ? "\n" : ",\n")
        }
        expected += "      ]\n    }\n  ]\n}\n"
        var chunks: [[UInt8]] = []
        #expect(document.write { chunks.append($0); return true })
        #expect(chunks.count > 3)
        #expect(String(decoding: chunks.joined(), as: UTF8.self) == expected)
        #expect(document.rendered() == expected)
        var calls = 0
        #expect(!document.write { _ in calls += 1; return calls < 2 })
        #expect(calls == 2)
    }
}

@Suite("Phase timings")
struct PhaseTimingsTests {
    @Test func phaseTimingsGoToStandardErrorAndLeaveTheReportAlone() throws {
        let arguments = ["check", "examples/acme-crm", "--as-of", "2026-11-20", "--format", "json"]
        let plain = try runCLI(arguments)
        #expect(!plain.err.contains("pmlint timing:"), "no timings unless asked for")
        let timed = try runCLI(arguments, environment: ["PMLINT_TIMINGS": "1"])
        #expect(timed.out == plain.out)
        #expect(timed.status == plain.status)
        let lines = timed.err.split(separator: "\n").filter { $0.hasPrefix("pmlint timing: ") }
        let phases = lines.map { $0.dropFirst("pmlint timing: ".count).split(separator: "\t").first.map(String.init) ?? "" }
        #expect(phases == ["files read, plan read into items", "parsed and read into items", "ids, references and dates checked", "project indexed",
                           "rules run", "suppressions applied, fingerprints taken"].map { "examples/acme-crm: \($0)" }
                + ["findings ordered", "report made", "report written"])
        for line in lines {
            let numbers = line.split(separator: "\t").dropFirst().map { Int($0) }
            #expect(numbers.count == 4 && numbers.allSatisfy { $0 != nil && $0! >= 0 }, "wall, CPU, resident, peak: \(line)")
            #expect((numbers.last ?? 0) ?? 0 > 0, "a process has some resident memory")
        }
    }
}
