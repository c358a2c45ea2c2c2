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

/// The items of a long list that follow the part of it in a file's first piece, read from the
/// other pieces, with what reading them found.
struct ListContinuation: Sendable {
    /// The list they continue: a block sequence of the first piece's tree.
    let sequence: NodeID
    let items: [Item]
    let findings: [Finding]
    let suppressions: [Suppression]
    /// How many of the items were read straight from libyaml's events (`EventItemReader`).
    let itemsFromEvents: Int
}

/// A large file read piece by piece. `SplitParse` cuts it before the items of its last,
/// long list (a log); the first piece is parsed, then every other piece is read on all cores:
/// straight from libyaml's events when it holds nothing unusual (`EventItemReader`), and
/// otherwise parsed with its items read a batch at a time as they are parsed and then dropped.
/// The file's whole tree never exists at once, nor a piece's. An item's position in the list
/// (its path, `log[1234]`) comes from counting the item lines before it, which each piece's
/// reading confirms. Anything unusual (the list not a field of the root, a piece that does not
/// stand alone, aliases, a limit) and the file is parsed the ordinary way instead.
enum PieceReading {
    /// Pieces of about 2 MB, so that the trees being read at any moment stay small, and at
    /// least four a core: the first piece is parsed before the others start, so it is kept
    /// short, and the cores share the rest evenly.
    static func defaultPieces(forBytes count: Int) -> Int {
        YAMLParser.defaultPieces(forBytes: count) > 1 ? max(4 * ProcessInfo.processInfo.activeProcessorCount, count >> 21) : 1
    }

    /// What reading a file piece by piece gives.
    enum Outcome {
        case read(ParsedFile)
        /// The file is not to be read by pieces; `bytesLetGo`: pieces read before that was
        /// known were let go, and the bytes given are no longer whole.
        case declined(bytesLetGo: Bool)
    }

    /// `lettingGo`: each piece after the first, once read, is let go (`SourceBytes`), to be
    /// read again from the file at `path` if a finding needs it; only for bytes read from there.
    static func read(path: String, bytes: [UInt8], limits: YAMLLimits, shape: Shape, pieces: Int, lettingGo: Bool = false) -> Outcome {
        guard bytes.count <= limits.maxFileSize else { return .declined(bytesLetGo: false) }
        // Cut on the bytes alone: the line index is built beside the first piece's parse.
        var unlined = YAMLTree()
        unlined.input = bytes
        let bodyStart = YAMLParser.bodyStart(of: bytes)
        guard let split = SplitParse.planned(unlined, bodyStart: bodyStart, pieces: pieces, limits: limits) else {
            return .declined(bytesLetGo: false)
        }
        return read(path: path, split: split, shape: shape, lettingGo: lettingGo)
    }

    /// The file of `split` read as `shape`, piece by piece; nil when it cannot be.
    static func read(path: String, split unlined: SplitParse, shape: Shape) -> ParsedFile? {
        if case .read(let file) = read(path: path, split: unlined, shape: shape, lettingGo: false) { return file }
        return nil
    }

    private static func read(path: String, split unlined: SplitParse, shape: Shape, lettingGo: Bool) -> Outcome {
        let declined = Outcome.declined(bytesLetGo: false)
        guard unlined.starts.count > 1 else { return declined }
        let limits = unlined.limits
        let bytes = unlined.tree.input
        // The line index, the first piece and the item lines of the others, on all cores at once:
        // until the first piece is parsed, nothing says how the rest is to be read.
        enum Groundwork: Sendable {
            case lines(LineIndex)
            case first(SplitParse.PieceOutcome)
            case itemLines(Int)
        }
        let groundwork = concurrentMap(Array(0...unlined.starts.count)) { job -> Groundwork in
            switch job {
            case 0: return .lines(LineIndex(bytes: bytes, bodyStart: unlined.bodyStart))
            case 1: return .first(unlined.parse(piece: 0, reservingForFile: false))
            default: return .itemLines(unlined.itemLineCount(in: unlined.range(of: job - 1)))
            }
        }
        guard case .lines(let lines) = groundwork[0], case .first(let first) = groundwork[1] else { return declined }
        let counts = groundwork.dropFirst(2).map { if case .itemLines(let count) = $0 { count } else { 0 } }
        let split = unlined.with(lines: lines)
        var tree = first.tree
        tree.lines = lines
        // The list must be the value of the root's last key, a field of `shape` holding items.
        guard first.clean, let root = tree.root, tree.kind(root) == .mapping,
              let (chain, sequence) = split.openSequence(in: tree, from: root), chain == [root, sequence],
              let keyNode = tree.children(root).dropLast().last, tree.kind(keyNode) == .scalar,
              let field = shape.field(tree.string(keyNode)), case .list(let itemShape) = field.type,
              first.deepest < limits.maxDepth else { return declined }
        let column = tree.mark(at: Int(tree.range(sequence).start)).column
        let source = SourceFile(path: path, lines: lines, problems: [])

        // Each piece's first item's position in the list, from the item lines before it.
        var firstPositions = [tree.children(sequence).count]
        for count in counts.dropLast() { firstPositions.append(firstPositions[firstPositions.count - 1] + count) }
        let bases = firstPositions

        let pieces = ListPieces(split: split, shape: itemShape, key: field.key, column: column, source: source)
        let reads = concurrentMap(Array(counts.indices)) { index in
            let range = split.range(of: index + 1)
            let read = pieces.read(range, firstPosition: bases[index], count: counts[index])
            if lettingGo { source.bytes.letGo(range, rereadingFrom: path) }
            return read
        }
        let undone = Outcome.declined(bytesLetGo: lettingGo)
        var items: [Item] = []
        var findings: [Finding] = []
        var suppressions: [Suppression] = []
        var nodes = tree.nodeCount
        var itemsFromEvents = 0
        for read in reads {
            guard let read else { return undone }
            itemsFromEvents += read.itemsFromEvents
            items += read.items
            findings += read.findings
            suppressions += read.suppressions
            nodes += read.nodes
        }
        guard nodes <= limits.maxNodes, first.aliases <= limits.maxAliases, let end = reads.last??.end else { return undone }
        // The list and the root end where the last item does, as in the whole file's tree.
        for node in chain { tree.records[Int(node)].end = end }
        return .read(ParsedFile(source: source, tree: tree,
                                continuation: ListContinuation(sequence: sequence, items: items, findings: findings,
                                                               suppressions: suppressions, itemsFromEvents: itemsFromEvents)))
    }
}

