/// A message or fix template: `{name}` inserts a value of the finding; `{name|other}` shows
/// the value `other` (or the text `other`) when `name` has none.
struct Template: Sendable {
    enum Part: Sendable {
        case literal(String)
        case placeholder(name: String, fallback: String?)
    }

    let parts: [Part]

    init(_ text: String) {
        // Braces are ASCII, so the text is cut on its UTF-8 bytes; the pieces are whole characters.
        let bytes = Array(text.utf8)
        func piece(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var parts: [Part] = []
        var literal = ""
        var start = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"),
                  let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else {
                index += 1
                continue
            }
            let inner = bytes[(index + 1)..<close]
            let hasBar = inner.contains(UInt8(ascii: "|"))
            if inner.isEmpty || inner.contains(UInt8(ascii: " ")) && !hasBar {
                index = close + 1
                continue
            }
            literal += piece(start..<index)
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            if let bar = inner.firstIndex(of: UInt8(ascii: "|")) {
                parts.append(.placeholder(name: piece((index + 1)..<bar), fallback: piece((bar + 1)..<close)))
            } else {
                parts.append(.placeholder(name: piece((index + 1)..<close), fallback: nil))
            }
            index = close + 1
            start = index
        }
        literal += piece(start..<bytes.count)
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    var placeholders: [String] {
        parts.compactMap { if case .placeholder(let name, _) = $0 { return name } else { return nil } }
    }

    public func render(_ language: Language, value: (String) -> String?) -> String {
        parts.map { part in
            switch part {
            case .literal(let text): return text
            case .placeholder(let name, let fallback):
                // A fallback may name another value (`{held_on|date}`), else it is shown as written.
                let shown = value(name) ?? fallback.map { value($0) ?? $0 } ?? (language == .zh ? "（无）" : "(none)")
                // A value from the user's file is quoted, not copied: a huge one is cut short
                // (found without counting all of it: one long text may be quoted by many findings).
                guard let cut = shown.index(shown.startIndex, offsetBy: 200, limitedBy: shown.endIndex),
                      cut < shown.endIndex else { return shown }
                return String(shown[..<cut]) + "…"
            }
        }.joined()
    }
}

extension FieldValue {
    /// How a field shows in a message.
    func rendered(_ language: Language) -> String? {
        switch value {
        case .text(let text), .choice(let text): return text
        case .date(let day): return day.description
        case .days(let days): return days.isEmpty ? nil : days.map(\.description).joined(separator: ", ")
        case .duration(let duration): return duration.spelled(language)
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .refs(let refs): return refs.isEmpty ? nil : refs.map(\.id).joined(separator: language == .zh ? "、" : ", ")
        case .texts(let texts): return texts.isEmpty ? nil : texts.map(\.text).joined(separator: language == .zh ? "；" : "; ")
        case .item, .items, .node: return nil
        }
    }
}
