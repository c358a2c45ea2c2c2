import ArgumentParser
import PMLint

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule: what it checks, why it matters, an example and its fix, its parameters."
    )

    @Argument(help: "A rule id, e.g. kickoff-minutes.")
    var rule: String

    @OptionGroup var rules: RuleFolderOptions

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let catalog = try rules.catalog()
        if let found = catalog.rule(rule) {
            print(RuleExplanation.text(found, language: language.resolved), terminator: "")
        } else if let diagnostic = DocumentRule(rawValue: rule) {
            print(RuleExplanation.text(diagnostic, language: language.resolved), terminator: "")
        } else {
            let ids = catalog.rules.map(\.id) + DocumentRule.allCases.map(\.rawValue)
            let close = RuleSelection.closest(to: rule, in: ids)
            throw UsageError("no rule `\(rule)`" + (close.isEmpty ? "; `pmlint rules` lists them" : "; did you mean " + close.map { "`\($0)`" }.joined(separator: ", ") + "?"))
        }
    }
}
