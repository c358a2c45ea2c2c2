/// Index of a node in a `YAMLTree`.
public typealias NodeID = Int32

/// A YAML document as flat arrays: nodes in document order, children as ranges of one shared
/// array, scalar values as ranges of one byte arena. Nothing here is recursive, so trees of any
/// depth are built, walked and freed without touching the stack, and an alias is a reference to
/// its anchored node, never a copy.
public struct YAMLTree: Sendable {
    public enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping, alias
    }

    public enum ScalarStyle: UInt8, Sendable {
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
    public internal(set) var root: NodeID?
    /// Where a second document starts: the format allows one document per file.
    public internal(set) var extraDocument: Span?
    /// Whether any node is an alias (then one part of the tree can reach into another).
    public internal(set) var hasAliases = false

    public init() {}

    public var nodeCount: Int { records.count }

    public func kind(_ node: NodeID) -> Kind { records[Int(node)].kind }
    public func style(_ node: NodeID) -> ScalarStyle { records[Int(node)].style }
    public func isFlow(_ node: NodeID) -> Bool { records[Int(node)].isFlow }

    public func span(_ node: NodeID) -> Span {
        let record = records[Int(node)]
        return Span(start: lines.mark(at: Int(record.start)), end: lines.mark(at: Int(record.end)))
    }

    /// Where the node is written, in bytes (an alias's own range, not its target's).
    public func range(_ node: NodeID) -> SourceRange {
        let record = records[Int(node)]
        return SourceRange(start: record.start, end: record.end)
    }

    /// The line and column of a byte offset of the file.
    public func mark(at offset: Int) -> Mark { lines.mark(at: offset) }

    /// The anchored node an alias stands for (aliases are resolved when parsed).
    public func target(_ node: NodeID) -> NodeID {
        let record = records[Int(node)]
        return record.kind == .alias ? NodeID(record.first) : node
    }

    /// Follows an alias to the node it names; any other node is returned as is.
    public func resolved(_ node: NodeID) -> NodeID { target(node) }

    /// A scalar's bytes, lent to `body` without taking a reference to the file's buffer: readers
    /// on every core share that buffer, and counting references to it would have them contend.
    public func withScalarBytes<Result>(_ node: NodeID, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let record = records[Int(node)]
        guard record.kind == .scalar else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let start = Int(record.first)
        let count = Int(record.count)
        let lend = { (whole: UnsafeBufferPointer<UInt8>) in body(UnsafeBufferPointer(rebasing: whole[start..<start + count])) }
        return record.inInput ? input.withUnsafeBufferPointer(lend) : arena.withUnsafeBufferPointer(lend)
    }

    public func string(_ node: NodeID) -> String {
        withScalarBytes(node) { String(decoding: $0, as: UTF8.self) }
    }

    /// A plain scalar that YAML reads as null: empty, `~` or `null`.
    public func isNull(_ node: NodeID) -> Bool {
        let record = records[Int(node)]
        guard record.kind == .scalar, record.style == .plain else { return false }
        return withScalarBytes(node) { YAMLTree.isNull(style: .plain, $0) }
    }

    /// Whether a scalar of `style` with the value `bytes` is null: plain, and empty, `~` or `null`.
    static func isNull(style: ScalarStyle, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard style == .plain else { return false }
        switch bytes.count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "~")
        case 4: return bytes.elementsEqual("null".utf8) || bytes.elementsEqual("Null".utf8) || bytes.elementsEqual("NULL".utf8)
        default: return false
        }
    }

    /// The items of a sequence, or keys and values alternating for a mapping.
    public func children(_ node: NodeID) -> ArraySlice<NodeID> {
        let record = records[Int(node)]
        guard record.kind == .sequence || record.kind == .mapping else { return [] }
        let start = Int(record.first)
        return children[start..<start + Int(record.count)]
    }

    /// The key/value pairs of a mapping, in order.
    public func pairs(_ node: NodeID) -> [(key: NodeID, value: NodeID)] {
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
    public func value(_ node: NodeID, forKey key: String) -> NodeID? {
        let all = children(node)
        var index = all.startIndex
        while index + 1 < all.endIndex {
            let candidate = all[index]
            if kind(candidate) == .scalar, withScalarBytes(candidate, { $0.elementsEqual(key.utf8) }) {
                return all[index + 1]
            }
            index += 2
        }
        return nil
    }

    // MARK: Building (used by the parser)

    /// Appends a scalar as libyaml parsed it: its value stays in the file when it is the
    /// scalar's source text, and is copied to the arena otherwise.
    mutating func appendScalar(_ scalar: ScalarEvent) -> NodeID {
        let first: Int
        if let valueStart = scalar.valueStart {
            first = valueStart
        } else {
            first = arena.count
            arena.append(contentsOf: scalar.value)
        }
        return append(Record(start: UInt32(clamping: scalar.start), end: UInt32(clamping: scalar.end), first: UInt32(clamping: first),
                             count: UInt32(clamping: scalar.value.count), kind: .scalar, style: scalar.style, isFlow: false,
                             inInput: scalar.valueStart != nil))
    }

    mutating func appendAlias(target: NodeID, start: Int, end: Int) -> NodeID {
        hasAliases = true
        return append(Record(start: UInt32(clamping: start), end: UInt32(clamping: end), first: UInt32(target), count: 0,
                      kind: .alias, style: .plain, isFlow: false, inInput: false))
    }

    mutating func appendCollection(_ kind: Kind, isFlow: Bool, start: Int) -> NodeID {
        append(Record(start: UInt32(clamping: start), end: UInt32(clamping: start), first: 0, count: 0,
                      kind: kind, style: .plain, isFlow: isFlow, inInput: false))
    }

    /// Closes a collection: its children move from the builder's stack into `children`.
    /// A block collection ends where its last child ends (libyaml's own end mark runs on past
    /// trailing blank lines and comments).
    mutating func close(_ node: NodeID, children items: UnsafeBufferPointer<NodeID>, end: Int) {
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
