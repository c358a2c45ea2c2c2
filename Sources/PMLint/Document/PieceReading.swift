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
}

/// A large file read piece by piece. `SplitParse` cuts it before the items of its last,
/// long list (a log); the first piece is parsed, then every other piece is parsed on all cores,
/// its items read a batch at a time as they are parsed and then dropped: the file's whole tree
/// never exists at once, nor a piece's. An item's position in the list (its path, `log[1234]`)
/// comes from counting the item lines before it, which each piece's parse confirms. Anything
/// unusual (the list not a field of the root, a piece that does not stand alone, aliases, a
/// limit) and the file is parsed the ordinary way instead.
enum PieceReading {
    /// Pieces of about 2 MB, so that the trees being read at any moment stay small, and at
    /// least four a core: the first piece is parsed before the others start, so it is kept
    /// short, and the cores share the rest evenly.
    static func defaultPieces(forBytes count: Int) -> Int {
        YAMLParser.defaultPieces(forBytes: count) > 1 ? max(4 * ProcessInfo.processInfo.activeProcessorCount, count >> 21) : 1
    }

    static func read(path: String, bytes: [UInt8], limits: YAMLLimits, shape: Shape, pieces: Int) -> ParsedFile? {
        guard bytes.count <= limits.maxFileSize else { return nil }
        // Cut on the bytes alone: the line index is built beside the first piece's parse.
        var unlined = YAMLTree()
        unlined.input = bytes
        let bodyStart = YAMLParser.bodyStart(of: bytes)
        guard let split = SplitParse.planned(unlined, bodyStart: bodyStart, pieces: pieces, limits: limits) else { return nil }
        return read(path: path, split: split, shape: shape)
    }

    /// The file of `split` read as `shape`, piece by piece; nil when it cannot be.
    static func read(path: String, split unlined: SplitParse, shape: Shape) -> ParsedFile? {
        guard unlined.starts.count > 1 else { return nil }
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
            default: return .itemLines(unlined.itemLineCount(piece: job - 1))
            }
        }
        guard case .lines(let lines) = groundwork[0], case .first(let first) = groundwork[1] else { return nil }
        let counts = groundwork.dropFirst(2).map { if case .itemLines(let count) = $0 { count } else { 0 } }
        let split = unlined.with(lines: lines)
        var tree = first.tree
        tree.lines = lines
        // The list must be the value of the root's last key, a field of `shape` holding items.
        guard first.clean, let root = tree.root, tree.kind(root) == .mapping,
              let (chain, sequence) = split.openSequence(in: tree, from: root), chain == [root, sequence],
              let keyNode = tree.children(root).dropLast().last, tree.kind(keyNode) == .scalar,
              let field = shape.field(tree.string(keyNode)), case .list(let itemShape) = field.type,
              first.deepest < limits.maxDepth else { return nil }
        let column = tree.mark(at: Int(tree.range(sequence).start)).column
        let source = SourceFile(path: path, bytes: bytes, lines: lines, problems: [])

        // Each piece's first item's position in the list, from the item lines before it.
        var firstPositions = [tree.children(sequence).count]
        for count in counts.dropLast() { firstPositions.append(firstPositions[firstPositions.count - 1] + count) }
        let bases = firstPositions

        struct PieceRead: Sendable {
            var items: [Item]
            var findings: [Finding]
            var suppressions: [Suppression]
            var nodes: Int
            var end: UInt32
        }
        let reads = concurrentMap(Array(counts.indices)) { index -> PieceRead? in
            var reader = DocumentReader(itemsOf: source, nodes: split.end(of: index + 1) - split.starts[index + 1])
            let list = reader.places.add(path: field.key, stable: field.key)
            var items: [Item] = []
            items.reserveCapacity(counts[index])
            var position = bases[index]
            let outcome = split.stream(piece: index + 1) { batchTree, batch in
                reader.read(batch, of: &batchTree) { reader, node in
                    if let item = reader.readItem(node, shape: itemShape, at: ItemPlace(base: list, index: Int32(position))) { items.append(item) }
                    position += 1
                }
            }
            let piece = outcome.tree
            guard outcome.clean, !piece.hasAliases, let pieceRoot = piece.root, piece.kind(pieceRoot) == .sequence,
                  !piece.isFlow(pieceRoot), piece.mark(at: Int(piece.range(pieceRoot).start)).column == column,
                  outcome.deepest + 1 < limits.maxDepth, outcome.items == counts[index] else { return nil }
            return PieceRead(items: items, findings: reader.findings, suppressions: reader.suppressions,
                             nodes: outcome.nodes, end: piece.range(pieceRoot).end)
        }
        var items: [Item] = []
        var findings: [Finding] = []
        var suppressions: [Suppression] = []
        var nodes = tree.nodeCount
        for read in reads {
            guard let read else { return nil }
            items += read.items
            findings += read.findings
            suppressions += read.suppressions
            nodes += read.nodes
        }
        guard nodes <= limits.maxNodes, first.aliases <= limits.maxAliases, let end = reads.last??.end else { return nil }
        // The list and the root end where the last item does, as in the whole file's tree.
        for node in chain { tree.records[Int(node)].end = end }
        return ParsedFile(source: source, tree: tree,
                          continuation: ListContinuation(sequence: sequence, items: items, findings: findings, suppressions: suppressions))
    }
}
