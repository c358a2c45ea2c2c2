#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Index of a node in a `YAMLTree`.
typealias NodeID = Int32

/// A YAML document as flat arrays: nodes in document order, children as ranges of one shared
/// array, scalar values as ranges of one byte arena. Nothing here is recursive, so trees of any
/// depth are built, walked and freed without touching the stack, and an alias is a reference to
/// its anchored node, never a copy.
struct YAMLTree: Sendable {
    enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping, alias
    }

    enum ScalarStyle: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// 20 bytes a node: byte offsets only (lines and columns come from `lines` when asked).
    struct Record: Sendable {
        var start: UInt32
        var end: UInt32
        /// scalar: offset in `input` or `arena`; collection: first index into `children`;
        /// alias: target node.
        var first: UInt32
        /// scalar: byte length; collection: child count (a mapping counts keys and values).
        var count: UInt32
        var kind: Kind
        var style: ScalarStyle
        var isFlow: Bool
        /// A scalar whose value is its bytes in the file as written, not copied to the arena.
        var inInput: Bool
    }

    var records: [Record] = []
    var children: [NodeID] = []
    /// Scalar values that differ from their source text (escapes, folded lines).
    var arena: [UInt8] = []
    /// The file's bytes, shared with the `SourceFile` (not copied).
    var input: [UInt8] = []
    var lines = LineIndex(bytes: [], bodyStart: 0)

    /// The root node of the first document, if the file has one.
    var root: NodeID?
    /// Where a second document starts: the format allows one document per file.
    var extraDocument: Span?

    init() {}

    var nodeCount: Int { records.count }

    func kind(_ node: NodeID) -> Kind { records[Int(node)].kind }
    func style(_ node: NodeID) -> ScalarStyle { records[Int(node)].style }
    func isFlow(_ node: NodeID) -> Bool { records[Int(node)].isFlow }

    func span(_ node: NodeID) -> Span {
        let record = records[Int(node)]
        return Span(start: lines.mark(at: Int(record.start)), end: lines.mark(at: Int(record.end)))
    }

    /// The line and column of a byte offset of the file.
    func mark(at offset: Int) -> Mark { lines.mark(at: offset) }

    /// The anchored node an alias stands for (aliases are resolved when parsed).
    func target(_ node: NodeID) -> NodeID {
        let record = records[Int(node)]
        return record.kind == .alias ? NodeID(record.first) : node
    }

    /// Follows an alias to the node it names; any other node is returned as is.
    func resolved(_ node: NodeID) -> NodeID { target(node) }

    func scalarBytes(_ node: NodeID) -> ArraySlice<UInt8> {
        let record = records[Int(node)]
        guard record.kind == .scalar else { return [] }
        let start = Int(record.first)
        return record.inInput ? input[start..<start + Int(record.count)] : arena[start..<start + Int(record.count)]
    }

    func string(_ node: NodeID) -> String {
        String(decoding: scalarBytes(node), as: UTF8.self)
    }

    /// A plain scalar that YAML reads as null: empty, `~` or `null`.
    func isNull(_ node: NodeID) -> Bool {
        let record = records[Int(node)]
        guard record.kind == .scalar, record.style == .plain else { return false }
        let bytes = scalarBytes(node)
        return bytes.isEmpty || bytes.elementsEqual("~".utf8) || bytes.elementsEqual("null".utf8)
            || bytes.elementsEqual("Null".utf8) || bytes.elementsEqual("NULL".utf8)
    }

    /// Whether the document, every alias expanded, has at most `limit` nodes. Linear in the
    /// tree: each node's expanded size is found once.
    func expands(within limit: Int) -> Bool {
        guard let root else { return true }
        // Expanded size of each node: -1 not yet known, -2 being counted (an alias back into
        // a node still open counts as one node).
        var size = [Int](repeating: -1, count: records.count)
        var stack: [(node: NodeID, counted: Bool)] = [(resolved(root), false)]
        while let (node, counted) = stack.popLast() {
            if counted {
                var total = 1
                for child in children(node) { total = min(limit + 1, total + max(1, size[Int(resolved(child))])) }
                size[Int(node)] = total
                continue
            }
            guard size[Int(node)] == -1 else { continue }
            size[Int(node)] = -2
            stack.append((node, true))
            for child in children(node) where size[Int(resolved(child))] == -1 {
                stack.append((resolved(child), false))
            }
        }
        return size[Int(resolved(root))] <= limit
    }

    /// The items of a sequence, or keys and values alternating for a mapping.
    func children(_ node: NodeID) -> ArraySlice<NodeID> {
        let record = records[Int(node)]
        guard record.kind == .sequence || record.kind == .mapping else { return [] }
        let start = Int(record.first)
        return children[start..<start + Int(record.count)]
    }

    /// The key/value pairs of a mapping, in order.
    func pairs(_ node: NodeID) -> [(key: NodeID, value: NodeID)] {
        let all = children(node)
        var result: [(key: NodeID, value: NodeID)] = []
        result.reserveCapacity(all.count / 2)
        var index = all.startIndex
        while index + 1 < all.endIndex {
            result.append((all[index], all[index + 1]))
            index += 2
        }
        return result
    }

    /// The value under `key` in a mapping (the first, if a key is repeated).
    func value(_ node: NodeID, forKey key: String) -> NodeID? {
        let all = children(node)
        var index = all.startIndex
        while index + 1 < all.endIndex {
            let candidate = all[index]
            if kind(candidate) == .scalar, scalarBytes(candidate).elementsEqual(key.utf8) {
                return all[index + 1]
            }
            index += 2
        }
        return nil
    }

    // MARK: Building (used by the parser)

    mutating func appendScalar(_ bytes: UnsafeBufferPointer<UInt8>, style: ScalarStyle, start: Int, end: Int) -> NodeID {
        // Most values are their source text: a plain scalar as is, a quoted one inside its quotes.
        let textStart = style == .singleQuoted || style == .doubleQuoted ? start + 1 : start
        let inInput = (style == .plain || style == .singleQuoted || style == .doubleQuoted)
            && textStart + bytes.count <= input.count
            && input.withUnsafeBufferPointer { whole in
                guard let base = whole.baseAddress, let value = bytes.baseAddress else { return bytes.isEmpty }
                return memcmp(base + textStart, value, bytes.count) == 0
            }
        let first: Int
        if inInput {
            first = textStart
        } else {
            first = arena.count
            arena.append(contentsOf: bytes)
        }
        return append(Record(start: UInt32(clamping: start), end: UInt32(clamping: end), first: UInt32(clamping: first),
                             count: UInt32(clamping: bytes.count), kind: .scalar, style: style, isFlow: false, inInput: inInput))
    }

    mutating func appendAlias(target: NodeID, start: Int, end: Int) -> NodeID {
        append(Record(start: UInt32(clamping: start), end: UInt32(clamping: end), first: UInt32(target), count: 0,
                      kind: .alias, style: .plain, isFlow: false, inInput: false))
    }

    mutating func appendCollection(_ kind: Kind, isFlow: Bool, start: Int) -> NodeID {
        append(Record(start: UInt32(clamping: start), end: UInt32(clamping: start), first: 0, count: 0,
                      kind: kind, style: .plain, isFlow: isFlow, inInput: false))
    }

    /// Closes a collection: its children move from the builder's stack into `children`.
    /// A block collection ends where its last child ends (libyaml's own end mark runs on past
    /// trailing blank lines and comments).
    mutating func close(_ node: NodeID, children items: ArraySlice<NodeID>, end: Int) {
        var record = records[Int(node)]
        record.first = UInt32(clamping: children.count)
        record.count = UInt32(clamping: items.count)
        children.append(contentsOf: items)
        if !record.isFlow, let last = items.last {
            record.end = records[Int(last)].end
        } else {
            record.end = UInt32(clamping: end)
        }
        records[Int(node)] = record
    }

    private mutating func append(_ record: Record) -> NodeID {
        records.append(record)
        return NodeID(records.count - 1)
    }
}
