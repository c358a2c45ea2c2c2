import Foundation
import Testing
@testable import PMLint

/// A long log's pieces are let go once read, and read again from the file for the findings in
/// them: what a check reports must not change, and a file changed meanwhile must be said.
@Suite("Letting a long log's bytes go")
struct SourceBytesTests {
    /// A long log with mistakes, references, Chinese text and suppressions spread through it.
    static func longLog(entries: Int = 3000) -> String {
        var log = "log:\n"
        for index in 0..<entries {
            let day = Day(year: 2025, month: 1, day: 6)!.adding(days: index / 10)
            log += "  - date: \(day)\n    type: \(index % 7 == 0 ? "conflict" : "meeting")\n"
            if index % 7 == 0 { log += "    id: c\(index)\n    from: [li-wei]\n    topic: 延迟交付 \(index)\n    status: open\n" }
            else {
                log += "    with: [li-wei\(index % 500 == 3 ? "-typo" : "")]\n    topic: \"例会 \(index)\"\n    re: [c\(index - index % 7)]\n"
                log += "    actions:\n      - {what: 发送测试账号 \(index), owner: zhang-min, due: \(day.adding(days: 3))}\n"
            }
            if index % 400 == 9 { log += "    x-pmlint-ignore: {meeting-no-minutes: agreed on the call}\n" }
            if index % 900 == 5 { log += "    colour: blue\n" }
            if index % 1000 == 11 { log += "  # pmlint-disable-next-line action-overdue -- owner on leave\n" }
        }
        return log
    }

    /// The log in `folder`, read in seven pieces, let go as they are read or not.
    static func logFile(in folder: URL, lettingGo: Bool) throws -> ParsedFile {
        let log = folder.appendingPathComponent("log.yaml").path
        let bytes = try Project.readBytes(log)
        return lettingGo ? try ParsedFile.read(path: log, bytes: bytes, limits: YAMLLimits(), as: Schema.logFile, pieces: 7)
            : ParsedFile(path: log, bytes: bytes)
    }

    /// The project in `folder`, with its log as given.
    static func project(in folder: URL, log logFile: ParsedFile) throws -> Project {
        let plan = folder.appendingPathComponent("plan.yaml").path
        return Project(location: ProjectLocation(path: folder.path, plan: plan, log: logFile.path),
                       planFile: ParsedFile(path: plan, bytes: try Project.readBytes(plan)), logFile: logFile, asOf: day("2026-11-20"))
    }

    static func project(in folder: URL, lettingGo: Bool) throws -> Project {
        try project(in: folder, log: logFile(in: folder, lettingGo: lettingGo))
    }

    /// Every finding, with where it is and the source line a text report shows for it.
    static func placed(_ project: Project, catalog: RuleCatalog) -> [String] {
        let findings = project.findings + RuleEngine(rules: catalog.rules).findings(for: project, asOf: day("2026-11-20"))
        return findings.map { finding in
            let source = finding.file == project.planFile.path ? project.planFile : project.logFile!
            let snippet = SourceSnippet(source: source, span: finding.span)
            return "\(finding.rule) \(finding.span) \(finding.message.en) | \(snippet?.lineText ?? "-") \(snippet?.padding.count ?? -1) \(snippet?.underlineWidth ?? -1)"
        }
    }

    @Test func findingsAreWhereTheyWereWhenTheBytesAreLetGo() throws {
        let folder = try scratchFolder(["plan.yaml": minimalPlan, "log.yaml": SourceBytesTests.longLog()])
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = try RuleCatalog.builtIn()
        let kept = try SourceBytesTests.project(in: folder, lettingGo: false)
        let letGo = try SourceBytesTests.project(in: folder, lettingGo: true)
        let log = try #require(letGo.logFile)
        // Most of the log's pages were let go, and the checks below read them again.
        #expect(log.bytes.pagesLetGo * 4096 > log.bytes.count / 2)
        let expected = SourceBytesTests.placed(kept, catalog: catalog)
        #expect(expected.count > 1000)
        #expect(expected.contains { $0.hasPrefix("unknown-reference") } && expected.contains { $0.hasPrefix("action-overdue") })
        #expect(SourceBytesTests.placed(letGo, catalog: catalog) == expected)
        #expect(PieceReadingTests.signature(letGo) == PieceReadingTests.signature(kept))
        #expect(letGo.suppressions.count == kept.suppressions.count && kept.suppressions.count == 8 + 3)
        #expect(!log.changedWhileChecked && letGo.filesChanged.isEmpty)
    }

