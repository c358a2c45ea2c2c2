import ArgumentParser
import PMLint

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn calendar events and e-mails into log entries, matched to stakeholders by their e-mail addresses.",
        subcommands: [ImportCalendarCommand.self, ImportMailCommand.self]
    )
}

struct ImportOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Print the entries that would be added; write nothing.")
    var dryRun = false

    @Option(name: .customLong("as-of"), help: "Import what happened up to this date, YYYY-MM-DD (default: today).")
    var asOf: Day?

    @Option(help: "Use this configuration instead of the nearest .pmlint.yml (its import_words classify meetings and mails).")
    var config: String?

    @OptionGroup var rules: RuleFolderOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var language: LanguageOptions

    func run(_ kind: LogImport.Kind, files: [String], project: String) throws {
        let catalog = try rules.catalog(access: limits.access)
        let lang = language.resolved(with: try runConfiguration(config, catalog: catalog, access: limits.access))
        var options = CheckOptions(paths: [project], asOf: asOf ?? Day.today, catalog: catalog, configFile: config)
        options.limits = limits.limits
        options.access = limits.access
        do {
            let outcome = try LogImport.run(kind, files: files, project: project, options: options, dryRun: dryRun)
            writeStandardOutput(outcome.rendered(lang, dryRun: dryRun))
        } catch let refusal as LogAddition.Refusal {
            printError(refusal.rendered(lang))
            throw ExitCode(2)
        }
    }
}

struct ImportCalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Meetings from an iCalendar file (.ics) become meeting entries."
    )

    @Argument(help: "The .ics file, as exported by Google Calendar, Outlook or Apple Calendar.")
    var file: String

    @Argument(help: "The project: its folder or plan file (default: .).")
    var path: String = "."

    @OptionGroup var options: ImportOptions

    func run() throws { try options.run(.calendar, files: [file], project: path) }
}

struct ImportMailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "E-mails from .eml files or an mbox mailbox become email (or status_report) entries."
    )

    @Argument(help: "An .eml file, an mbox file, or a folder of them.")
    var file: String

    @Argument(help: "The project: its folder or plan file (default: .).")
    var path: String = "."

    @OptionGroup var options: ImportOptions

    func run() throws { try options.run(.mail, files: [file], project: path) }
}
