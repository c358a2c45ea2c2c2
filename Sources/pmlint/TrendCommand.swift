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

    @Option(help: "Write the trend to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Use this configuration for every project (default: the nearest .pmlint.yml from each project upwards).")
    var config: String?

    @OptionGroup var rules: RuleOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let catalog = try rules.folders.catalog(access: limits.access)
        let runConfiguration = try runConfiguration(config, catalog: catalog, access: limits.access)
        var options = CheckOptions(paths: paths, asOf: asOf ?? Day.today, catalog: catalog,
                                   selection: RuleSelection(select: rules.select, ignore: rules.ignore), configFile: config)
        options.limits = limits.limits
        options.access = limits.access
        options.time.trendEvery = every.duration
        options.time.history = history
        if history == .git { try Linter.requireGitHistory(paths) }
        let result = try Linter.collect(options, findings: false)
        let text = TrendReport.render(result.projects, run: result.run, every: every.duration, history: history, format: format,
                                      language: language.resolved(with: runConfiguration))
        try emit(text, to: output, protecting: result.inputFiles, allowOutside: limits.allowOutside)
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