    @Test func aLogChangedDuringTheCheckIsReportedNotMisplaced() throws {
        let text = SourceBytesTests.longLog()
        let folder = try scratchFolder(["plan.yaml": minimalPlan, "log.yaml": text])
        defer { try? FileManager.default.removeItem(at: folder) }
        let logFile = try SourceBytesTests.logFile(in: folder, lettingGo: true)
        // Saved again, in place, while pmlint checks it: the same length, different words.
        try text.replacingOccurrences(of: "例会", with: "周会").write(to: folder.appendingPathComponent("log.yaml"), atomically: false, encoding: .utf8)
        let letGo = try SourceBytesTests.project(in: folder, log: logFile)
        let entry = letGo.entries[2500]
        let span = entry.span
        #expect(letGo.logFile?.changedWhileChecked == true)
        // The line is that of the entry's block of the file, at most a block before it.
        let whole = ParsedFile(path: "log.yaml", bytes: Array(text.utf8))
        let line = whole.source.span(entry.range).start.line
        #expect(span.start.line <= line && span.start.line > line - 1024 / 10 && span.start.column == 1)
        #expect(SourceSnippet(source: try #require(letGo.logFile), span: span) == nil)
        let changed = letGo.filesChanged
        #expect(changed.map(\.rule) == ["file-changed"] && changed.first?.severity == .error)
        #expect(changed.first?.message.en.contains("changed while pmlint was checking it") == true)
    }

    /// A piece that does not stand alone is found only when it is read, after others were let
    /// go: the file is then read again, whole, and reported as one parse reports it.
    @Test func aLogThatCannotBeReadInPiecesIsReadAgainWhole() throws {
        var text = SourceBytesTests.longLog()
        text += "  - date: 2026-11-02\n    type: call\n    with: [li-wei, {a: b\n"
        let folder = try scratchFolder(["plan.yaml": minimalPlan, "log.yaml": text])
        defer { try? FileManager.default.removeItem(at: folder) }
        let letGo = try SourceBytesTests.project(in: folder, lettingGo: true)
        let kept = try SourceBytesTests.project(in: folder, lettingGo: false)
        #expect(letGo.logFile?.bytes.pagesLetGo == 0)
        #expect(!kept.findings.filter { $0.rule == "yaml-syntax" }.isEmpty)
        #expect(located(letGo.findings) == located(kept.findings))
    }

    /// Any range of a file's bytes reads as it was, across pages let go and pages kept.
    @Test func bytesReadAgainAreTheBytesRead() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let folder = try scratchFolder([:])
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bytes").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let source = SourceBytes(try Project.readBytes(path))
        source.letGo(30_000..<90_000, rereadingFrom: path)
        source.letGo(120_001..<199_999, rereadingFrom: path)
        #expect(source.pagesLetGo > 30)
        for _ in 0..<500 {
            let start = Int.random(in: 0..<bytes.count, using: &generator)
            let end = min(bytes.count, start + Int.random(in: 0...10_000, using: &generator))
            #expect(source.withBytes(start..<end) { Array($0) } == Array(bytes[start..<end]), "\(start)..<\(end)")
        }
        #expect(!source.changed)
        // A byte changed on disk in a page let go (and not read again since) is found, and
        // nothing is given for it.
        let fresh = SourceBytes(bytes)
        fresh.letGo(30_000..<90_000, rereadingFrom: path)
        var changed = bytes
        changed[60_000] ^= 1
        try Data(changed).write(to: URL(fileURLWithPath: path))
        #expect(fresh.withBytes(20_000..<29_000) { Array($0) } == Array(bytes[20_000..<29_000]))
        #expect(fresh.withBytes(59_000..<61_000) { Array($0) } == nil)
        #expect(fresh.changed && !source.changed)
    }
}
