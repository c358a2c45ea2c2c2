/// A message or fix template: `{name}` inserts a value of the finding; `{name|other|...}`
/// shows the first of them that has a value, and an alternative that names no value at all
/// (`{shared_on|never}`) as written.
struct Template: Sendable {
    enum Part: Sendable {
        case literal(String)
        case placeholder(name: String, fallbacks: [String])
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
                parts.append(.placeholder(name: piece((index + 1)..<bar),
                                          fallbacks: piece((bar + 1)..<close).split(separator: "|", omittingEmptySubsequences: false).map(String.init)))
            } else {
                parts.append(.placeholder(name: piece((index + 1)..<close), fallbacks: []))
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

    /// `isName` tells a name of a value the finding could have (a field, a parameter) from
    /// words to show as written.
    /// `missing` is shown for a placeholder none of whose alternatives has a value.
    public func render(_ language: Language, value: (String) -> String?, isName: (String) -> Bool = { _ in false },
                       missing: ((String) -> String)? = nil) -> String {
        parts.map { part in
            switch part {
            case .literal(let text): return text
            case .placeholder(let name, let fallbacks):
                var found = value(name)
                for alternative in fallbacks where found == nil {
                    found = value(alternative) ?? (isName(alternative) ? nil : alternative)
                }
                let shown = found ?? missing?(name) ?? (language == .zh ? "（无）" : "(none)")
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
    /// How a field of an item of `shape` shows in a message: a fixed word in the reader's
    /// language.
    func rendered(_ language: Language, in shape: Shape) -> String? {
        switch value {
        case .text(let text): return text
        case .choice(let word): return Schema.wording(word, field: field(in: shape).key, shape: shape, language)
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
