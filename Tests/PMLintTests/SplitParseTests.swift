import Foundation
import Testing
@testable import PMLint

/// A large file is parsed in pieces on all cores; the joined tree must be the tree one parse
/// gives, or the split must decline. These tests cut files at every item line they have.
@Suite("Split parse")
struct SplitParseTests {
    /// Logs written to trip a cut: quoted and plain texts running over lines, block scalars
    /// holding `- ` lines, anchors used across a cut, flow lists over lines, an indentless
    /// sequence, nested lists, comments, explicit document ends, a second document, CRLF.
    static let tricky: [String] = [
        "log:\n  - date: 2026-09-01\n    type: call\n  - date: 2026-09-02\n    type: email\n  - date: 2026-09-03\n",
        "log:\n- a\n- b\n- c\n",
        "log:\n  - summary: \"a quoted text\n  - that runs on\"\n  - b\n  - c\n",
        "log:\n  - summary: 'single\n  - quoted'\n  - b\n",
        "log:\n  - summary: plain text\n    - that is not a list\n  - b\n",
        "notes: |\n  - text, not a list\n  - more text\nlog:\n  - a\n  - b\n",
        "log:\n  - |\n    - inside a block scalar\n  - >\n    folded\n    - text\n  - c\n",
        "log:\n  - &first {date: 2026-09-01}\n  - b\n  - *first\n  - c\n",
        "log:\n  - [a,\n  - b]\n  - c\n",
        "log:\n  - a\n  # a comment\n  - b\n\n  - c\n",
        "log:\n  - a\n  - b\n...\n",
        "log:\n  - a\n...\n---\n  - b\n  - c\n",
        "log:\n  - a\n---\nlog:\n  - b\n",
        "log:\r\n  - date: 2026-09-01\r\n  - date: 2026-09-02\r\n  - x\r\n",
        "items:\n  - name: x\n    list:\n    - p\n    - q\n  - name: y\n    list:\n      - r\n      - s\n",
        "log:\n  - a\n  - b\nmilestones:\n  - m1\n  - m2\n",
        "- - a\n  - b\n- - c\n  - d\n- e\n",
        "log:\n  -\n    date: 2026-09-01\n  -\n    date: 2026-09-02\n",
        "log:\n  - \"é\u{2028}中文\"\n  - 文字\n  - c\n",
        "log:\n  - ? a\n    : b\n  - c\n",
        "log:\n  - a: 1\n  b: 2\n  - c\n",
        "log: [\n  - a\n]\n",
    ]

    /// The tricky logs, and every example, fuzz seed and fixture of the repository.
    static func filesToCut() throws -> [[UInt8]] {
        var files = tricky.map { Array($0.utf8) }
        for folder in ["examples", "Fuzz/seeds", "Tests/PMLintTests/Fixtures"] {
            let root = repositoryRoot.appendingPathComponent(folder)
            for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            where url.pathExtension == "yaml" {
                files.append(Array(try Data(contentsOf: url)))
            }
        }
        return files
    }

