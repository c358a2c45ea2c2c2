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
