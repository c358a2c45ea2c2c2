/// A minimal JSON writer that keeps keys in the order written, so reports read top-down.
struct JSONWriter {
    private(set) var output = ""

    /// A JSON string: runs that need no escape are copied whole; quotes, backslashes, control
    /// characters and U+2028/U+2029 (which end a line in JavaScript) are escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        let bytes = text.utf8
        var run = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            var escape: String?
            var length = 1
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x00..<0x20:
                let hex = String(byte, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            case 0xE2:
                let second = bytes.index(after: index)
                if second != bytes.endIndex, bytes[second] == 0x80 {
                    let third = bytes.index(after: second)
                    if third != bytes.endIndex, bytes[third] == 0xA8 || bytes[third] == 0xA9 {
                        escape = bytes[third] == 0xA8 ? "\\u2028" : "\\u2029"
                        length = 3
                    }
                }
            default:
                break
            }
            if let escape {
                out += text[run..<index]
                out += escape
                index = bytes.index(index, offsetBy: length)
                run = index
            } else {
                index = bytes.index(after: index)
            }
        }
        out += text[run..<bytes.endIndex]
        return out + "\""
    }
}

/// A JSON value built in order; rendered with two-space indentation.
indirect enum JSON: Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    /// Who wrote a report: pmlint and its version, at the head of every JSON output.
    static var tool: JSON { .object([("name", .string("pmlint")), ("version", .string(Version.number))]) }

    /// Two-space indented JSON, written into one buffer (no string per nested value).
    func rendered(depth: Int = 0) -> String {
        var out = ""
        write(into: &out, depth: depth)
        return out
    }

    private func write(into out: inout String, depth: Int) {
        switch self {
        case .string(let text): out += JSONWriter.quoted(text)
        case .int(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                JSON.indent(&out, depth + 1)
                item.write(into: &out, depth: depth + 1)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            JSON.indent(&out, depth)
            out += "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, pair) in pairs.enumerated() {
                JSON.indent(&out, depth + 1)
                out += JSONWriter.quoted(pair.0)
                out += ": "
                pair.1.write(into: &out, depth: depth + 1)
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            JSON.indent(&out, depth)
            out += "}"
        }
    }

    private static func indent(_ out: inout String, _ depth: Int) {
        for _ in 0..<depth { out += "  " }
    }
}

/// A JSON document with one long array written element by element, as a check's projects
/// arrive: the document is made with `JSONArrayStream.placeholder` where the array goes, and
/// the text around it is cut at that place.
struct JSONArrayStream {
    static let placeholder = JSON.array([.string("@@pmlint-stream@@")])
    private var depth = 0
    private(set) var count = 0

    /// The document's text before the array.
    mutating func head(of document: JSON) -> String {
        let (before, _, depth) = JSONArrayStream.cut(document)
        self.depth = depth
        return before
    }

    /// One element, with what separates it from the one before.
    mutating func element(_ value: JSON) -> String {
        let indent = String(repeating: "  ", count: depth + 1)
        defer { count += 1 }
        return (count == 0 ? "[\n" : ",\n") + indent + value.rendered(depth: depth + 1)
    }

    /// The end of the array and the document's text after it.
    func tail(of document: JSON) -> String {
        let (_, after, _) = JSONArrayStream.cut(document)
        return (count == 0 ? "[]" : "\n" + String(repeating: "  ", count: depth) + "]") + after
    }

    private static func cut(_ document: JSON) -> (before: String, after: String, depth: Int) {
        let text = document.rendered()
        let marker = JSONWriter.quoted("@@pmlint-stream@@")
        guard let place = text.firstRange(of: marker),
              let open = text[..<place.lowerBound].lastIndex(of: "["),
              let close = text[place.upperBound...].firstIndex(of: "]") else {
            preconditionFailure("a streamed JSON document holds the placeholder")
        }
        let indent = text[text.index(after: open)..<place.lowerBound].filter { $0 == " " }.count
        return (String(text[..<open]), String(text[text.index(after: close)...]), indent / 2 - 1)
    }
}
