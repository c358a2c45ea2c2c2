import ArgumentParser
import PMLint

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn calendar events and e-mails into log entries, matched to stakeholders by their e-mail addresses.",
        subcommands: [ImportCalendarCommand.self, ImportMailCommand.self]
    )
}

/// What `log add` and the imports share: a dry run, the date, and what `check` reads.
struct CaptureOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Print the entries that would be added and what they settle; write nothing.")
    var dryRun = false

    @Option(name: .customLong("as-of"), help: "Today for the log: later entries are refused, and what they settle is checked as of it (default: today).")
    var asOf: Day?

    @Option(help: "Use this configuration instead of the nearest .pmlint.yml (its import_words classify imported meetings and mails).")
    var config: String?

    @OptionGroup var rules: RuleFolderOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var language: LanguageOptions

    /// Runs `body` with the options of a check of the project, and prints what it says; a
    /// refusal is exit code 2 with the problems.
    func run(_ project: String, _ body: (CaptureRun) throws -> String) throws {
        let catalog = try rules.catalog(access: limits.access)
        let lang = language.resolved(with: try runConfiguration(config, catalog: catalog, access: limits.access))
        var options = CheckOptions(paths: [project], asOf: asOf ?? Day.today, catalog: catalog, configFile: config)
        options.limits = limits.limits
        options.access = limits.access
        do {
            writeStandardOutput(try body(CaptureRun(check: options, language: lang)))
        } catch let refusal as LogAddition.Refusal {
            printError(refusal.rendered(lang))
            throw ExitCode(2)
        }
    }
}

/// The check options and the language of a capture command.
struct CaptureRun {
    var check: CheckOptions
    var language: Language
}

/// An import subcommand: a file (or folder) of one kind, into one project.
protocol ImportSubcommand: ParsableCommand {
    static var kind: LogImport.Kind { get }
    var file: String { get }
    var path: String { get }
    var common: CaptureOptions { get }
}

extension ImportSubcommand {
    func run() throws {
        try common.run(path) { run in
            try LogImport.run(Self.kind, files: [file], project: path, options: run.check, dryRun: common.dryRun)
                .rendered(run.language, dryRun: common.dryRun)
        }
    }
}

struct ImportCalendarCommand: ImportSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Meetings from an iCalendar file (.ics) become meeting entries."
    )
    static let kind = LogImport.Kind.calendar

    @Argument(help: "The .ics file, as exported by Google Calendar, Outlook or Apple Calendar.")
    var file: String

    @Argument(help: "The project: its folder or plan file (default: .).")
    var path: String = "."

    @OptionGroup var common: CaptureOptions
}

struct ImportMailCommand: ImportSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "E-mails from .eml files or an mbox mailbox become email (or status_report) entries."
    )
    static let kind = LogImport.Kind.mail

    @Argument(help: "An .eml file, an mbox file, or a folder of them.")
    var file: String

    @Argument(help: "The project: its folder or plan file (default: .).")
    var path: String = "."

    @OptionGroup var common: CaptureOptions
}
