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

    @OptionGroup var common: CaptureOptions

    func run() throws {
        let today = common.asOf ?? Day.today
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
        try common.run(path) { run in
            try LogAddition.add([entry], toProjectAt: path, options: run.check, dryRun: common.dryRun).rendered(run.language, dryRun: common.dryRun)
        }
    }
}
