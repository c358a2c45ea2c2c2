import ArgumentParser
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

    @OptionGroup var rules: RuleFolderOptions

    @Flag(name: .customLong("check-examples"), help: "Run every rule's own examples and report those that do not fire or pass as they say (exit 1).")
    var checkExamples = false

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let catalog = try rules.catalog()
        let lang = language.resolved
        if checkExamples {
            let failures = catalog.rules.flatMap { $0.checkExamples() }
            for failure in failures { print(failure.description) }
            let examples = catalog.rules.reduce(0) { $0 + $1.examples.count }
            print("\(examples) examples of \(catalog.rules.count) rules: \(failures.isEmpty ? "all as expected" : "\(failures.count) failed")")
            throw ExitCode(failures.isEmpty ? 0 : 1)
        }
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
