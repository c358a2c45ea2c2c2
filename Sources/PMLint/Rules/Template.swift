/// A message or fix template: `{name}` inserts a value of the finding; `{name|other}` shows
/// the value `other` (or the text `other`) when `name` has none.
struct Template: Sendable {
    enum Part: Sendable {
        case literal(String)
        case placeholder(name: String, fallback: String?)
    }

    let parts: [Part]

    init(_ text: String) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            literal += rest[..<open]
            let inner = rest[rest.index(after: open)..<close]
            if inner.isEmpty || inner.contains(" ") && !inner.contains("|") {
                literal += rest[open...close]
            } else {
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                let pieces = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
                parts.append(.placeholder(name: String(pieces[0]), fallback: pieces.count > 1 ? String(pieces[1]) : nil))
            }
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    var placeholders: [String] {
        parts.compactMap { if case .placeholder(let name, _) = $0 { return name } else { return nil } }
    }

    func render(_ language: Language, value: (String) -> String?) -> String {
        parts.map { part in
            switch part {
            case .literal(let text): return text
            case .placeholder(let name, let fallback):
                // A fallback may name another value (`{held_on|date}`), else it is shown as written.
                let shown = value(name) ?? fallback.map { value($0) ?? $0 } ?? (language == .zh ? "（无）" : "(none)")
                // A value from the user's file is quoted, not copied: a huge one is cut short.
                return shown.count > 200 ? String(shown.prefix(200)) + "…" : shown
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
        case .duration(let duration): return duration.spelled(language)
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .refs(let refs): return refs.isEmpty ? nil : refs.map(\.id).joined(separator: language == .zh ? "、" : ", ")
        case .texts(let texts): return texts.isEmpty ? nil : texts.map(\.text).joined(separator: language == .zh ? "；" : "; ")
        case .item, .items, .node: return nil
        }
    }
}
