/// What a check looks at: an item (a log entry, a milestone, the plan) or one string of a
/// `texts` field (an objective).
struct Subject: Sendable {
    let item: Item
    /// Set for a text subject: the string, its position in the list, and the item's field holding it.
    public let text: TextValue?
    private let textPlace: (key: String, index: Int)?

    init(item: Item) {
        self.item = item
        self.text = nil
        self.textPlace = nil
    }

    init(text: TextValue, index: Int, key: String, in item: Item) {
        self.item = item
        self.text = text
        self.textPlace = (key, index)
    }

    /// Spelled out when a finding needs it: checks walk far more subjects than they report.
    var path: String {
        guard let (key, index) = textPlace else { return item.path }
        return "\(item.path(of: key))[\(index)]"
    }

    var stablePath: String {
        guard let (key, index) = textPlace else { return item.stablePath }
        return "\(item.stablePath(of: key))[\(index)]"
    }

    var node: NodeID { text?.node ?? item.node }
    var source: SourceFile { item.source }

    func date(_ key: String = "date") -> Day? { item.date(key) }
}

/// A value a rule reads from the document.
enum ResolvedValue {
    case field(FieldValue, owner: Item)
    case text(TextValue)

    /// The value, whatever holds it.
    var value: Value {
        switch self {
        case .field(let field, _): return field.value
        case .text(let text): return .text(text.text)
        }
    }
}

extension Project {
    /// Follows a path from a subject (or from the plan, for `plan.` paths).
    func resolve(_ path: FieldPath, from subject: Subject?) -> ResolvedValue? {
        if !path.fromPlan, let subject, let text = subject.text, path.keys == ["text"] {
            return .text(text)
        }
        guard var item = path.fromPlan ? plan : subject?.item else { return nil }
        for (index, key) in path.keys.enumerated() {
            guard let value = item[key] else { return nil }
            if index == path.keys.count - 1 { return .field(value, owner: item) }
            guard case .item(let child) = value.value else { return nil }
            item = child
        }
        return nil
    }

    /// The item a path ends at (`plan.scope`, `plan` itself).
    func resolveItem(_ path: FieldPath, from subject: Subject?) -> Item? {
        if path.fromPlan, path.keys.isEmpty { return plan }
        if case .field(let value, _)? = resolve(path, from: subject), case .item(let item) = value.value { return item }
        return nil
    }
}

extension Shape {
    /// The shape a path into this shape ends in, or the key that does not exist.
    func walk(_ keys: [String]) -> Result<FieldType?, PathError> {
        var shape = self
        for (index, key) in keys.enumerated() {
            guard let field = shape.field(key) else {
                return .failure(PathError(key: key, shape: shape))
            }
            if index == keys.count - 1 { return .success(field.type) }
            guard case .mapping(let child) = field.type else {
                return .failure(PathError(key: keys[index + 1], shape: shape, notAMapping: key))
            }
            shape = child
        }
        return .success(nil)
    }
}

struct PathError: Error {
    var key: String
    var shape: Shape
    var notAMapping: String?

    var message: String {
        if let notAMapping { return "`\(notAMapping)` of a \(shape.name) has no fields of its own, so `\(key)` cannot follow it" }
        let hint = nearest(to: key, in: shape.fields.map(\.key)).first.map { "; did you mean `\($0)`?" } ?? ""
        return "`\(key)` is not a field of a \(shape.name)\(hint)"
    }
}
