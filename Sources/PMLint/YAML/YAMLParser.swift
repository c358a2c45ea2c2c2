#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CYAML

/// A problem libyaml (or a limit) found in a file, in libyaml's own words where it has them.
public struct YAMLProblem: Sendable, Hashable {
    public var message: String
    public var span: Span
    /// A limit of pmlint's was reached, rather than a YAML syntax error.
    public var isLimit = false
}

/// Bounds that keep hostile input cheap, each generous by default and configurable. Flow
/// nesting is quadratic inside libyaml, so depth is enforced in the event loop, where it also
/// cuts that case short; aliases stay references, and their number is bounded too.
public struct YAMLLimits: Sendable {
    public var maxFileSize: Int
    public var maxDepth: Int
    public var maxNodes: Int
    public var maxAliases: Int

    public init(maxFileSize: Int = 256 << 20, maxDepth: Int = 1000, maxNodes: Int = 20_000_000, maxAliases: Int = 100_000) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliases = maxAliases
    }
}

/// A parsed file: the tree of its first document, and the problems that stopped parsing.
/// When `problems` is not empty the tree has no root: a broken file is never half-read.
public struct YAMLFile: Sendable {
    public var tree: YAMLTree
    public var problems: [YAMLProblem]
}

/// The one place that talks to libyaml through pointers.
public enum YAMLParser {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Parses a file. A large file whose body is one long block sequence (a log) is cut into
    /// `pieces` at item boundaries and the pieces are parsed on all cores, one libyaml parser
    /// each; the result is the tree one parse gives, and whenever a piece does not stand alone
    /// (see `SplitParse`) the file is parsed again in one piece.
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits(), pieces: Int? = nil) -> YAMLFile {
        if bytes.count > limits.maxFileSize {
            let problem = YAMLProblem(message: "the file is larger than the limit of \(limits.maxFileSize) bytes",
                                      span: Span(at: Mark(line: 1, column: 1, offset: 0)), isLimit: true)
            return YAMLFile(tree: YAMLTree(), problems: [problem])
        }
        let (tree, bodyStart) = prepare(bytes)
        let wanted = pieces ?? defaultPieces(forBytes: bytes.count)
        if wanted > 1, let split = SplitParse.planned(tree, bodyStart: bodyStart, pieces: wanted, limits: limits),
           let joined = split.run() {
            return YAMLFile(tree: joined, problems: [])
        }
        return parseWhole(tree, bodyStart: bodyStart, limits: limits)
    }

    /// An empty tree over the file's bytes and lines, and where the body starts (after a BOM).
    static func prepare(_ bytes: [UInt8]) -> (YAMLTree, bodyStart: Int) {
        let bodyStart = bodyStart(of: bytes)
        var tree = YAMLTree()
        tree.input = bytes
        tree.lines = LineIndex(bytes: bytes, bodyStart: bodyStart)
        return (tree, bodyStart)
    }

    /// Where the YAML starts: after a byte order mark, if there is one.
    static func bodyStart(of bytes: [UInt8]) -> Int { bytes.starts(with: byteOrderMark) ? 3 : 0 }

    /// One piece a core, for files large enough that the split pays for itself.
    public static func defaultPieces(forBytes count: Int) -> Int {
        count < 4 << 20 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, count >> 21))
    }

    /// The file in one libyaml parse.
    static func parseWhole(_ prepared: YAMLTree, bodyStart: Int, limits: YAMLLimits) -> YAMLFile {
        var tree = prepared
        let count = tree.input.count
        // A node takes two bytes of YAML at the least (`a,`), so this never regrows; pages of
        // the reservation that are never written are never touched, so cost no memory.
        let most = min(count / 2 + 16, limits.maxNodes + 1)
        tree.records.reserveCapacity(most)
        tree.children.reserveCapacity(most)
        let input = tree.input
        return input.withUnsafeBufferPointer { whole in
            let body = UnsafeBufferPointer(rebasing: whole[bodyStart...])
            if body.isEmpty { return YAMLFile(tree: tree, problems: []) }
            var builder = TreeBuilder(body: body, base: bodyStart, limits: limits, tree: tree)
            builder.run()
            return YAMLFile(tree: builder.tree, problems: builder.problems)
        }
    }
}

