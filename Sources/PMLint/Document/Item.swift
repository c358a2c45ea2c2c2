/// A file pmlint read: its bytes and lines (for locating findings and showing source lines) and
/// libyaml's problems. The tree is not kept here: readers get it in a `ParsedFile`, and items
/// keep byte ranges, so a project's trees go once its items are read.
public final class SourceFile: Sendable {
    /// The path as the user named it: the command-line path joined with the file's name.
    public let path: String
    public let bytes: [UInt8]
    let lines: LineIndex
    public let problems: [YAMLProblem]

    init(path: String, bytes: [UInt8], lines: LineIndex, problems: [YAMLProblem]) {
        self.path = path
        self.bytes = bytes
        self.lines = lines
        self.problems = problems
    }

    public func span(_ range: SourceRange) -> Span {
        Span(start: lines.mark(at: Int(range.start)), end: lines.mark(at: Int(range.end)))
    }
}

/// A file and the tree libyaml built of it, for as long as it is being read.
public struct ParsedFile: Sendable {
    public let source: SourceFile
    public let tree: YAMLTree
    /// For a long list read piece by piece (`PieceReading`): the items that follow the last
    /// list of `tree`, already read.
    let continuation: ListContinuation?

    init(source: SourceFile, tree: YAMLTree, continuation: ListContinuation? = nil) {
        self.source = source
        self.tree = tree
        self.continuation = continuation
    }

    public init(path: String, bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) {
        let parsed = YAMLParser.parse(bytes, limits: limits)
        tree = parsed.tree
        source = SourceFile(path: path, bytes: bytes, lines: parsed.tree.lines, problems: parsed.problems)
        continuation = nil
    }

    /// A file to be read as `shape`. A large file whose last field is a long list (a log) is
    /// parsed and read piece by piece on all cores, so its whole tree never exists at once.
    public init(path: String, bytes: [UInt8], limits: YAMLLimits = YAMLLimits(), readingAs shape: Shape, pieces: Int? = nil) {
        let wanted = pieces ?? PieceReading.defaultPieces(forBytes: bytes.count)
        if wanted > 1, let read = PieceReading.read(path: path, bytes: bytes, limits: limits, shape: shape, pieces: wanted) {
            self = read
        } else {
            self.init(path: path, bytes: bytes, limits: limits)
        }
    }

    public var path: String { source.path }
    public func span(_ node: NodeID) -> Span { tree.span(node) }
}

/// A string of a `texts` field, with where it is written.
public struct TextValue: Sendable {
    public let text: String
    public let range: SourceRange
}

/// A ref as written, with where.
public struct Reference: Sendable {
    public let id: String
    public let range: SourceRange
}

/// A validated value of a field, typed by the schema.
public enum Value: Sendable {
    case text(String)
    case texts([TextValue])
    case date(Day)
    case duration(Duration)
    case integer(Int)
    case choice(String)
    case refs([Reference])
    case item(Item)
    case items([Item])
    case number(Double)
    /// A node kept as written, for its owner to read.
    case node(NodeID)
}

public struct FieldValue: Sendable {
    public let value: Value
    /// Where the value is written (an alias stays the alias, so findings point where it is used).
    public let range: SourceRange
    /// The field's position in its item's shape.
    let position: UInt8

    init(value: Value, range: SourceRange, position: Int) {
        self.value = value
        self.range = range
        self.position = UInt8(position)
    }

    public func field(in shape: Shape) -> Field { shape.fields[Int(position)] }
}

/// A validated mapping of the document: a stakeholder, a milestone, a log entry, the scope...
/// Only the fields given are stored, in the order of the shape (an entry uses a handful of the
/// format's two dozen); a field with a `schema` finding is absent.
public final class Item: Sendable {
    public let shape: Shape
    public let source: SourceFile
    /// Where the item's mapping is written.
    public let range: SourceRange
    /// Logical path: `milestones[1]`, `log[3]`, `scope`, `` for the plan itself.
    public let path: String
    /// Like `path`, but by id where the item has one (`milestones#m1`): stable across reordering.
    public let stablePath: String
    public let fields: [FieldValue]
    /// Bit `p` is set when the field at position `p` is given: a field is found by counting the
    /// bits below its own, never by a scan.
    private let given: UInt64

    init(shape: Shape, source: SourceFile, range: SourceRange, path: String, stablePath: String, fields: [FieldValue]) {
        self.shape = shape
        self.source = source
        self.range = range
        self.path = path
        self.stablePath = stablePath
        self.fields = fields
        given = fields.reduce(0) { $0 | 1 << UInt64($1.position) }
    }

    public subscript(key: String) -> FieldValue? {
        shape.position(of: key).flatMap(field(at:))
    }

    public func field(at position: Int) -> FieldValue? {
        let bit: UInt64 = 1 << UInt64(position)
        guard given & bit != 0 else { return nil }
        return fields[(given & (bit - 1)).nonzeroBitCount]
    }

    public var span: Span { source.span(range) }

    public var id: String? {
        if let position = shape.idPosition, case .text(let id)? = field(at: position)?.value { return id }
        return nil
    }

    /// The logical path of one of the item's fields.
    public func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    public func stablePath(of key: String) -> String { stablePath.isEmpty ? key : "\(stablePath).\(key)" }

    public func date(_ key: String) -> Day? {
        if case .date(let day)? = self[key]?.value { return day }
        return nil
    }

    /// A choice field, or its default where the format gives one.
    public func choice(_ key: String) -> String? {
        if case .choice(let word)? = self[key]?.value { return word }
        return self[key] == nil ? shape.field(key)?.defaultValue : nil
    }

    public func item(_ key: String) -> Item? {
        if case .item(let item)? = self[key]?.value { return item }
        return nil
    }

    public func items(_ key: String) -> [Item] {
        if case .items(let items)? = self[key]?.value { return items }
        return []
    }

    public func refs(_ key: String) -> [Reference] {
        if case .refs(let refs)? = self[key]?.value { return refs }
        return []
    }

    public func texts(_ key: String) -> [TextValue] {
        if case .texts(let texts)? = self[key]?.value { return texts }
        return []
    }

    public func text(_ key: String) -> String? {
        if case .text(let text)? = self[key]?.value { return text }
        return nil
    }
}
