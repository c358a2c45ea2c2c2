/// Completion from the text being typed, which is often not valid YAML yet: the key before the
/// cursor and the keys of the lines it is nested in say which field of which item it is.
struct CompletionContext {
    enum Want {
        /// A field's value: ids, or one of its words.
        case value(Field)
        /// A new log entry after `- `.
        case entry(contentIndent: Int)
    }

    var want: Want
    /// The bytes typed so far of the value, replaced by the completion.
    var replaced: Swift.Range<Int>
    var typed: String

    /// Keys before which the people expected are the client's; the others expect the team's.
    static let clientFields: Set<String> = ["to", "from", "with", "reviewer", "approved_by", "primary_contact",
                                            "requested_by", "decided_by", "escalation"]

    init?(text: TextLines, offset: Int, isLog: Bool) {
        let position = text.position(of: offset)
        let lineStart = text.lineStart(position.line)
        let prefix = String(decoding: text.bytes[lineStart..<offset], as: UTF8.self)
        let indentation = prefix.prefix { $0 == " " }.count
        let root = isLog ? Schema.logFile : Schema.plan

        // `key: val`, `key: [a, b`, or inside a flow mapping `{date: ..., key: [a`.
        if let colon = Self.lastKeyColon(in: prefix) {
            let key = String(prefix[..<colon].reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
            let rest = prefix[prefix.index(after: colon)...]
            guard !key.isEmpty, !rest.contains("]"), !rest.contains("}") else { return nil }
            let trimmed = rest.drop { $0 == " " }
            if !trimmed.hasPrefix("["), trimmed.contains(",") { return nil }
            let typed = String(rest.split(omittingEmptySubsequences: false) { $0 == "[" || $0 == "," }.last ?? "").drop { $0 == " " }
            guard let shape = Self.shape(text: text, line: position.line, column: indentation, root: root),
                  let field = shape.field(key) else { return nil }
            self.want = .value(field)
            self.typed = String(typed)
            self.replaced = (offset - typed.utf8.count)..<offset
            return
        }
        // `- ` of a block list: its parent key's field, or a new entry of the log.
        let afterDash = prefix.drop { $0 == " " }
        guard afterDash.hasPrefix("-") else { return nil }
        let typed = String(afterDash.dropFirst().drop { $0 == " " })
        guard !typed.contains(" "), let (parentKey, parentShape) = Self.parent(text: text, line: position.line,
                                                                               dash: indentation, root: root),
              let field = parentShape.field(parentKey) else { return nil }
        self.typed = typed
        self.replaced = (offset - typed.utf8.count)..<offset
        if case .list(let shape) = field.type, shape === Schema.entry {
            self.want = .entry(contentIndent: prefix.utf8.count - typed.utf8.count)
        } else {
            self.want = .value(field)
        }
    }

    /// The colon ending the last `key:` of a line: followed by a space or the end, outside quotes.
    private static func lastKeyColon(in line: String) -> String.Index? {
        var found: String.Index?
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" && (index == line.startIndex || line[line.index(before: index)] == " ") {
                return nil
            } else if character == ":" {
                let next = line.index(after: index)
                if next == line.endIndex || line[next] == " " { found = index }
            }
            index = line.index(after: index)
        }
        return quote == nil ? found : nil
    }

    /// A line's key column and key, for `key:` and `- key:` lines; the key is nil for `- value`.
    private static func keyOf(_ line: ArraySlice<UInt8>) -> (indent: Int, dash: Bool, key: String?, empty: Bool)? {
        let text = String(decoding: line, as: UTF8.self)
        let indent = text.prefix { $0 == " " }.count
        var rest = text.dropFirst(indent)
        guard !rest.isEmpty, !rest.hasPrefix("#") else { return nil }
        var dash = false
        if rest.hasPrefix("- ") || rest == "-" {
            dash = true
            rest = rest.dropFirst().drop { $0 == " " }
        }
        guard let colon = rest.firstIndex(of: ":") else { return (indent, dash, nil, false) }
        let key = rest[..<colon]
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return (indent, dash, nil, false) }
        let value = rest[rest.index(after: colon)...].drop { $0 == " " }
        return (indent, dash, String(key), value.isEmpty || value.hasPrefix("#"))
    }

    /// The keys of the block mappings a line at `column` is nested in, outermost first.
    private static func ancestors(text: TextLines, line: Int, column: Int) -> [String] {
        var keys: [String] = []
        var limit = column
        var number = line - 1
        while number >= 0, limit > 0 {
            defer { number -= 1 }
            guard let parsed = keyOf(text.line(number)) else { continue }
            if parsed.indent < limit {
                if let key = parsed.key, parsed.empty, !parsed.dash { keys.append(key) }
                // `- key:` opens an item of a list: the key belongs to it and is nested one more.
                if let key = parsed.key, parsed.empty, parsed.dash {
                    let contentColumn = parsed.indent + 2
                    if contentColumn < limit { keys.append(key) }
                }
                limit = parsed.indent
            }
        }
        return keys.reversed()
    }

    /// The shape of the mapping a line at `column` belongs to.
    private static func shape(text: TextLines, line: Int, column: Int, root: Shape) -> Shape? {
        var shape = root
        for key in ancestors(text: text, line: line, column: column) {
            switch shape.field(key)?.type {
            case .mapping(let child)?, .list(let child)?: shape = child
            default: return nil
            }
        }
        return shape
    }

    /// The key a `- ` line at `dash` is an item of, and the shape holding that key.
    private static func parent(text: TextLines, line: Int, dash: Int, root: Shape) -> (String, Shape)? {
        var number = line - 1
        while number >= 0 {
            defer { number -= 1 }
            guard let parsed = keyOf(text.line(number)) else { continue }
            if parsed.indent < dash || (parsed.indent == dash && !parsed.dash) {
                guard let key = parsed.key, parsed.empty else { return nil }
                let keyColumn = parsed.dash ? parsed.indent + 2 : parsed.indent
                guard let shape = shape(text: text, line: number, column: keyColumn, root: root) else { return nil }
                return (key, shape)
            }
        }
        return nil
    }
}