/// A large file parsed in pieces on all cores. The cuts are made before lines that start a
/// block sequence item (`  - `) at one indentation, near equal shares of the file. The first
/// piece is the file's start; every other piece, read alone, is a block sequence, and its items
/// join the block sequence at that indentation that is still open at the end of the piece
/// before. The join is taken only when every piece parsed cleanly on its own: a cut inside a
/// quoted or flow scalar leaves the piece before it unterminated (an error), a cut that is not
/// a sibling item finds no open sequence to join, an alias to an earlier piece's anchor is
/// undefined in its piece, and a second document, an explicit document end or a limit shows
/// in the pieces' events. Any of these, and the file is parsed in one piece instead.
struct SplitParse {
    private(set) var tree: YAMLTree
    let bodyStart: Int
    let limits: YAMLLimits
    /// Where each piece starts, in bytes of the file; the first is `bodyStart`.
    let starts: [Int]
    /// The indentation of the sequence items at the cuts.
    let indent: Int

    /// Pieces that start at `cuts` (offsets of item lines, in order, of one indentation).
    init?(tree: YAMLTree, bodyStart: Int, cuts: [Int], limits: YAMLLimits) {
        let bytes = tree.input
        var indent: Int?
        for cut in cuts {
            guard cut > bodyStart, cut < bytes.count, bytes[cut - 1] == 0x0A,
                  let (_, spaces) = SplitParse.itemLine(in: bytes, from: cut, indent: nil, within: 1),
                  indent == nil || indent == spaces else { return nil }
            indent = spaces
        }
        guard let indent, zip(cuts, cuts.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        self.tree = tree
        self.bodyStart = bodyStart
        self.limits = limits
        self.starts = [bodyStart] + cuts
        self.indent = indent
    }

    /// Cuts near equal shares of the file, before item lines of the indentation found first.
    static func planned(_ tree: YAMLTree, bodyStart: Int, pieces: Int, limits: YAMLLimits) -> SplitParse? {
        let bytes = tree.input
        let length = bytes.count - bodyStart
        guard pieces > 1, length > 0 else { return nil }
        var cuts: [Int] = []
        var indent: Int?
        for piece in 1..<pieces {
            let target = max(bodyStart + length / pieces * piece, (cuts.last ?? bodyStart) + 1)
            guard let (cut, found) = itemLine(in: bytes, from: target, indent: indent, within: 64 << 10) else { break }
            cuts.append(cut)
            indent = found
        }
        return SplitParse(tree: tree, bodyStart: bodyStart, cuts: cuts, limits: limits)
    }

    /// The first line starting at or after `from` that starts a block sequence item: `indent`
    /// spaces then `-` and a space or line break. Without an indentation to match, the least
    /// indented such line starting within `within` bytes.
    static func itemLine(in bytes: [UInt8], from: Int, indent wanted: Int?, within: Int) -> (Int, Int)? {
        bytes.withUnsafeBufferPointer { buffer -> (Int, Int)? in
            var best: (Int, Int)?
            let windowEnd = min(buffer.count, from + within)
            var position = from
            // To the start of the next line.
            while position < buffer.count, position > 0, buffer[position - 1] != 0x0A { position += 1 }
            while position < buffer.count {
                if wanted == nil, position >= windowEnd { break }
                var spaces = 0
                while position + spaces < buffer.count, buffer[position + spaces] == 0x20 { spaces += 1 }
                let dash = position + spaces
                if dash + 1 < buffer.count, buffer[dash] == UInt8(ascii: "-"),
                   buffer[dash + 1] == 0x20 || buffer[dash + 1] == 0x0A || buffer[dash + 1] == 0x0D {
                    if let wanted {
                        if spaces == wanted { return (position, spaces) }
                    } else if best.map({ spaces < $0.1 }) ?? true {
                        best = (position, spaces)
                        if spaces == 0 { break }
                    }
                }
                while position < buffer.count, buffer[position] != 0x0A { position += 1 }
                position += 1
            }
            return best
        }
    }

    /// Where a piece ends: where the next starts, the last at the end of the file.
    func end(of piece: Int) -> Int { piece == starts.count - 1 ? tree.input.count : starts[piece + 1] }

    /// The bytes of a piece in the file.
    func range(of piece: Int) -> Range<Int> { starts[piece]..<end(of: piece) }

    /// How many lines of `range` start a block sequence item at the cuts' indentation: the
    /// number of items of a stretch that is one block sequence (its parse confirms it).
    func itemLineCount(in range: Range<Int>) -> Int {
        var count = 0
        forEachItemLine(in: range) { _ in
            count += 1
            return true
        }
        return count
    }

    /// Where the item line after the first `skipping` ones of `range` starts; nil past the last.
    func itemLine(skipping: Int, in range: Range<Int>) -> Int? {
        var found: Int?
        var left = skipping
        forEachItemLine(in: range) { line in
            guard left == 0 else {
                left -= 1
                return true
            }
            found = line
            return false
        }
        return found
    }

    /// Hands `body` where each item line of `range` starts, in order, while it returns true.
    private func forEachItemLine(in range: Range<Int>, _ body: (Int) -> Bool) {
        tree.input.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let end = range.upperBound
            var line = range.lowerBound
            while line < end {
                var dash = line
                while dash < end, dash - line < indent, buffer[dash] == 0x20 { dash += 1 }
                if dash - line == indent, dash + 1 < buffer.count, buffer[dash] == UInt8(ascii: "-"),
                   buffer[dash + 1] == 0x20 || buffer[dash + 1] == 0x0A || buffer[dash + 1] == 0x0D {
                    guard body(line) else { return }
                }
                guard let newline = memchr(base + dash, 0x0A, end - dash) else { return }
                line = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
    }

    /// The same cuts over a tree with the file's line index, for a split planned before it was
    /// built (a piece's tree takes the lines of the split's).
    func with(lines: LineIndex) -> SplitParse {
        var split = self
        split.tree.lines = lines
        return split
    }

    /// The pieces parsed on all cores and joined; nil when they do not stand alone.
    func run() -> YAMLTree? {
        join(concurrentMap(Array(starts.indices)) { parse(piece: $0) })
    }

    /// One piece parsed alone. The first piece's arrays take the joined tree, so they are
    /// reserved for the file; every other piece gets arrays of its own.
    func parse(piece: Int, reservingForFile: Bool = true) -> PieceOutcome {
        let end = end(of: piece)
        var pieceTree = tree
        if piece > 0 {
            pieceTree = YAMLTree()
            pieceTree.input = tree.input
            pieceTree.lines = tree.lines
        }
        let share = piece == 0 && reservingForFile ? tree.input.count : end - starts[piece]
        let most = min(share / 2 + 16, limits.maxNodes + 1)
        pieceTree.records.reserveCapacity(most)
        pieceTree.children.reserveCapacity(most)
        return build(range(of: piece), in: pieceTree, handingItemsTo: nil)
    }

    /// A stretch of the file after the first piece that starts at an item line (a piece, or
    /// part of one), parsed a batch of items at a time: once `batchSize` items of the stretch's
    /// sequence are parsed (or the sequence ends), they are handed to `read` in a tree that holds
    /// the sequence and those items alone, then dropped. The tree stays small enough
    /// for the core's cache, and a batch is large enough that the core does not switch between
    /// parsing and reading for every item. The outcome's tree is the sequence without its items
    /// (`items` says how many there were). Once the stretch has an alias, items are no longer
    /// handed over: one could name a dropped node, and such a stretch does not stand alone anyway.
    func stream(_ range: Range<Int>, batchSize: Int = 2048, handingItemsTo read: (inout YAMLTree, [NodeID]) -> Void) -> PieceOutcome {
        precondition(range.lowerBound > starts[0] && batchSize > 0, "a stretch after the first piece, in batches of one item or more")
        var pieceTree = YAMLTree()
        pieceTree.input = tree.input
        pieceTree.lines = tree.lines
        return withoutActuallyEscaping(read) { build(range, in: pieceTree, handingItemsTo: $0, batchSize: batchSize) }
    }

    /// A stretch of the file's bytes, lent to `body` with where they start in the file.
    func withBody<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Result) -> Result {
        tree.input.withUnsafeBufferPointer { whole in body(UnsafeBufferPointer(rebasing: whole[range]), range.lowerBound) }
    }

    private func build(_ range: Range<Int>, in pieceTree: YAMLTree, handingItemsTo sink: ((inout YAMLTree, [NodeID]) -> Void)?,
                       batchSize: Int = 1) -> PieceOutcome {
        withBody(range) { body, base in
            var builder = TreeBuilder(body: body, base: base, limits: limits, tree: pieceTree)
            builder.itemSink = sink
            builder.batchSize = batchSize
            builder.run()
            return PieceOutcome(tree: builder.tree, clean: builder.problems.isEmpty && builder.tree.extraDocument == nil
                                    && (range.upperBound == tree.input.count || !builder.endedExplicitly),
                                aliases: builder.aliases, deepest: builder.deepest,
                                nodes: builder.tree.nodeCount + builder.dropped, items: builder.handedOver)
        }
    }

    struct PieceOutcome: Sendable {
        var tree: YAMLTree
        var clean: Bool
        var aliases: Int
        var deepest: Int
        /// Nodes parsed, those of items dropped after they were handed over included.
        var nodes: Int
        /// Items handed over and dropped (`stream(_:batchSize:handingItemsTo:)`).
        var items: Int
    }

    private func join(_ outcomes: consuming [PieceOutcome]) -> YAMLTree? {
        guard outcomes.allSatisfy(\.clean), outcomes.reduce(0, { $0 + $1.aliases }) <= limits.maxAliases,
              outcomes[0].tree.root != nil else { return nil }
        // Taken out of the outcome, so that its arrays grow in place instead of being copied.
        var joined = outcomes[0].tree
        outcomes[0].tree = YAMLTree()
        guard let root = joined.root, let (chain, sequence) = openSequence(in: joined, from: root) else { return nil }
        let column = joined.mark(at: Int(joined.records[Int(sequence)].start)).column
        // Nesting inside the joined sequence counts from its own depth.
        let depth = chain.count - 1
        var items = Array(joined.children(sequence))
        var end = joined.records[Int(sequence)].end
        for outcome in outcomes.dropFirst() {
            let piece = outcome.tree
            guard let pieceRoot = piece.root, piece.kind(pieceRoot) == .sequence, !piece.isFlow(pieceRoot),
                  joined.mark(at: Int(piece.records[Int(pieceRoot)].start)).column == column,
                  outcome.deepest + depth < limits.maxDepth else { return nil }
            let nodeShift = UInt32(joined.records.count)
            let childShift = UInt32(joined.children.count)
            let arenaShift = UInt32(joined.arena.count)
            // Copied whole, then renumbered in place.
            let firstRecord = joined.records.count
            joined.records.append(contentsOf: piece.records)
            joined.records.withUnsafeMutableBufferPointer { records in
                for index in firstRecord..<records.count {
                    switch records[index].kind {
                    case .sequence, .mapping: records[index].first += childShift
                    case .alias: records[index].first += nodeShift
                    case .scalar: if !records[index].inInput { records[index].first += arenaShift }
                    }
                }
            }
            let firstChild = joined.children.count
            joined.children.append(contentsOf: piece.children)
            joined.children.withUnsafeMutableBufferPointer { children in
                for index in firstChild..<children.count { children[index] += NodeID(nodeShift) }
            }
            joined.arena.append(contentsOf: piece.arena)
            joined.hasAliases = joined.hasAliases || piece.hasAliases
            items.append(contentsOf: piece.children(pieceRoot).lazy.map { $0 + NodeID(nodeShift) })
            end = piece.records[Int(pieceRoot)].end
            guard joined.nodeCount <= limits.maxNodes else { return nil }
        }
        // The sequence takes all the items, and it and its ancestors end where the last one does.
        joined.records[Int(sequence)].first = UInt32(joined.children.count)
        joined.records[Int(sequence)].count = UInt32(items.count)
        joined.children.append(contentsOf: items)
        for node in chain { joined.records[Int(node)].end = end }
        return joined
    }

    /// The block sequence at the cuts' indentation that is still open where the first piece
    /// ends: the deepest one on the path of last children from the root, with the path to it.
    func openSequence(in tree: YAMLTree, from root: NodeID) -> ([NodeID], NodeID)? {
        var path: [NodeID] = []
        var found: ([NodeID], NodeID)?
        var node = root
        while true {
            path.append(node)
            let kind = tree.kind(node)
            guard kind == .sequence || kind == .mapping, !tree.isFlow(node) else { break }
            if kind == .sequence, tree.mark(at: Int(tree.records[Int(node)].start)).column == indent + 1 {
                found = (path, node)
            }
            guard let last = tree.children(node).last else { break }
            node = last
        }
        return found
    }
}

/// Runs libyaml's event loop over a buffer and builds the flat tree.
private struct TreeBuilder {
    let body: UnsafeBufferPointer<UInt8>
    let base: Int
    let limits: YAMLLimits
    var tree: YAMLTree
    var problems: [YAMLProblem] = []
    var anchors: [String: NodeID] = [:]
    /// Open collections, each with where its children start in `pending`.
    var open: [(node: NodeID, firstChild: Int)] = []
    var pending: [NodeID] = []
    var documents = 0
    var aliases = 0
    /// The most collections open at once, and whether the document ended with `...`.
    var deepest = 0
    var endedExplicitly = false
    /// Set when a piece is read a batch at a time: takes the items of the root sequence,
    /// `batchSize` at a time, once they are complete, after which their nodes are dropped.
    var itemSink: ((inout YAMLTree, [NodeID]) -> Void)?
    var batchSize = 1
    private var batch: [NodeID] = []
    private var batchStart = (children: 0, arena: 0)
    /// Whether items are handed over as they complete: only those of a root block sequence.
    private var handsOverItems = false
    var handedOver = 0
    var dropped = 0
    /// Where the arrays stood when the item being built started.
    private var itemStart = (children: 0, arena: 0)
    /// Where the last item handed over ends.
    private var lastItemEnd: UInt32 = 0

