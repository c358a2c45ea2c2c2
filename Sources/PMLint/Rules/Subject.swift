/// What a check looks at: an item (a log entry, a milestone, the plan) or one string of a
/// `texts` field (an objective). Checks copy subjects by the hundred thousand, so a subject is
/// small: an item, a log entry's position, and what only text subjects need in a box.
struct Subject: Sendable {
    let item: Item
    /// For a log entry, its position in the index's date-sorted entries, where facts about it
    /// are kept (whether it is client-facing); -1 otherwise.
    private let position: Int32
    private let textPlace: TextPlace?

    /// The string of a text subject, its position in the list, and the item's field holding it.
    private final class TextPlace: Sendable {
        let text: TextValue
        let key: String
        let index: Int

        init(text: TextValue, key: String, index: Int) {
            self.text = text
            self.key = key
            self.index = index
        }
    }

    init(item: Item) {
        self.item = item
        self.position = -1
        self.textPlace = nil
    }

    /// The log entry at `position` of the index's entries.
    init(entry position: Int32, in index: ProjectIndex) {
        self.item = index.entries[Int(position)]
        self.position = position
        self.textPlace = nil
    }

    init(text: TextValue, index: Int, key: String, in item: Item) {
        self.item = item
        self.position = -1
        self.textPlace = TextPlace(text: text, key: key, index: index)
    }

    var entry: Int? { position >= 0 ? Int(position) : nil }
    /// Set for a text subject.
    var text: TextValue? { textPlace?.text }

    /// Spelled out when a finding needs it: checks walk far more subjects than they report.
    var path: String {
        guard let textPlace else { return item.path }
        return "\(item.path(of: textPlace.key))[\(textPlace.index)]"
    }

    var stablePath: String {
        guard let textPlace else { return item.stablePath }
        return "\(item.stablePath(of: textPlace.key))[\(textPlace.index)]"
    }

    var range: SourceRange { text?.range ?? item.range }
    var source: SourceFile { item.source }

    func date(_ key: String = "date") -> Day? { item.date(key) }
}

/// A value a rule reads from the document.
enum ResolvedValue {
    /// A field as its item keeps it; `owner.spelled(_:)` spells it out.
    case field(StoredField, owner: Item)
    case text(TextValue)
}

extension Project {
    /// Follows a path from a subject (or from the plan, for `plan.` paths).
    func resolve(_ path: FieldPath, from subject: Subject?) -> ResolvedValue? {
        if let text = text(at: path, of: subject) { return .text(text) }
        guard let owner = owner(of: path, from: subject), let last = path.keys.last, let value = owner.stored(last) else { return nil }
        return .field(value, owner: owner)
    }

    /// Whether a path names a value: `resolve(_:from:) != nil`, with the last field's presence
    /// read from its item's row (a check over every action asks it of each).
    func isGiven(_ path: FieldPath, from subject: Subject?) -> Bool {
        if text(at: path, of: subject) != nil { return true }
        guard let owner = owner(of: path, from: subject), let last = path.keys.last else { return false }
        return owner.isGiven(last)
    }

    /// A text subject's string, for the path `text`.
    private func text(at path: FieldPath, of subject: Subject?) -> TextValue? {
        guard !path.fromPlan, path.keys == ["text"] else { return nil }
        return subject?.text
    }

    /// The item holding a path's last field: the subject (or the plan), through each item
    /// field the path names before it.
    private func owner(of path: FieldPath, from subject: Subject?) -> Item? {
        guard var item = path.fromPlan ? plan : subject?.item else { return nil }
        for index in 0..<max(0, path.keys.count - 1) {
            guard let value = item.stored(path.keys[index]), case .item = value.value,
                  let child = item.children(of: value.value).first else { return nil }
            item = child
        }
        return item
    }

    /// The item a path ends at (`plan.scope`, `plan` itself).
    func resolveItem(_ path: FieldPath, from subject: Subject?) -> Item? {
        if path.fromPlan, path.keys.isEmpty { return plan }
        if case .field(let value, let owner)? = resolve(path, from: subject), case .item = value.value { return owner.children(of: value.value).first }
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
