/// A validated mapping of the document: a stakeholder, a milestone, a log entry, the scope...
/// Only the fields given are stored, in the order of the shape (an entry uses a handful of the
/// format's two dozen); a field with a `schema` finding is absent.
final class Item: Sendable {
    let shape: Shape
    let source: SourceFile
    let node: NodeID
    /// Logical path: `milestones[1]`, `log[3]`, `scope`, `` for the plan itself.
    let path: String
    /// Like `path`, but by id where the item has one (`milestones#m1`): stable across reordering.
    let stablePath: String
    let fields: [FieldValue]

    init(shape: Shape, source: SourceFile, node: NodeID, path: String, stablePath: String, fields: [FieldValue]) {
        self.shape = shape
        self.source = source
        self.node = node
        self.path = path
        self.stablePath = stablePath
        self.fields = fields
    }

    subscript(key: String) -> FieldValue? {
        shape.position(of: key).flatMap(field(at:))
    }

    func field(at position: Int) -> FieldValue? {
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
    func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    func stablePath(of key: String) -> String { stablePath.isEmpty ? key : "\(stablePath).\(key)" }

    func date(_ key: String) -> Day? {
        if case .date(let day)? = self[key]?.value { return day }
        return nil
    }

    /// A choice field, or its default where the format gives one.
    func choice(_ key: String) -> String? {
        if case .choice(let word)? = self[key]?.value { return word }
        return self[key] == nil ? shape.field(key)?.defaultValue : nil
    }

    func item(_ key: String) -> Item? {
        if case .item(let item)? = self[key]?.value { return item }
        return nil
    }

    func items(_ key: String) -> [Item] {
        if case .items(let items)? = self[key]?.value { return items }
        return []
    }

    func refs(_ key: String) -> [Reference] {
        if case .refs(let refs)? = self[key]?.value { return refs }
        return []
    }

    func texts(_ key: String) -> [TextValue] {
        if case .texts(let texts)? = self[key]?.value { return texts }
        return []
    }

    public func text(_ key: String) -> String? {
        if case .text(let text)? = self[key]?.value { return text }
        return nil
    }
}