    init(body: UnsafeBufferPointer<UInt8>, base: Int, limits: YAMLLimits, tree: YAMLTree) {
        self.body = body
        self.base = base
        self.limits = limits
        self.tree = tree
    }

    mutating func run() {
        var events = YAMLEvents(body: body, base: base)
        guard events.isReady else {
            problems.append(YAMLProblem(message: "out of memory", span: Span(at: Mark(line: 1, column: 1, offset: 0))))
            return
        }
        var done = false
        while !done {
            guard events.next() else {
                let (message, offset) = events.problem()
                problems.append(YAMLProblem(message: message, span: Span(at: offset.map { tree.mark(at: $0) } ?? Mark(line: 1, column: 1, offset: base))))
                break
            }
            done = handle(&events) || !problems.isEmpty
        }
        if !problems.isEmpty {
            tree.root = nil
        }
    }

    /// Handles one event; true when parsing should stop.
    private mutating func handle(_ events: inout YAMLEvents) -> Bool {
        let event = events.event
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                tree.extraDocument = Span(at: tree.mark(at: events.start()))
                return true
            }
        case YAML_SCALAR_EVENT:
            let node = tree.appendScalar(events.scalar())
            remember(anchor: event.data.scalar.anchor, for: node)
            attach(node)
        case YAML_ALIAS_EVENT:
            let start = events.start()
            let end = events.end()
            let span = Span(start: tree.mark(at: start), end: tree.mark(at: end))
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            aliases += 1
            if aliases > limits.maxAliases {
                problems.append(YAMLProblem(message: "more than \(limits.maxAliases) aliases", span: span, isLimit: true))
                return true
            }
            guard let target = anchors[name] else {
                problems.append(YAMLProblem(message: "found undefined alias *\(name)", span: span))
                return true
            }
            attach(tree.appendAlias(target: target, start: start, end: end))
        case YAML_DOCUMENT_END_EVENT:
            endedExplicitly = endedExplicitly || event.data.document_end.implicit == 0
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let start = events.start()
            deepest = max(deepest, open.count)
            if open.count >= limits.maxDepth {
                problems.append(YAMLProblem(
                    message: "nesting is deeper than \(limits.maxDepth) levels", span: Span(at: tree.mark(at: start)), isLimit: true))
                return true
            }
            let isSequence = event.type == YAML_SEQUENCE_START_EVENT
            let node = tree.appendCollection(isSequence ? .sequence : .mapping, isFlow: events.isFlow, start: start)
            remember(anchor: events.anchor, for: node)
            attach(node)
            open.append((node, pending.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let (node, firstChild) = open.popLast() else { return true }
            let end = tree.isFlow(node) ? events.end() : 0
            pending.withUnsafeBufferPointer { tree.close(node, children: UnsafeBufferPointer(rebasing: $0[firstChild...]), end: end) }
            pending.removeLast(pending.count - firstChild)
            if handsOverItems {
                if open.count == 1 {
                    completed(node, childrenFrom: itemStart.children, arenaFrom: itemStart.arena)
                } else if open.isEmpty {
                    handOverBatch()
                }
                if open.isEmpty, handedOver > 0 {
                    // The sequence ends where its last item does, as it would with its items.
                    tree.records[Int(node)].end = lastItemEnd
                }
            }
        default:
            break
        }
        return false
    }

