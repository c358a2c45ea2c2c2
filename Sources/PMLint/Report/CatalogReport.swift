/// `pmlint rules`: the catalog as a table or as JSON.
public enum CatalogReport {
    public static func json(_ catalog: RuleCatalog, language: Language) -> String {
        JSON.array(catalog.rules.map { rule in
            .object([
                ("id", .string(rule.id)),
                ("category", .string(rule.category)),
                ("severity", .string(rule.severity.rawValue)),
                ("summary", .string(rule.summary[language])),
                ("source", .string(rule.source)),
                ("builtin", .bool(rule.isBuiltIn)),
            ])
        }).rendered() + "\n"
    }

    public static func text(_ catalog: RuleCatalog, language: Language) -> String {
        let idWidth = catalog.rules.map(\.id.count).max() ?? 0
        var out = ""
        var category = ""
        for rule in catalog.rules.sorted(by: { ($0.category, $0.id) < ($1.category, $1.id) }) {
            if rule.category != category {
                category = rule.category
                out += (out.isEmpty ? "" : "\n") + category + "\n"
            }
            let padding = String(repeating: " ", count: idWidth - rule.id.count)
            let severity = rule.severity.rawValue.padded(toLength: 7)
            out += "  \(rule.id)\(padding)  \(severity)  \(rule.summary[language])\n"
        }
        let count = catalog.rules.count
        out += language == .zh ? "\n共 \(count) 条规则\n" : "\n\(count) rule\(count == 1 ? "" : "s")\n"
        return out
    }
}

extension CatalogReport {
    /// The rule reference (`docs/rules.md`), generated from the rule files so it cannot drift.
    public static func markdown(_ catalog: RuleCatalog) -> String {
        let rules = catalog.rules.sorted { ($0.category, $0.id) < ($1.category, $1.id) }
        var out = "# pmlint rule reference\n\n"
        out += "Generated from the rule files by `pmlint rules --format markdown`; do not edit by hand.\n"
        out += "Every rule's examples below run as tests. `pmlint explain RULE` prints the same in a terminal.\n\n"
        out += "| id | category | severity | summary |\n| --- | --- | --- | --- |\n"
        for rule in rules {
            out += "| [`\(rule.id)`](#\(rule.id)) | \(rule.category) | \(rule.severity.rawValue) | \(rule.summary.en) |\n"
        }
        for rule in rules {
            out += "\n## \(rule.id)\n\n"
            out += "**\(rule.summary.en)** \(rule.summary.zh)\n\n"
            out += "- category: `\(rule.category)`, severity: `\(rule.severity.rawValue)`\n"
            out += "- source: \(rule.source)\n"
            for parameter in rule.parameterDefaults {
                out += "- parameter `\(parameter.name)`: default `\(parameter.value)`" + (parameter.from.map { ", or the plan's `\($0)`" } ?? "") + "\n"
            }
            out += "\n### Why\n\n\(rule.rationale.en)\n\n\(rule.rationale.zh)\n\n"
            out += "### Message and fix\n\n> \(rule.message.en)\n>\n> \(rule.message.zh)\n\n"
            if let fix = rule.fix {
                out += "```text\n\(fix.en)\n```\n\n```text\n\(fix.zh)\n```\n\n"
            }
            for (title, fires) in [("Fires on", true), ("Passes", false)] {
                let examples = rule.examples.filter { $0.fires == fires }
                guard !examples.isEmpty else { continue }
                out += "### \(title)\n\n"
                for example in examples {
                    out += "```yaml\n" + sourceLines(rule.file, example.span) + "\n```\n\n"
                }
            }
        }
        return out
    }

    /// The lines a span covers, without their common indentation.
    static func sourceLines(_ file: SourceFile, _ span: Span) -> String {
        let text = String(decoding: file.bytes[span.start.offset..<min(span.end.offset, file.bytes.count)], as: UTF8.self)
        let indent = String(repeating: " ", count: span.start.column - 1)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [String] = []
        for (index, line) in lines.enumerated() {
            if index == 0 { result.append(line); continue }
            result.append(line.hasPrefix(indent) ? String(line.dropFirst(indent.count)) : line)
        }
        while result.last?.trimmingSpacesAndTabs.isEmpty == true { result.removeLast() }
        return result.joined(separator: "\n")
    }
}
