/// A file pmlint read: its bytes (for showing source lines), its tree and libyaml's problems.
public final class SourceFile: Sendable {
    /// The path as the user named it: the command-line path joined with the file's name.
    public let path: String
    public let bytes: [UInt8]
    public let tree: YAMLTree
    public let problems: [YAMLProblem]

    public init(path: String, bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) {
        self.path = path
        self.bytes = bytes
        let parsed = YAMLParser.parse(bytes, limits: limits)
        self.tree = parsed.tree
        self.problems = parsed.problems
    }

    public func span(_ node: NodeID) -> Span { tree.span(node) }
}

/// A string of a `texts` field, with the node it came from.
public struct TextValue: Sendable {
    public let text: String
    public let node: NodeID
}

/// A ref as written, with its node.
public struct Reference: Sendable {
    public let id: String
    public let node: NodeID
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
    /// The value's node as written (an alias stays the alias, so findings point where it is used).
    public let node: NodeID
    /// The field's position in its item's shape.
    let position: UInt8

    init(value: Value, node: NodeID, position: Int) {
        self.value = value
        self.node = node
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
    public let node: NodeID
    /// Logical path: `milestones[1]`, `log[3]`, `scope`, `` for the plan itself.
    public let path: String
    /// Like `path`, but by id where the item has one (`milestones#m1`): stable across reordering.
    public let stablePath: String
    public let fields: [FieldValue]

    init(shape: Shape, source: SourceFile, node: NodeID, path: String, stablePath: String, fields: [FieldValue]) {
        self.shape = shape
        self.source = source
        self.node = node
        self.path = path
        self.stablePath = stablePath
        self.fields = fields
    }

    public subscript(key: String) -> FieldValue? {
        shape.position(of: key).flatMap(field(at:))
    }

    public func field(at position: Int) -> FieldValue? {
        // Compares positions in place; a `first(where:)` would copy (and retain) every value.
        let wanted = UInt8(truncatingIfNeeded: position)
        var index = 0
        while index < fields.count {
            if fields[index].position == wanted { return fields[index] }
            index += 1
        }
        return nil
    }

    public var id: String? {
        if case .text(let id)? = self["id"]?.value { return id }
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
