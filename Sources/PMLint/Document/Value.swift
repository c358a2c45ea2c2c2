/// A string of a `texts` field, with the node it came from.
struct TextValue: Sendable {
    public let text: String
    let node: NodeID
}

/// A ref as written, with its node.
struct Reference: Sendable {
    public let id: String
    let node: NodeID
}

/// A validated value of a field, typed by the schema.
enum Value: Sendable {
    case text(String)
    case texts([TextValue])
    case date(Day)
    case days([Day])
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

struct FieldValue: Sendable {
    let value: Value
    /// The value's node as written (an alias stays the alias, so findings point where it is used).
    let node: NodeID
    /// The field's position in its item's shape.
    let position: UInt8

    init(value: Value, node: NodeID, position: Int) {
        self.value = value
        self.node = node
        self.position = UInt8(position)
    }

    func field(in shape: Shape) -> Field { shape.fields[Int(position)] }
}

/// Typed reads of a value, for rules and every other consumer: what it is as a date, a list of
/// ids, texts or words, without looking at how the schema typed it.
extension Value {
    var day: Day? { if case .date(let day) = self { day } else { nil } }
    var days: [Day] { if case .days(let days) = self { days } else { [] } }
    var duration: Duration? { if case .duration(let duration) = self { duration } else { nil } }
    var integer: Int? { if case .integer(let number) = self { number } else { nil } }
    var number: Double? { if case .number(let number) = self { number } else { nil } }
    /// A node kept as written, for its owner to read.
    var node: NodeID? { if case .node(let node) = self { node } else { nil } }

    /// A text or a choice.
    var word: String? {
        switch self {
        case .text(let word), .choice(let word): return word
        default: return nil
        }
    }

    /// The ids a list of references names.
    var ids: [String] { if case .refs(let refs) = self { refs.map(\.id) } else { [] } }

    /// A text, or the strings of a list of texts.
    var texts: [String] {
        switch self {
        case .text(let text): return [text]
        case .texts(let texts): return texts.map(\.text)
        default: return []
        }
    }

    /// The words a condition compares the value as: a text or a choice, each string of a list,
    /// each id, a date, a number or a duration as written.
    var words: [String] {
        switch self {
        case .text(let word), .choice(let word): return [word]
        case .texts(let texts): return texts.map(\.text)
        case .refs(let refs): return refs.map(\.id)
        case .date(let day): return [day.description]
        case .days(let days): return days.map(\.description)
        case .integer(let number): return [String(number)]
        case .duration(let duration): return [duration.description]
        default: return []
        }
    }

    /// An empty text or list; a date, number or nested item is never empty.
    /// A list value (texts, refs, items, days), which may say "none" by being empty.
    var isList: Bool {
        switch self {
        case .texts, .refs, .items, .days: return true
        default: return false
        }
    }

    var isEmpty: Bool {
        switch self {
        case .text(let text): return text.isEmpty
        case .texts(let texts): return texts.isEmpty
        case .refs(let refs): return refs.isEmpty
        case .items(let items): return items.isEmpty
        case .days(let days): return days.isEmpty
        default: return false
        }
    }
}
