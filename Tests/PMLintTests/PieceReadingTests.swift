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

    /// Entries with every kind of value the format has, written every way YAML allows that
    /// gives no finding: quoted, escaped, block and Chinese texts, flow mappings, empty and null
    /// lists, nested actions, conflicts with ids whose actions take the id's stable path, and
    /// the id written after the actions.
    static func plainEntry(_ index: Int) -> String {
        let day = Day(year: 2026, month: 1, day: 5)!.adding(days: index / 10)
        switch index % 9 {
        case 0: return "  - date: \(day)\n    type: conflict\n    id: c\(index)\n    from: li-wei\n    topic: 延迟 \(index)\n"
            + "    actions:\n      - what: 'call back, it''s \(index)'\n        owner: li-wei\n        due: \(day.adding(days: 3))\n"
        case 1: return "  - {date: \(day), type: call, with: [li-wei], topic: \"flow \\\"\(index)\\\"\", re: c\(index - 1)}\n"
        case 2: return "  - date: \(day)\n    type: status_report\n    to: [li-wei]\n    done: [a, \"b\\tc\"]\n    next: one thing\n"
            + "    issues: []\n    help_needed:\n    health: amber # a comment\n"
        case 3: return "  - date: \(day)\n    type: minutes\n    to:\n      - li-wei\n    summary: |\n      line one\n      line two\n\n"
        case 4: return "  - date: \(day)\n    type: email\n    to: [li-wei]\n    summary: >\n      folded\n      text\n"
        case 5: return "  - date: \(day)\n    type: feedback\n    from: [li-wei]\n    score: 4\n    summary: \"\"\n"
        case 6: return "  - type: conflict\n    date: \(day)\n    from: [li-wei]\n    topic: late\n    status: resolved\n"
            + "    resolved_on: \(day.adding(days: 1))\n    resolution: agreed\n    lessons:\n      - ask early\n"
            + "    actions: [{what: follow up, done_on: \(day.adding(days: 2))}]\n    id: c\(index)\n"
        case 7: return "  -\n    date: \(day)\n    type: meeting\n    kind: progress\n    with: [li-wei]\n    agenda: [a, b]\n"
            + "    agenda_sent_on: \(day)\n    decisions: []\n    actions:\n"
        default: return "  - date: \"\(day)\"\n    type: 'note'\n    re: [c\(index - 8), c\(index - 2)]\n    summary: ~\n"
        }
    }

    /// A log holding only plain entries is read straight from libyaml's events in every piece
    /// after the first, and gives what one parse and a tree's reading give.
    @Test func plainPiecesAreReadStraightFromEvents() {
        let log = "log:\n" + (0..<3000).map(PieceReadingTests.plainEntry).joined()
        let bytes = Array(log.utf8)
        let pieces = ParsedFile(path: "log.yaml", bytes: bytes, readingAs: Schema.logFile, pieces: 6)
        #expect(pieces.continuation.map { $0.itemsFromEvents == $0.items.count && $0.items.count > 2000 } == true)
        let read = read(pieces, as: Schema.logFile)
        #expect(read.entries.count == 3000)
        let logFindings = read.findings.filter { $0.file == "log.yaml" }
        #expect(logFindings.isEmpty, "\(logFindings.prefix(3).map(\.message.en))")
        #expect(PieceReadingTests.signature(read) == PieceReadingTests.signature(self.read(ParsedFile(path: "log.yaml", bytes: bytes), as: Schema.logFile)))
    }

    /// Anything a finding would be about, or that a tree's reading handles on its own (anchors,
    /// keys that are not names), makes the event reader stop at that item; the item alone is
    /// read through a tree, the rest of its piece from events again, and the whole is still what
    /// one parse gives.
    @Test func aPieceWithAnythingUnusualIsReadThroughATree() {
        let plain = (0..<40).map(PieceReadingTests.plainEntry).joined()
        let unusual = [
            "  - date: 2026-03-01\n    type: call\n    x-pmlint-ignore: {meeting-no-minutes: agreed}\n",
            "  - date: 2026-03-01\n    type: call\n    x-mine: 1\n",
            "  - date: 2026-03-01\n    type: call\n    colour: blue\n",
            "  - date: 2026-03-01\n    type: call\n    type: email\n",
            "  - date: 2026-03-01\n    type: call\n    with: &people [li-wei]\n",
            "  - date: 2026-02-30\n    type: call\n",
            "  - date: 2026-03-01\n    type: phone\n",
            "  - date: 2026-03-01\n    type: feedback\n    score: 6\n",
            "  - date: 2026-03-01\n    type: conflict\n    from: [li-wei]\n",
            "  - date: 2026-03-01\n    type: call\n    with: [li wei]\n",
            "  - date: 2026-03-01\n    type: call\n    with: [~]\n",
            "  - date: 2026-03-01\n    type: call\n    topic: [a, b]\n",
            "  - date: 2026-03-01\n    type: call\n    agenda: [a, [b]]\n",
            "  - date: 2026-03-01\n    type: call\n    actions: [{owner: li-wei}]\n",
            "  - date: 2026-03-01\n    type: call\n    actions: done\n",
            "  - date: 2026-03-01\n    type:\n",
            "  - date: 2026-03-01\n    ? [a]\n    : b\n",
            "  - just a text\n",
        ]
        for item in unusual {
            let text = "log:\n" + plain + item + plain
            let bytes = Array(text.utf8)
            // Cut before the unusual item and again after it: the first piece is always a tree's.
            let lines = itemLines(bytes).filter { bytes[$0 + 2] == UInt8(ascii: "-") }
            let (tree, bodyStart) = YAMLParser.prepare(bytes)
            // The unusual item is the 41st: in the middle of the second piece.
            guard let split = SplitParse(tree: tree, bodyStart: bodyStart, cuts: [lines[20], lines[60]], limits: YAMLLimits()),
                  let pieces = PieceReading.read(path: "log.yaml", split: split, shape: Schema.logFile) else {
                Issue.record("not read in pieces: \(item)")
                continue
            }
            #expect(pieces.continuation.map { $0.itemsFromEvents == 60 } == true, "\(item)")
            #expect(PieceReadingTests.signature(read(pieces, as: Schema.logFile))
                    == PieceReadingTests.signature(read(ParsedFile(path: "log.yaml", bytes: bytes), as: Schema.logFile)), "\(item)")
        }
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
