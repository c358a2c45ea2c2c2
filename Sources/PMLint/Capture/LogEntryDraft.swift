/// A log entry to add, as fields in the order the format lists them, written as YAML text in
/// the style of the file it goes into.
public struct LogEntryDraft: Sendable {
    public enum Value: Sendable, Equatable {
        case scalar(String)
        case list([String])
    }

    public private(set) var fields: [(key: String, value: Value)] = []

    public init() {}

    /// The format's order for an entry's keys; others after them as given.
    static let order = ["date", "type", "id", "source", "kind", "re", "with", "to", "from", "topic", "summary", "agenda",
                        "agenda_sent_on", "decisions", "done", "next", "issues", "help_needed", "health", "score",
                        "status", "resolved_on", "resolution", "lessons"]

    public mutating func set(_ key: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        put(key, .scalar(value))
    }

    /// A list field; an empty list is written only when `keepEmpty` (`issues: []` says "none").
    public mutating func set(_ key: String, _ values: [String], keepEmpty: Bool = false) {
        guard !values.isEmpty || keepEmpty else { return }
        put(key, .list(values))
    }

    private mutating func put(_ key: String, _ value: Value) {
        fields.removeAll { $0.key == key }
        fields.append((key, value))
        fields.sort { (Self.order.firstIndex(of: $0.key) ?? Self.order.count) < (Self.order.firstIndex(of: $1.key) ?? Self.order.count) }
    }

    public func value(_ key: String) -> Value? { fields.first { $0.key == key }?.value }

    /// `- date: ...` on a line of its own and each further key under it, or `- {date: ...}`.
    func text(flow: Bool, dashIndent: String, contentIndent: String, newline: String) -> String {
        if flow {
            return dashIndent + "- " + flowMapping + newline
        }
        // `-` and the spaces after it bring the first key to where the others are.
        let first = dashIndent + "-" + String(repeating: " ", count: max(1, contentIndent.count - dashIndent.count - 1))
        return fields.enumerated().map { index, field in
            (index == 0 ? first : contentIndent) + "\(field.key): \(Self.yaml(field.value, inFlow: false))" + newline
        }.joined()
    }

    /// The entry as a flow mapping, for a flow sequence (`log: [...]`).
    var flowMapping: String {
        "{" + fields.map { "\($0.key): \(Self.yaml($0.value, inFlow: true))" }.joined(separator: ", ") + "}"
    }

    static func yaml(_ value: Value, inFlow: Bool) -> String {
        switch value {
        case .scalar(let text): return scalar(text, inFlow: inFlow)
        case .list(let items): return "[" + items.map { scalar($0, inFlow: true) }.joined(separator: ", ") + "]"
        }
    }

    /// Plain where YAML reads it back as the same string (or the date or number it is), else
    /// double-quoted with JSON's escapes, which YAML reads the same way.
    static func scalar(_ text: String, inFlow: Bool) -> String {
        if isPlain(text, inFlow: inFlow) { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]

    static func isPlain(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              first != " ", last != " ", !reserved.contains(text.lowercased()) else { return false }
        // A date or a number stays one: dates are what the format wants plain.
        if Day(parsing: text) != nil { return text.count == 10 }
        if Double(text) != nil { return text.allSatisfy { $0.isNumber } }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFEFF
                || scalar.value == 0x2028 || scalar.value == 0x2029 { return false }
            if inFlow && ",[]{}".unicodeScalars.contains(scalar) { return false }
        }
        return true
    }
}
