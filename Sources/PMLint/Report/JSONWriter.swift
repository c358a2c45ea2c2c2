/// JSON string literals, written straight into the report.
enum JSONWriter {
    /// Appends `text` as a JSON string. Most texts need no escape and are copied whole; the
    /// others go character by character (a byte 0xE2 may start U+2028 or U+2029, which
    /// JavaScript reads as line breaks).
    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
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

    /// Two-space indented JSON, written into one buffer (no string per nested value).
    func rendered() -> String {
        var out = ""
        write(into: &out, depth: 0)
        return out
    }

    private func write(into out: inout String, depth: Int) {
        switch self {
        case .string(let text): JSONWriter.appendQuoted(text, to: &out)
        case .int(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            if items.count >= JSON.concurrentArrayLength {
                // A long array (a large project's findings) is written in slices on all cores.
                for slice in concurrentSlices(items, { JSON.write(elements: $0, of: items.count, into: depth) }) { out += slice }
            } else {
                out += JSON.write(elements: items[...], of: items.count, into: depth)
            }
            JSON.indent(&out, depth)
            out += "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, pair) in pairs.enumerated() {
                JSON.indent(&out, depth + 1)
                JSONWriter.appendQuoted(pair.0, to: &out)
                out += ": "
                pair.1.write(into: &out, depth: depth + 1)
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            JSON.indent(&out, depth)
            out += "}"
        }
    }

    private static let concurrentArrayLength = 4096

    /// The elements of an array of `count`, one a line, each followed by a comma but the last.
    private static func write(elements: ArraySlice<JSON>, of count: Int, into depth: Int) -> String {
        var out = ""
        for index in elements.indices {
            indent(&out, depth + 1)
            elements[index].write(into: &out, depth: depth + 1)
            out += index == count - 1 ? "\n" : ",\n"
        }
        return out
    }

    private static func indent(_ out: inout String, _ depth: Int) {
        for _ in 0..<depth { out += "  " }
    }
}