/// The pieces of a file after the first, each a stretch of the items of one list of the file's
/// root, and how they are read.
private struct ListPieces: Sendable {
    let split: SplitParse
    let shape: Shape
    let key: String
    let column: Int
    let source: SourceFile

    /// What reading a stretch gives.
    struct Read: Sendable {
        var items: [Item] = []
        var findings: [Finding] = []
        var suppressions: [Suppression] = []
        /// Items of the list read, those that gave a finding instead of an item included.
        var positions = 0
        var nodes = 0
        /// Where the last item ends.
        var end: UInt32 = 0
        var itemsFromEvents = 0
    }

    /// A piece of `count` items, the first at `firstPosition` of the list: read straight from
    /// libyaml's events up to an item that is not plain, that item through a tree, alone (from
    /// its line to the next item's), and on from the next item the same way. Anything else that
    /// stops the events' reading (a problem libyaml finds, a stretch that is not one sequence of
    /// items) and the rest of the piece is read through a tree, as one. Nil when the piece does
    /// not stand alone as that many items of the list.
    func read(_ range: Range<Int>, firstPosition: Int, count: Int) -> Read? {
        var read = Read()
        read.items.reserveCapacity(count)
        var start = range.lowerBound
        reading: while start < range.upperBound {
            let plain = EventItemReader.read(start..<range.upperBound, of: split, shape: shape, list: key,
                                             firstPosition: firstPosition + read.positions, expecting: count - read.positions,
                                             column: column, source: source)
            switch plain.stop {
            case .complete, .item:
                read.items += plain.items
                read.positions += plain.items.count
                read.nodes += plain.nodes
                read.itemsFromEvents += plain.items.count
                if !plain.items.isEmpty { read.end = plain.end }
                if plain.stop == .complete { break reading }
                guard let line = split.itemLine(skipping: plain.items.count, in: start..<range.upperBound) else { return nil }
                let next = split.itemLine(skipping: 1, in: line..<range.upperBound) ?? range.upperBound
                guard readThroughTree(line..<next, items: 1, into: &read, firstPosition: firstPosition) else { return nil }
                start = next
            case .other:
                guard readThroughTree(start..<range.upperBound, items: count - read.positions, into: &read, firstPosition: firstPosition) else {
                    return nil
                }
                start = range.upperBound
            }
        }
        return read.positions == count ? read : nil
    }

    /// Reads `count` items from a stretch parsed into trees a batch of items at a time, with the
    /// findings they give; false when the stretch does not stand alone as that many items.
    private func readThroughTree(_ range: Range<Int>, items count: Int, into read: inout Read, firstPosition: Int) -> Bool {
        var reader = DocumentReader(itemsOf: source, nodes: range.count)
        let list = reader.places.add(path: key, stable: key)
        var items: [Item] = []
        var position = firstPosition + read.positions
        let outcome = split.stream(range) { batchTree, batch in
            reader.read(batch, of: &batchTree) { reader, node in
                if let item = reader.readItem(node, shape: shape, at: ItemPlace(base: list, index: Int32(position))) { items.append(item) }
                position += 1
            }
        }
        let tree = outcome.tree
        guard outcome.clean, !tree.hasAliases, let root = tree.root, tree.kind(root) == .sequence, !tree.isFlow(root),
              tree.mark(at: Int(tree.range(root).start)).column == column, outcome.deepest + 1 < split.limits.maxDepth,
              outcome.items == count else { return false }
        read.items += items
        read.positions += count
        read.findings += reader.findings
        read.suppressions += reader.suppressions
        read.nodes += outcome.nodes
        read.end = tree.range(root).end
        return true
    }
}
