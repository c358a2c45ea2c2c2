/// Adds entries to a project's log as text: after the last entry of the `log:` list (an older
/// one before the first later entry, so the log stays in date order), in the file's own
/// indentation, entry style (block or flow) and line endings. Every other byte of
/// the file, comments, a byte-order mark and the order of keys included, stays as it was.
enum LogAppender {
    /// The file's new bytes with the entries at the end of its log. `file` is `log.yaml`, or
    /// the plan of a single-file project; nil for a log file that does not exist yet.
    /// The new bytes, and the text inserted into them (what the user is shown).
    struct Edit {
        var bytes: [UInt8]
        var inserted: String
    }

    static func appending(_ entries: [LogEntryDraft], to file: SourceFile?) throws(UsageError) -> Edit {
        guard let file else {
            let text = "log:\n" + entries.map { $0.text(flow: false, dashIndent: "  ", contentIndent: "    ", newline: "\n") }.joined()
            return Edit(bytes: Array(text.utf8), inserted: text)
        }
        let bytes = file.bytes
        let tree = file.tree
        guard file.problems.isEmpty else {
            throw UsageError("\(file.path) has YAML errors; fix them first (pmlint check shows them)")
        }
        let newline = bytes.indices.contains { $0 > 0 && bytes[$0] == UInt8(ascii: "\n") && bytes[$0 - 1] == UInt8(ascii: "\r") } ? "\r\n" : "\n"
        // A file with no document yet (empty, or only comments): the list starts at its end.
        guard let root = tree.root.map(tree.resolved) else {
            let text = (endsWithNewline(bytes) ? "" : newline) + "log:" + newline
                + entries.map { $0.text(flow: false, dashIndent: "  ", contentIndent: "    ", newline: newline) }.joined()
            return Edit(bytes: bytes + Array(text.utf8), inserted: text)
        }
        guard tree.kind(root) == .mapping, !tree.isFlow(root) else {
            throw UsageError("\(file.path) is not a block mapping of keys; pmlint adds to a `log:` list in one")
        }
        guard let pair = tree.pairs(root).first(where: { tree.kind($0.key) == .scalar && tree.string($0.key) == "log" }) else {
            // No `log:` key: a new one at the end of the file, indented as the file's keys are.
            let indent = String(repeating: " ", count: tree.span(root).start.column - 1)
            let text = (endsWithNewline(bytes) ? "" : newline) + indent + "log:" + newline
                + entries.map { $0.text(flow: false, dashIndent: indent + "  ", contentIndent: indent + "    ", newline: newline) }.joined()
            return Edit(bytes: bytes + Array(text.utf8), inserted: text)
        }
        let log = pair.value
        let keyColumn = tree.span(pair.key).start.column - 1
        switch tree.kind(log) {
        case .sequence where tree.isFlow(log):
            // `log: [...]`: before the closing bracket.
            let items = tree.children(log)
            let end = tree.span(log).end.offset
            guard end > 0, bytes[end - 1] == UInt8(ascii: "]") else {
                throw UsageError("\(file.path): cannot find the end of the `log: [...]` list")
            }
            let text = entries.map(\.flowMapping).joined(separator: ", ")
            if let last = items.last {
                return splice(bytes, at: tree.span(last).end.offset, ", " + text)
            }
            return splice(bytes, at: end - 1, text)
        case .sequence:
            let items = tree.children(log)
            guard let first = items.first, let last = items.last else {
                throw UsageError("\(file.path): the `log:` list has no entries to follow")
            }
            // The dash of the first entry sets the indentation; its content column the keys'.
            let firstStart = tree.span(first).start
            let lineStart = lineStart(bytes, before: firstStart.offset)
            guard let dash = bytes[lineStart..<firstStart.offset].firstIndex(of: UInt8(ascii: "-")) else {
                throw UsageError("\(file.path): cannot find the first entry's dash")
            }
            let dashIndent = String(repeating: " ", count: dash - lineStart)
            let contentIndent = String(repeating: " ", count: firstStart.offset - lineStart)
            let flow = tree.kind(tree.resolved(last)) == .mapping && tree.isFlow(tree.resolved(last))
            func text(_ entry: LogEntryDraft) -> String {
                entry.text(flow: flow, dashIndent: dashIndent, contentIndent: contentIndent, newline: newline)
            }
            // After the line the last entry ends on, unless the entry is older than some: then
            // on the line before the first later one, so the log stays in date order.
            let end = tree.span(last).end.offset
            let afterLast = lineEnd(bytes, from: end > 0 && isLineBreak(bytes[end - 1]) ? end - 1 : end)
            let dated = items.map { item -> (day: Day?, offset: Int) in
                let entry = tree.resolved(item)
                let date = tree.kind(entry) == .mapping ? tree.value(entry, forKey: "date").flatMap { Day(parsing: tree.string($0)) } : nil
                return (date, Self.lineStart(bytes, before: tree.span(item).start.offset))
            }
            var insertions: [(offset: Int, text: String)] = []
            for entry in entries {
                let day = entry.value("date").flatMap { value -> Day? in if case .scalar(let text) = value { Day(parsing: text) } else { nil } }
                let offset = day.flatMap { day in dated.first { ($0.day.map { $0 > day }) ?? false }?.offset } ?? afterLast
                if let index = insertions.firstIndex(where: { $0.offset == offset }) {
                    insertions[index].text += text(entry)
                } else {
                    insertions.append((offset, text(entry)))
                }
            }
            var edited = bytes
            var shown = ""
            for insertion in insertions.sorted(by: { $0.offset > $1.offset }) {
                let addition = insertion.offset == bytes.count && !endsWithNewline(bytes) ? newline + insertion.text : insertion.text
                edited.insert(contentsOf: Array(addition.utf8), at: insertion.offset)
                shown = addition + shown
            }
            return Edit(bytes: edited, inserted: shown)
        case .scalar where tree.isNull(log):
            // `log:` with nothing after it, or `log: ~`: the list starts on the next line; a
            // comment on the `log:` line stays there.
            let colon = bytes[tree.span(pair.key).end.offset...].firstIndex(of: UInt8(ascii: ":")) ?? tree.span(pair.key).end.offset
            var lineBreak = colon
            while lineBreak < bytes.count && !isLineBreak(bytes[lineBreak]) { lineBreak += 1 }
            // The rest of the line as written, less the `~` or `null`; nothing when no comment.
            let null = tree.span(log)
            var rest = Array(bytes[(colon + 1)..<lineBreak])
            if null.start.offset > colon, null.end.offset <= lineBreak, null.start.offset < null.end.offset {
                rest.removeSubrange((null.start.offset - colon - 1)..<(null.end.offset - colon - 1))
            }
            let comment = rest.contains(UInt8(ascii: "#")) ? rest : []
            let afterLine = lineEnd(bytes, from: colon)
            let indent = String(repeating: " ", count: keyColumn + 2)
            let text = entries.map { $0.text(flow: false, dashIndent: indent, contentIndent: indent + "  ", newline: newline) }.joined()
            return Edit(bytes: Array(bytes[...colon]) + comment + Array((newline + text).utf8) + bytes[afterLine...],
                        inserted: String(decoding: comment, as: UTF8.self) + newline + text)
        default:
            throw UsageError("\(file.path): `log` is not a list")
        }
    }

    private static func splice(_ bytes: [UInt8], at offset: Int, _ insertion: String) -> Edit {
        Edit(bytes: Array(bytes[..<offset]) + Array(insertion.utf8) + bytes[offset...], inserted: insertion)
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") }

    private static func endsWithNewline(_ bytes: [UInt8]) -> Bool { bytes.isEmpty || bytes.last == UInt8(ascii: "\n") }

    private static func lineStart(_ bytes: [UInt8], before offset: Int) -> Int {
        var index = offset
        while index > 0 && !isLineBreak(bytes[index - 1]) { index -= 1 }
        return index
    }

    /// The offset just after the line break that ends the line holding `offset` (the file's
    /// end when it has none).
    private static func lineEnd(_ bytes: [UInt8], from offset: Int) -> Int {
        var index = offset
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return min(bytes.count, index + 1)
    }
}
