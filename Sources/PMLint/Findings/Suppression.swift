/// A user's decision to hide a finding, with the reason: `x-pmlint-ignore: {RULE: reason}` on an
/// item, `# pmlint-disable-next-line RULE[, RULE] -- reason` before a node, or
/// `# pmlint-disable RULE -- reason` for a whole file. RULE may be a rule id or a category.
public struct Suppression: Sendable {
    public enum Scope: Sendable, Equatable {
        /// Findings in an item (by logical path) of a file.
        case item(path: String)
        /// Findings on a line of a file, or in an item that starts there.
        case line(Int)
        case file
    }

    public var rule: String
    public var reason: String?
    public var scope: Scope
    /// Where the suppression is written.
    public var file: String
    public var span: Span

    func hides(_ finding: Finding, itemsStartingOn lines: [Int: [String]]) -> Bool {
        guard finding.rule == rule || finding.category == rule, finding.file == file || scope.isItem else { return false }
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

/// Finds the comment forms in a file's bytes (libyaml drops comments). Only comment lines count.
enum SuppressionComments {
    static func scan(_ source: SourceFile) -> [Suppression] {
        guard source.bytes.contains(UInt8(ascii: "#")) else { return [] }
        let text = String(decoding: source.bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [Suppression] = []
        var offset = 0
        for (index, rawLine) in lines.enumerated() {
            defer { offset += rawLine.utf8.count + 1 }
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            let comment = line.dropFirst(indent.count)
            guard comment.hasPrefix("#") else { continue }
            let body = comment.dropFirst().drop { $0 == " " }
            let scope: Suppression.Scope
            let rest: Substring
            if body.hasPrefix("pmlint-disable-next-line") {
                rest = body.dropFirst("pmlint-disable-next-line".count)
                // The next line that holds YAML, not a blank or another comment.
                var target = index + 1
                while target < lines.count {
                    let trimmed = lines[target].trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty && !trimmed.hasPrefix("#") { break }
                    target += 1
                }
                scope = .line(target + 1)
            } else if body.hasPrefix("pmlint-disable") {
                rest = body.dropFirst("pmlint-disable".count)
                scope = .file
            } else {
                continue
            }
            guard rest.isEmpty || rest.first == " " else { continue }
            let parts = rest.components(separatedBy: " -- ")
            let reason = parts.count > 1 ? parts.dropFirst().joined(separator: " -- ").trimmingCharacters(in: .whitespaces) : nil
            let rules = parts[0].split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            let column = indent.unicodeScalars.count + 1
            let start = Mark(line: index + 1, column: column, offset: offset + indent.utf8.count)
            let end = Mark(line: index + 1, column: column + comment.unicodeScalars.count, offset: offset + line.utf8.count)
            for rule in rules.isEmpty ? [""] : rules {
                found.append(Suppression(rule: rule, reason: reason?.isEmpty == true ? nil : reason, scope: scope,
                                         file: source.path, span: Span(start: start, end: end)))
            }
        }
        return found
    }
}

/// Applies suppressions to a project's findings: hidden findings are set aside, and every
/// suppression without a reason, for no known rule, or that hides nothing is a finding itself.
struct SuppressionAudit {
    var kept: [Finding] = []
    var suppressed: [(finding: Finding, reason: String)] = []

    init(findings: [Finding], suppressions: [Suppression], itemsStartingOn lines: [String: [Int: [String]]], known: Set<String>) {
        var used = [Bool](repeating: false, count: suppressions.count)
        var valid = [Bool](repeating: false, count: suppressions.count)
        var audit: [Finding] = []
        for (index, suppression) in suppressions.enumerated() {
            let identity = suppression.identity
            if suppression.rule.isEmpty || !known.contains(suppression.rule) {
                let hint = nearest(to: suppression.rule, in: known).first.map { "; did you mean `\($0)`?" } ?? ""
                audit.append(DocumentRule.suppressionInvalid.finding(
                    LocalizedText(en: suppression.rule.isEmpty ? "this suppression names no rule" : "this suppression names `\(suppression.rule)`, which is no rule id or category\(hint)",
                                  zh: suppression.rule.isEmpty ? "此屏蔽声明没有指明规则" : "此屏蔽声明中的 `\(suppression.rule)` 不是规则 id 或类别\(hint)"),
                    file: suppression.file, span: suppression.span, path: "", identity: identity + "|unknown"))
            } else if suppression.reason == nil {
                audit.append(DocumentRule.suppressionInvalid.finding(
                    LocalizedText(en: "the suppression of `\(suppression.rule)` gives no reason; it hides nothing until it does",
                                  zh: "对 `\(suppression.rule)` 的屏蔽没有写明原因；写明原因之前不会生效"),
                    fix: LocalizedText(en: "say why, so the next reader can judge it: `# pmlint-disable-next-line \(suppression.rule) -- mediation booked for 12-01`, or `x-pmlint-ignore: {\(suppression.rule): \"why\"}`",
                                       zh: "写明原因，方便后来的人判断：`# pmlint-disable-next-line \(suppression.rule) -- 原因`，或 `x-pmlint-ignore: {\(suppression.rule): \"原因\"}`"),
                    file: suppression.file, span: suppression.span, path: "", identity: identity + "|reason"))
            } else {
                valid[index] = true
            }
        }
        for finding in findings {
            let hiding = suppressions.indices.first { valid[$0] && suppressions[$0].hides(finding, itemsStartingOn: lines[finding.file] ?? [:]) }
            if let hiding {
                used[hiding] = true
                suppressed.append((finding, suppressions[hiding].reason ?? ""))
            } else {
                kept.append(finding)
            }
        }
        for (index, suppression) in suppressions.enumerated() where valid[index] && !used[index] {
            audit.append(DocumentRule.suppressionUnused.finding(
                LocalizedText(en: "this suppression of `\(suppression.rule)` hides nothing", zh: "对 `\(suppression.rule)` 的屏蔽没有屏蔽任何问题"),
                fix: LocalizedText(en: "remove it: the problem it was for is gone", zh: "删除它：它针对的问题已经不存在"),
                file: suppression.file, span: suppression.span, path: "", identity: suppression.identity + "|unused"))
        }
        kept += audit
    }
}

import Foundation
