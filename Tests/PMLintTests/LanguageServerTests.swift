import Foundation
import Testing
@testable import PMLint

/// `pmlint lsp`: the protocol's parts here, and the server end to end through a real LSP
/// client in Tests/lsp (pytest-lsp with pygls and lsprotocol), run against the built binary.
@Suite struct LanguageServerTests {
    @Test func endToEndWithARealClient() throws {
        let binary = try #require(pmlintBinary())
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "Tests/lsp"]
        python.currentDirectoryURL = repositoryRoot
        python.environment = ProcessInfo.processInfo.environment.merging(["PMLINT": binary.path]) { _, new in new }
        let out = Pipe()
        python.standardOutput = out
        python.standardError = out
        try python.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0, "pytest Tests/lsp:\n\(output)")
        // Every test ran: none skipped, none deselected.
        #expect(output.contains(" passed") && !output.contains("skipped") && !output.contains("deselected"), "\(output)")
    }

    @Test func framesAreSplitAcrossReadsAndMalformedOnesSkipped() {
        var reader = FrameReader(maxBody: 100)
        let body = Array(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#.utf8)
        let frame = Array("Content-Length: \(body.count)\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".utf8) + body
        // Byte by byte: nothing until the last byte of the body.
        for byte in frame.dropLast() {
            reader.append([byte])
            #expect(reader.next() == nil)
        }
        reader.append([frame.last!])
        #expect(reader.next() == .message(body))
        reader.append(Array("Content-Length: x\r\n\r\n".utf8) + frame)
        guard case .malformed? = reader.next() else {
            Issue.record("a bad Content-Length is reported")
            return
        }
        #expect(reader.next() == .message(body))
        // Too large: skipped as it arrives, and the next frame read.
        reader.append(Array("Content-Length: 150\r\n\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 60))
        guard case .malformed? = reader.next() else {
            Issue.record("an oversized body is reported")
            return
        }
        reader.append(Array(repeating: UInt8(ascii: "x"), count: 90) + frame)
        #expect(reader.next() == .message(body))
        #expect(reader.next() == nil)
    }

    @Test func positionsCountTheAgreedUnits() {
        // "é" is 2 bytes, 1 UTF-16 unit; "😀" is 4 bytes, 2 UTF-16 units, 1 scalar.
        let bytes = Array("a: é😀x\r\nb: y\rc\n".utf8)
        let offsetOfX = Array("a: é😀".utf8).count
        #expect(TextLines(bytes, encoding: .utf16).position(of: offsetOfX) == LSP.Position(line: 0, character: 6))
        #expect(TextLines(bytes, encoding: .utf8).position(of: offsetOfX) == LSP.Position(line: 0, character: 9))
        #expect(TextLines(bytes, encoding: .utf32).position(of: offsetOfX) == LSP.Position(line: 0, character: 5))
        let lines = TextLines(bytes, encoding: .utf16)
        #expect(lines.offset(of: LSP.Position(line: 0, character: 6)) == offsetOfX)
        // A lone CR ends a line too; a character past the end is the line's end.
        #expect(lines.position(of: Array("a: é😀x\r\nb: y\r".utf8).count) == LSP.Position(line: 2, character: 0))
        #expect(lines.offset(of: LSP.Position(line: 1, character: 99)) == Array("a: é😀x\r\nb: y".utf8).count)
        #expect(lines.offset(of: LSP.Position(line: 9, character: 0)) == bytes.count)
    }

    @Test func anEditIsTheSmallestReplacementOnCharacterBoundaries() {
        let old = Array("log:\n  - {date: 2026-01-02, topic: 启动}\n".utf8)
        let new = Array("log:\n  - {date: 2026-01-02, topic: 启动}\n  - {date: 2026-01-03, topic: 周报}\n".utf8)
        let change = Server.difference(old, new)
        #expect(change.start == old.count && change.end == old.count)
        #expect(change.text == "  - {date: 2026-01-03, topic: 周报}\n")
        // Two characters sharing their first bytes: the edit starts at the character.
        let changed = Server.difference(Array("topic: 启动".utf8), Array("topic: 启用".utf8))
        #expect(changed.text == "用")
    }

    @Test func theFixEntryOfARuleIsReadFromItsText() throws {
        let catalog = try RuleCatalog.builtIn()
        let fix = try #require(catalog.rule("status-report-overdue")?.fix?.en)
        let entry = try #require(SuggestedEntry.template(in: fix))
        #expect(entry.fields.map(\.key) == ["date", "type", "to", "done", "next", "issues", "help_needed"])
        #expect(entry.value("done") == .list([]))
        // Every rule whose fix writes a log entry gives one with a type the format knows.
        for rule in catalog.rules {
            guard let text = rule.fix?.en, text.contains("- date: YYYY-MM-DD") else { continue }
            guard case .scalar(let type)? = SuggestedEntry.template(in: text)?.value("type") else {
                Issue.record("\(rule.id): its fix's entry cannot be read")
                continue
            }
            #expect(Schema.entryTypes.contains(type), "\(rule.id): \(type)")
        }
    }
}

extension LanguageServerTests {
    @Test func lineStartsFollowEditsAsAFreshReadingWould() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[10], [13], [13, 10], Array("ab".utf8), Array("é".utf8), Array("😀".utf8), []]
        for _ in 0..<300 {
            var text = TextLines(Array("a\r\nb\rc\n".utf8), encoding: .utf16)
            for _ in 0..<20 {
                let lower = Int.random(in: 0...text.bytes.count, using: &generator)
                let upper = Int.random(in: lower...min(text.bytes.count, lower + 3), using: &generator)
                let inserted = (0..<Int.random(in: 0...3, using: &generator)).flatMap { _ in pieces.randomElement(using: &generator)! }
                text.replace(lower..<upper, with: inserted)
                let fresh = TextLines(text.bytes, encoding: .utf16)
                for offset in 0...text.bytes.count {
                    #expect(text.position(of: offset).line == fresh.position(of: offset).line,
                            "\(text.bytes) at \(offset)")
                }
            }
        }
    }

    @Test func offsetsOfTheLastReadableTextFollowTheEditsSince() {
        // "log:\n  - a\n" became "# new\nlog:\n  - a\n  - [" in two edits.
        let drift = Server.Drift(steps: [.init(start: 0, oldEnd: 0, newEnd: 6), .init(start: 17, oldEnd: 17, newEnd: 23)])
        #expect(drift.new(5) == 11)          // `-` of the entry
        #expect(drift.old(11) == 5)
        #expect(drift.old(2) == nil)         // inside the comment typed since
        #expect(drift.old(20) == nil)        // inside the half-typed entry
        let deletion = Server.Drift(steps: [.init(start: 4, oldEnd: 8, newEnd: 4)])
        #expect(deletion.new(6) == 4 && deletion.new(9) == 5 && deletion.old(5) == 9)
    }

    @Test func aLengthPastAnyIntegerIsSkippedNotTrusted() {
        var reader = FrameReader(maxBody: 100)
        reader.append(Array("Content-Length: 9223372036854775807\r\n\r\nabc".utf8))
        guard case .malformed? = reader.next() else {
            Issue.record("an impossible length is reported")
            return
        }
        #expect(reader.next() == nil)
    }
}
