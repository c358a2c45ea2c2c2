import ArgumentParser
import PMLint

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Keep the communication log without typing YAML.",
        subcommands: [LogAddCommand.self]
    )
}

struct LogAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Append one entry to the project's log, validated as check validates it; every other byte of the file is kept."
    )

    @Argument(help: "The entry's type: meeting, call, email, message, status_report, minutes, feedback, conflict, decision, escalation or note.")
    var type: String

    @Argument(help: "The project: its folder or plan file (default: .).")
    var path: String = "."

    @Option(help: "The entry's date, YYYY-MM-DD (default: today).")
    var date: Day?

    @Option(help: "The entry's id (a kickoff, a conflict: what later entries name in `re`).")
    var id: String?

    @Option(help: "Meetings: kickoff, progress, review, workshop, retrospective or other.")
    var kind: String?

    @Option(name: .customLong("with"), parsing: .upToNextOption, help: "Participants' ids (meetings, calls).")
    var with: [String] = []

    @Option(parsing: .upToNextOption, help: "Recipients' ids (reports, minutes, e-mails, messages).")
    var to: [String] = []

    @Option(parsing: .upToNextOption, help: "The client-side author's ids (feedback, conflicts, messages received).")
    var from: [String] = []

    @Option(parsing: .upToNextOption, help: "The ids of the items this entry follows up (a kickoff, cr2, m1, c1).")
    var re: [String] = []

    @Option(help: "What it was about.")
    var topic: String?

    @Option(help: "What was said or agreed, in a sentence.")
    var summary: String?

    @Option(help: "Meetings: an agenda item (repeatable).")
    var agenda: [String] = []

    @Option(help: "A decision taken (repeatable).")
    var decision: [String] = []

    @Option(help: "Status reports: what was done (repeatable).")
    var done: [String] = []

    @Option(help: "Status reports: what comes next (repeatable).")
    var next: [String] = []

    @Option(help: "Status reports: a problem or risk (repeatable); --no-issues says there are none.")
    var issue: [String] = []

    @Flag(name: .customLong("no-issues"), help: "Status reports: record `issues: []`, no problems.")
    var noIssues = false

    @Option(name: .customLong("help-needed"), help: "Status reports: what the client must do or decide (repeatable); --no-help-needed says nothing.")
    var helpNeeded: [String] = []

    @Flag(name: .customLong("no-help-needed"), help: "Status reports: record `help_needed: []`.")
    var noHelpNeeded = false

    @Option(help: "Status reports: green, amber or red.")
    var health: String?

    @Option(help: "Feedback: the score, 1 to 5.")
    var score: Int?

    @Option(help: "Conflicts: open, resolved or escalated.")
    var status: String?

    @Flag(name: .customLong("dry-run"), help: "Print the entry and what it settles; write nothing.")
    var dryRun = false

    @Option(name: .customLong("as-of"), help: "Check as of this date, for what the entry settles (default: today).")
    var asOf: Day?

    @Option(help: "Use this configuration instead of the nearest .pmlint.yml.")
    var config: String?

    @OptionGroup var rules: RuleFolderOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let today = asOf ?? Day.today
        var entry = LogEntryDraft()
        entry.set("date", (date ?? today).description)
        entry.set("type", type)
        entry.set("id", id)
        entry.set("kind", kind)
        entry.set("re", re)
        entry.set("with", with)
        entry.set("to", to)
        entry.set("from", from)
        entry.set("topic", topic)
        entry.set("summary", summary)
        entry.set("agenda", agenda)
        entry.set("decisions", decision)
        entry.set("done", done)
        entry.set("next", next)
        entry.set("issues", issue, keepEmpty: noIssues)
        entry.set("help_needed", helpNeeded, keepEmpty: noHelpNeeded)
        entry.set("health", health)
        entry.set("score", score.map(String.init))
        entry.set("status", status)
        try add([entry], to: path, asOf: today, dryRun: dryRun, config: config, rules: rules,
                limits: limits, language: language)
    }
}

/// Adds the entries and says what happened; a refusal is exit code 2 with the problems.
func add(_ entries: [LogEntryDraft], to path: String, asOf: Day, dryRun: Bool, config: String?, rules: RuleFolderOptions,
         limits: LimitOptions, language: LanguageOptions) throws {
    let catalog = try rules.catalog(access: limits.access)
    let lang = language.resolved(with: try runConfiguration(config, catalog: catalog, access: limits.access))
    var options = CheckOptions(paths: [path], asOf: asOf, catalog: catalog, configFile: config)
    options.limits = limits.limits
    options.access = limits.access
    let outcome: LogAddition.Outcome
    do {
        outcome = try LogAddition.add(entries, toProjectAt: path, options: options, dryRun: dryRun)
    } catch let refusal as LogAddition.Refusal {
        printError(refusal.rendered(lang))
        throw ExitCode(2)
    }
    writeStandardOutput(outcome.rendered(lang, dryRun: dryRun))
}