    private mutating func attach(_ node: NodeID) {
        if tree.nodeCount + dropped > limits.maxNodes, !problems.contains(where: \.isLimit) {
            problems.append(YAMLProblem(message: "more than \(limits.maxNodes) nodes", span: tree.span(node), isLimit: true))
        }
        if open.isEmpty {
            if tree.root == nil {
                tree.root = node
                handsOverItems = itemSink != nil && tree.kind(node) == .sequence && !tree.isFlow(node)
            }
        } else if handsOverItems, open.count == 1 {
            switch tree.kind(node) {
            case .sequence, .mapping:
                // Handed over when it closes; its children and decoded scalars come after these.
                itemStart = (tree.children.count, tree.arena.count)
            case .scalar:
                let record = tree.records[Int(node)]
                completed(node, childrenFrom: tree.children.count, arenaFrom: record.inInput ? tree.arena.count : Int(record.first))
            case .alias:
                completed(node, childrenFrom: tree.children.count, arenaFrom: tree.arena.count)
            }
        } else {
            pending.append(node)
        }
    }

    /// Takes a complete item of the root sequence into the batch to hand over; everything after
    /// the first item of the batch in the tree's arrays is the batch's own.
    private mutating func completed(_ node: NodeID, childrenFrom children: Int, arenaFrom arena: Int) {
        if batch.isEmpty { batchStart = (children, arena) }
        batch.append(node)
        lastItemEnd = tree.records[Int(node)].end
        if batch.count == batchSize { handOverBatch() }
    }

    /// Hands the items completed so far to the sink, then drops their nodes.
    private mutating func handOverBatch() {
        guard let first = batch.first else { return }
        if !tree.hasAliases, let itemSink { itemSink(&tree, batch) }
        handedOver += batch.count
        dropped += tree.records.count - Int(first)
        tree.records.removeSubrange(Int(first)...)
        tree.children.removeSubrange(batchStart.children...)
        tree.arena.removeSubrange(batchStart.arena...)
        batch.removeAll(keepingCapacity: true)
    }

    private mutating func remember(anchor: UnsafeMutablePointer<yaml_char_t>?, for node: NodeID) {
        guard let anchor else { return }
        anchors[String(cString: anchor)] = node
    }
}
