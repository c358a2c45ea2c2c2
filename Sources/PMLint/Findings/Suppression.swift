/// A user's decision to hide a finding, with the reason: `x-pmlint-ignore: {RULE: reason}` on an
/// item, `# pmlint-disable-next-line RULE[, RULE] -- reason` before a node, or
/// `# pmlint-disable RULE -- reason` for a whole file. RULE may be a rule id or a category.
struct Suppression: Sendable {
    enum Scope: Sendable, Equatable {
        /// Findings in an item (by logical path) of a file.
        case item(path: String)
        /// Findings on a line of a file, or in an item that starts there.
        case line(Int)
        case file
    }

    public var rule: String
    var reason: String?
    var scope: Scope
    /// A comment that looks like a suppression but cannot be read (`# pmlint-disable: x`).
    var unreadable = false
    /// Where the suppression is written.
    var file: String
    var span: Span

    func hides(_ finding: Finding, itemsStartingOn lines: [Int: [String]]) -> Bool {
        guard !finding.stopsTheCheck, finding.rule == rule || finding.category == rule, finding.file == file || scope.isItem else { return false }
        switch scope {
        case .file:
            return true
        case .item(let path):
            return Suppression.path(finding.path, isWithin: path)
        case .line(let line):
            if finding.span.start.line == line { return true }
            return (lines[line] ?? []).contains { Suppression.path(finding.path, isWithin: $0) }
        }
    }

    /// Stable across edits: never a line number.
    var identity: String {
        let place: String
        switch scope {
        case .item(let path): place = "item:\(path)"
        case .line: place = "line"
        case .file: place = "file"
        }
        return "\(file)|\(rule)|\(place)|\(reason ?? "")"
    }

    static func path(_ path: String, isWithin item: String) -> Bool {
        item.isEmpty || path == item || path.hasPrefix(item + ".") || path.hasPrefix(item + "[")
    }
}

extension Suppression.Scope {
    var isItem: Bool {
        if case .item = self { return true }
        return false
    }

    var isLine: Bool {
        if case .line = self { return true }
        return false
    }
}
