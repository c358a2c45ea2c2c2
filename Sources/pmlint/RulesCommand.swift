import ArgumentParser
import Foundation
import PMLint

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule catalog: built-in rules and those of --rules folders."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Option(help: "text, json (an array of {id, category, severity, summary, source}) or markdown (the rule reference).")
    var format: Format = .text

    @Option(name: .customLong("rules"), help: "A folder of extra rule files (repeatable).")
    var folders: [String] = []

    @OptionGroup var language: LanguageOptions

    func run() throws {
        var catalog = try RuleCatalog.builtIn()
        for folder in folders { try catalog.addFolder(folder) }
        let lang = language.resolved
        switch format {
        case .json:
            print(CatalogReport.json(catalog, language: lang), terminator: "")
        case .text:
            print(CatalogReport.text(catalog, language: lang), terminator: "")
        case .markdown:
            print(CatalogReport.markdown(catalog), terminator: "")
        }
    }
}
