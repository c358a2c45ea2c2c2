import ArgumentParser
import PMLint

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "How a project's health moved over its life: the check as of every step from its start, per area."
    )

    @Argument(help: "Project folders or plan files.")
    var paths: [String] = ["."]

    @Option(name: .customLong("as-of"), help: "The last step, YYYY-MM-DD (default: today).")
    var asOf: Day?

    @Option(help: "The step: 1w, 2w, 1mo, 3d (default: 1w).")
    var every: StepArgument = StepArgument(argument: "1w")!

    @Option(help: "files: today's plan and log at every step (default); git: as committed at each step's date.")
    var history: TrendHistory = .files

    @Option(help: "text, markdown, json or html (one self-contained page with a chart).")
    var format: TrendReport.Format = .text

    @OptionGroup var common: OverTimeOptions

    func run() throws {
        if history == .git { try Linter.requireGitHistory(paths) }
        var time = TimeOptions()
        time.trendEvery = every.duration
        time.history = history
        try common.run(paths, asOf: asOf, time: time) { result, language in
            TrendReport.render(result.projects, run: result.run, every: every.duration, history: history, format: format, language: language)
        }
    }
}

extension TrendReport.Format: ExpressibleByArgument {}
extension TrendHistory: ExpressibleByArgument {}

struct StepArgument: ExpressibleByArgument {
    var duration: Duration

    init?(argument: String) {
        guard let duration = Duration.option(argument) else { return nil }
        self.duration = duration
    }

    var defaultValueDescription: String { duration.description }
}
