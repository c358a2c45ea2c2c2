import Foundation
import Testing
@testable import PMLint

/// A large log is parsed and read piece by piece, its tree dropped as it goes; the project read
/// that way must be the project read whole, item by item and finding by finding, or the piece
/// reading must decline.
@Suite("Piece reading")
struct PieceReadingTests {
    static let plan = "project:\n  name: Pieces\n  start: 2026-01-05\nstakeholders:\n  - id: li-wei\n    name: Li Wei\n    side: client\n"

    /// Every item line of every example, fixture, fuzz seed and tricky log, as a cut; the file read
    /// as a plan and as a log.
    @Test func everyCutReadsAsTheWholeFileOrDeclines() throws {
        let files = try SplitParseTests.filesToCut()
        var readInPieces = 0
        for bytes in files {
            for shape in [Schema.plan, Schema.logFile] {
                let whole = ParsedFile(path: "file.yaml", bytes: bytes)
                for cut in itemLines(bytes) {
                    let (tree, bodyStart) = YAMLParser.prepare(bytes)
                    guard let split = SplitParse(tree: tree, bodyStart: bodyStart, cuts: [cut], limits: YAMLLimits()),
                          let pieces = PieceReading.read(path: "file.yaml", split: split, shape: shape) else { continue }
                    readInPieces += 1
                    #expect(PieceReadingTests.signature(read(pieces, as: shape)) == PieceReadingTests.signature(read(whole, as: shape)),
                            "cut at byte \(cut) of:\n\(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
        // The piece reading is taken for most logs: not a path that only ever declines.
        #expect(readInPieces > 100)
    }

    /// A long log with ids, references, Chinese text, suppressions and mistakes spread through
    /// it, read in many pieces through the public entry point.
    @Test func aLongLogReadsInPiecesAsWhole() throws {
        var log = "log:\n"
        for index in 0..<3000 {
            let day = Day(year: 2026, month: 1, day: 5)!.adding(days: index / 10)
            log += "  - date: \(day)\n    type: \(index % 7 == 0 ? "conflict" : "call")\n"
            if index % 7 == 0 { log += "    id: c\(index)\n    from: [li-wei]\n    topic: 延迟 \(index)\n    status: open\n" }
            else { log += "    with: [li-wei\(index % 500 == 3 ? "-typo" : "")]\n    topic: \"call \(index)\"\n    re: [c\(index - index % 7)]\n" }
            if index % 400 == 9 { log += "    x-pmlint-ignore: {meeting-no-minutes: agreed on the call}\n" }
            if index % 900 == 5 { log += "    colour: blue\n" }
        }
        let bytes = Array(log.utf8)
        let pieces = ParsedFile(path: "log.yaml", bytes: bytes, readingAs: Schema.logFile, pieces: 7)
        #expect(pieces.continuation != nil)
        #expect(pieces.tree.nodeCount < ParsedFile(path: "log.yaml", bytes: bytes).tree.nodeCount / 5)
        let whole = ParsedFile(path: "log.yaml", bytes: bytes)
        let read = read(pieces, as: Schema.logFile)
        #expect(read.entries.count == 3000)
        #expect(read.findings.contains { $0.rule == "unknown-key" } && read.findings.contains { $0.rule == "unknown-reference" })
        #expect(read.suppressions.count == 8)
        #expect(PieceReadingTests.signature(read) == PieceReadingTests.signature(self.read(whole, as: Schema.logFile)))
    }

    /// A syntax error in any piece, the first one included (parsed before the file's line index
    /// exists), is reported where and as one parse reports it.
    @Test func aSyntaxErrorInAnyPieceIsReportedAsOneParseReportsIt() {
        for broken in [40, 1500, 2990] {
            var log = "log:\n"
            for index in 0..<3000 {
                log += "  - date: 2026-02-0\(index % 9 + 1)\n    type: call\n"
                log += index == broken ? "    with: [li-wei, {a: b\n" : "    topic: call \(index)\n"
            }
            let bytes = Array(log.utf8)
            let pieces = ParsedFile(path: "log.yaml", bytes: bytes, readingAs: Schema.logFile, pieces: 5)
            let whole = ParsedFile(path: "log.yaml", bytes: bytes)
            #expect(pieces.continuation == nil)
            #expect(!whole.source.problems.isEmpty)
            #expect(pieces.source.problems.map { "\($0.message)@\($0.span.start.line):\($0.span.start.column)" }
                    == whole.source.problems.map { "\($0.message)@\($0.span.start.line):\($0.span.start.column)" }, "error in entry \(broken)")
        }
    }

    /// Limits hold across pieces: too many nodes in all is the limit's finding, as in one parse.
    @Test func limitsHoldAcrossPieces() {
        var log = "log:\n"
        for index in 0..<3000 { log += "  - date: 2026-02-0\(index % 9 + 1)\n    type: call\n    topic: call \(index)\n" }
        let limited = ParsedFile(path: "log.yaml", bytes: Array(log.utf8), limits: YAMLLimits(maxNodes: 10_000),
                                 readingAs: Schema.logFile, pieces: 5)
        #expect(limited.continuation == nil)
        #expect(limited.source.problems.first?.isLimit == true)
        let generous = ParsedFile(path: "log.yaml", bytes: Array(log.utf8), readingAs: Schema.logFile, pieces: 5)
        #expect(generous.continuation != nil)
        #expect(generous.source.problems.isEmpty)
    }

    private func read(_ file: ParsedFile, as shape: Shape) -> Project {
        let planFile = shape === Schema.plan ? file : ParsedFile(path: "plan.yaml", bytes: Array(PieceReadingTests.plan.utf8))
        let logFile = shape === Schema.plan ? nil : file
        return Project(location: ProjectLocation(path: ".", plan: "plan.yaml", log: logFile == nil ? nil : "file.yaml"),
                       planFile: planFile, logFile: logFile, asOf: day("2026-11-20"))
    }

    /// Everything a project read gives, spelled out: items with their paths, ranges and values,
    /// findings, suppressions.
    static func signature(_ project: Project) -> String {
        var out = ""
        func describe(_ item: Item, _ depth: Int) {
            out += String(repeating: " ", count: depth) + "\(item.path) \(item.stablePath) \(item.range.start)-\(item.range.end)\n"
            for field in item.fields {
                out += String(repeating: " ", count: depth + 1) + "\(field.field(in: item.shape).key) \(field.range.start)-\(field.range.end) "
                switch field.value {
                case .item(let child): out += "\n"; describe(child, depth + 2)
                case .items(let children): out += "\(children.count)\n"; children.forEach { describe($0, depth + 2) }
                case .texts(let texts): out += texts.map { "\($0.text)@\($0.range.start)" }.joined(separator: "|") + "\n"
                case .refs(let refs): out += refs.map { "\($0.id)@\($0.range.start)" }.joined(separator: "|") + "\n"
                default: out += "\(field.value)\n"
                }
            }
        }
        if let plan = project.plan { describe(plan, 0) }
        project.entries.forEach { describe($0, 0) }
        for finding in project.findings {
            out += "\(finding.rule) \(finding.span) \(finding.path) \(finding.identity) \(finding.message.en)\n"
        }
        for suppression in project.suppressions {
            out += "\(suppression.rule) \(suppression.scope) \(suppression.span) \(suppression.reason ?? "")\n"
        }
        out += "dates \(project.entryDates.count) broken \(project.isBroken)\n"
        return out
    }
}
