import ArgumentParser
import PMLint

struct LspCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Serve the Language Server Protocol on standard input and output, for editors.",
        discussion: """
            Diagnostics are check's findings on the unsaved text; code actions add a fix's log entry, \
            suppress a finding with a reason, or explain a rule. Settings come as initialization options: \
            as_of, lang, rules, config, select, ignore, debounce (ms), due_within (days), rules_url. \
            docs/editors.md has the setups of Neovim, VS Code and Helix.
            """
    )

    @OptionGroup var limits: LimitOptions

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let code = LanguageServer.run(limits: limits.limits, access: limits.access, language: language.resolved, today: { Day.today })
        throw ExitCode(code)
    }
}
