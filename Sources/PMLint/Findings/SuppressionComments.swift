#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Finds the comment forms in a file's bytes (libyaml drops comments). Only comment lines count.
enum SuppressionComments {
    static func scan(_ source: SourceFile) -> [Suppression] {
        guard source.bytes.contains(UInt8(ascii: "#")) else { return [] }
        // Split on the bytes: a String splits "\r\n" as one character, never on "\n".
        let lines = source.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { Substring(String(decoding: $0, as: UTF8.self)) }
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
                    let trimmed = lines[target].trimmingSpacesAndTabs
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
            let column = indent.unicodeScalars.count + 1
            let start = Mark(line: index + 1, column: column, offset: offset + indent.utf8.count)
            let end = Mark(line: index + 1, column: column + comment.unicodeScalars.count, offset: offset + line.utf8.count)
            guard rest.isEmpty || rest.first == " " else {
                // `# pmlint-disable: x` would silently hide nothing: say so.
                var unreadable = Suppression(rule: "", reason: nil, scope: scope, file: source.path, span: Span(start: start, end: end))
                unreadable.unreadable = true
                found.append(unreadable)
                continue
            }
            let parts = rest.components(separatedBy: " -- ")
            let reason = parts.count > 1 ? parts.dropFirst().joined(separator: " -- ").trimmingSpacesAndTabs : nil
            let rules = parts[0].split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            for rule in rules.isEmpty ? [""] : rules {
                found.append(Suppression(rule: rule, reason: reason?.isEmpty == true ? nil : reason, scope: scope,
                                         file: source.path, span: Span(start: start, end: end)))
            }
        }
        return found
    }
}