    @Test func everyCutGivesTheWholeParseOrDeclines() throws {
        let files = try SplitParseTests.filesToCut()
        var joinedCount = 0
        for bytes in files {
            let whole = YAMLParser.parse(bytes, pieces: 1)
            let expected = whole.problems.isEmpty ? Canonical(whole.tree).text : nil
            for cut in itemLines(bytes) {
                let (tree, bodyStart) = YAMLParser.prepare(bytes)
                guard let split = SplitParse(tree: tree, bodyStart: bodyStart, cuts: [cut], limits: YAMLLimits()),
                      let joined = split.run() else { continue }
                joinedCount += 1
                #expect(Canonical(joined).text == expected, "cut at byte \(cut) of:\n\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        // Most cuts are taken: the split is not a path that only ever declines.
        #expect(joinedCount > 100)
    }

    @Test func theJoinDeclinesWhereAPieceDoesNotStandAlone() throws {
        for (text, cutBefore) in [("log:\n  - summary: \"a quoted text\n  - that runs on\"\n  - b\n", "  - that"),
                                  ("log:\n  - &first a\n  - *first\n", "  - *first"),
                                  ("log:\n  - a\n...\n---\n  - b\n", "  - b"),
                                  ("log:\n  - [a,\n  - b]\n", "  - b]"),
                                  ("log:\n  - a\nmilestones:\n  - m1\n", "  - m1")] {
            let bytes = Array(text.utf8)
            let cut = try #require(text.range(of: "\n" + cutBefore)).lowerBound.utf16Offset(in: text) + 1
            let (tree, bodyStart) = YAMLParser.prepare(bytes)
            let split = try #require(SplitParse(tree: tree, bodyStart: bodyStart, cuts: [cut], limits: YAMLLimits()))
            #expect(split.run() == nil, "\(text)")
        }
    }

    @Test func aLargeLogIsSplitAndJoinedLikeOneParse() throws {
        var text = "log:\n"
        for index in 0..<3000 {
            text += "  - date: 2026-09-\(String(format: "%02d", index % 28 + 1))\n    type: call\n    with: [client-\(index % 7)]\n"
            text += "    topic: \"Weekly call \(index)\"\n    re: [m\(index % 5)]\n    notes: |\n      line one\n      - line two\n"
        }
        let bytes = Array(text.utf8)
        let whole = YAMLParser.parse(bytes, pieces: 1)
        for pieces in 2...5 {
            let (tree, bodyStart) = YAMLParser.prepare(bytes)
            let split = try #require(SplitParse.planned(tree, bodyStart: bodyStart, pieces: pieces, limits: YAMLLimits()))
            #expect(split.starts.count == pieces)
            let joined = try #require(split.run())
            #expect(Canonical(joined).text == Canonical(whole.tree).text)
            #expect(YAMLParser.parse(bytes, pieces: pieces).problems.isEmpty)
        }
        // Limits still hold across pieces: too many nodes in all is a problem, as in one parse.
        let limited = YAMLParser.parse(bytes, limits: YAMLLimits(maxNodes: 20_000), pieces: 2)
        #expect(limited.problems.first?.isLimit == true)
    }

    /// A piece handed over a batch of items at a time holds what the piece parsed whole holds:
    /// the same items, node for node (scalars decoded into the arena, nested lists, scalar and
    /// flow items among them), whatever the batch size, and a sequence that ends where its last
    /// item does; only the sequence is left once its items are handed over.
    @Test func aPieceHandedOverInBatchesHoldsThePieceParsedWhole() throws {
        var text = "log:\n"
        for index in 0..<400 {
            switch index % 5 {
            case 0: text += "  - just a line \(index)\n"
            case 1: text += "  - [flow, \"item \\u00e9 \(index)\"]\n"
            case 2: text += "  - date: 2026-09-01\n    summary: >\n      folded\n      text \(index)\n    actions:\n      - what: \"a\\tb\"\n        owner: team-1\n"
            default: text += "  - date: 2026-09-02\n    type: call\n    summary: \"Call \\u00e9 \(index)\"\n\n    # a comment\n"
            }
        }
        let bytes = Array(text.utf8)
        let (tree, bodyStart) = YAMLParser.prepare(bytes)
        let split = try #require(SplitParse.planned(tree, bodyStart: bodyStart, pieces: 4, limits: YAMLLimits()))
        for piece in 1..<split.starts.count {
            let whole = split.parse(piece: piece).tree
            let root = try #require(whole.root)
            let expected = whole.children(root).map { Canonical(whole, from: $0).text }
            for batchSize in [1, 7, 2048] {
                var handed: [String] = []
                let outcome = split.stream(split.range(of: piece), batchSize: batchSize) { batchTree, nodes in
                    #expect(nodes.count <= batchSize)
                    handed += nodes.map { Canonical(batchTree, from: $0).text }
                }
                #expect(handed == expected, "piece \(piece) in batches of \(batchSize)")
                #expect(outcome.clean)
                #expect(outcome.items == expected.count)
                #expect(outcome.nodes == whole.nodeCount)
                #expect(outcome.tree.nodeCount == 1)
                #expect(outcome.tree.children.isEmpty && outcome.tree.arena.isEmpty)
                let streamedRoot = try #require(outcome.tree.root)
                #expect(outcome.tree.span(streamedRoot) == whole.span(root))
            }
        }
    }

    /// Once a piece has an alias, no item is handed over (the alias could name a dropped node),
    /// and parsing goes on safely to the end of the piece.
    @Test func aPieceWithAnAliasStopsHandingOverItems() throws {
        var text = "log:\n"
        for index in 0..<40 {
            text += index == 25 ? "  - &first summary: a\n  - *first\n" : "  - summary: s\(index)\n"
        }
        let bytes = Array(text.utf8)
        let (tree, bodyStart) = YAMLParser.prepare(bytes)
        let split = try #require(SplitParse(tree: tree, bodyStart: bodyStart, cuts: [bytes.startIndex + 5], limits: YAMLLimits()))
        var handed = 0
        let outcome = split.stream(split.range(of: 1), batchSize: 3) { _, nodes in handed += nodes.count }
        #expect(handed == 24)
        #expect(outcome.items == 41)
        #expect(outcome.aliases == 1)
        #expect(outcome.tree.hasAliases)
    }
}

/// Where every line that starts a block sequence item begins (the cuts a split may take).
func itemLines(_ bytes: [UInt8]) -> [Int] {
    var cuts: [Int] = []
    var position = 0
    while position < bytes.count {
        if position > 0, let (line, _) = SplitParse.itemLine(in: bytes, from: position, indent: nil, within: 1), line == position {
            cuts.append(position)
        }
        while position < bytes.count, bytes[position] != 0x0A { position += 1 }
        position += 1
    }
    return cuts
}

/// A tree spelled out from its root, with every node's kind, style, span and value: two trees
/// that spell the same are the same document, whatever their node numbering.
private struct Canonical {
    var text = ""

    init(_ tree: YAMLTree) {
        if let root = tree.root { self.init(tree, from: root) } else { self.init() }
    }

    private init() {}

    init(_ tree: YAMLTree, from root: NodeID) {
        var stack: [(NodeID, Int)] = [(root, 0)]
        while let (node, depth) = stack.popLast() {
            let span = tree.span(node)
            text += String(repeating: " ", count: depth)
            text += "\(tree.kind(node)) \(tree.style(node)) flow=\(tree.isFlow(node)) \(span.start.line):\(span.start.column)-\(span.end.line):\(span.end.column)"
            switch tree.kind(node) {
            case .scalar: text += " \(tree.string(node).debugDescription)"
            case .alias: text += " -> \(tree.span(tree.target(node)).start.offset)"
            default: break
            }
            text += "\n"
            for child in tree.children(node).reversed() { stack.append((child, depth + 1)) }
        }
    }
}
