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
            let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            out += "  \(rule.id)\(padding)  \(severity)  \(rule.summary[language])\n"
        }
        let count = catalog.rules.count
        out += language == .zh ? "\n共 \(count) 条规则\n" : "\n\(count) rule\(count == 1 ? "" : "s")\n"
        return out
    }
}

import Foundation