extension LanguageServer {
    /// Completion items for a context, from the project as last read.
    static func completions(_ context: CompletionContext, map: ProjectMap?, text: TextLines,
                            skeletons: [(type: String, entry: LogEntryDraft)], asOf: Day,
                            language: Language, snippets: Bool) -> [LSP.CompletionItem] {
        let range = LSP.Range(start: text.position(of: context.replaced.lowerBound), end: text.position(of: context.replaced.upperBound))
        func item(_ label: String, kind: Int, detail: String?, sort: String, documentation: String? = nil) -> LSP.CompletionItem {
            LSP.CompletionItem(label: label, kind: kind, detail: detail, documentation: documentation.map { LSP.MarkupContent(value: $0) },
                               sortText: sort, insertTextFormat: 1, textEdit: LSP.TextEdit(range: range, newText: label))
        }
        switch context.want {
        case .value(let field):
            switch field.type {
            case .person, .people:
                let preferred = CompletionContext.clientFields.contains(field.key) ? "client" : "team"
                return (map?.stakeholders ?? []).enumerated().compactMap { index, person in
                    guard let id = person.id else { return nil }
                    let side = person.choice("side") ?? ""
                    let detail = [person.text("name"), side, person.choice("role")].compactMap { $0 }.joined(separator: " · ")
                    return item(id, kind: 18, detail: detail, sort: (side == preferred ? "0" : "1") + sortKey(index),
                                documentation: map?.describe(person, language: language))
                }
            case .items:
                let items = map?.followable ?? []
                return items.enumerated().compactMap { index, target in
                    guard let id = target.id else { return nil }
                    let open = ProjectMap.isOpen(target)
                    let status = open ? (language == .zh ? "未结" : "open") : nil
                    let detail = [target.shape.name, ProjectMap.title(of: target), status].compactMap { $0 }.joined(separator: " · ")
                    // Open items first, the latest first within each group.
                    return item(id, kind: 18, detail: detail, sort: (open ? "0" : "1") + sortKey(items.count - index),
                                documentation: map?.describe(target, language: language))
                }
            case .choice(let words):
                return words.enumerated().map { index, word in
                    item(word, kind: 20, detail: field.doc, sort: sortKey(index))
                }
            default:
                return []
            }
        case .entry(let contentIndent):
            let indent = String(repeating: " ", count: contentIndent)
            return skeletons.enumerated().map { index, skeleton in
                let entry = SuggestedEntry.filled(skeleton.entry, map: map, asOf: asOf, at: "")
                let lines = entry.fields.map { "\($0.key): \(LogEntryDraft.yaml($0.value, inFlow: false))" }
                var body = lines.joined(separator: "\n" + indent)
                if snippets { body = Self.snippetEscaped(body) + "$0" }
                var completion = item(skeleton.type, kind: 15, detail: language == .zh ? "新日志条目" : "new log entry", sort: sortKey(index),
                                      documentation: "```yaml\n- " + lines.joined(separator: "\n  ") + "\n```")
                completion.textEdit = LSP.TextEdit(range: range, newText: body)
                completion.insertTextFormat = snippets ? 2 : 1
                return completion
            }
        }
    }

    private static func snippetEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "$" || character == "}" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

/// A number as four digits, for sort keys.
private func sortKey(_ number: Int) -> String {
    let digits = String(max(0, min(number, 9999)))
    return String(repeating: "0", count: 4 - digits.count) + digits
}
