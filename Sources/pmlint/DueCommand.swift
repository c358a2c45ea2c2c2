import ArgumentParser
import PMLint

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "What falls due soon and is not done yet: each thing check would report if nothing happens, and the day before it would."
    )

    @Argument(help: "Project folders or plan files.")
    var paths: [String] = ["."]

    @Option(name: .customLong("as-of"), help: "Look ahead from this date, YYYY-MM-DD (default: today).")
    var asOf: Day?

    @Option(help: "How far ahead to look: 14d, 2w, 1mo (default: 14d).")
    var within: DurationArgument = DurationArgument(days: 14)

    @Flag(name: .customLong("include-late"), help: "Also list what is late already (check reports it), with the day it fell due when that is within the same span back.")
    var includeLate = false

    @Option(help: "text, json, markdown or ics (an iCalendar file of to-dos to import into a calendar).")
    var format: DueReport.Format = .text

    @OptionGroup var common: OverTimeOptions

    func run() throws {
        var time = TimeOptions()
        time.dueWithin = within.days
        time.includeLate = includeLate
        try common.run(paths, asOf: asOf, time: time) { result, language in
            DueReport.render(result.projects, run: result.run, within: within.days, format: format, language: language)
        }
    }
}

extension DueReport.Format: ExpressibleByArgument {}

/// A span of days on the command line: `14d`, `2w`, `1mo` (30 days), or a number of days.
struct DurationArgument: ExpressibleByArgument {
    var days: Int

    init(days: Int) { self.days = days }

    init?(argument: String) {
        guard let days = Int(argument).flatMap({ $0 > 0 ? $0 : nil }) ?? Duration.option(argument)?.days, days <= 3660 else { return nil }
        self.days = days
    }

    var defaultValueDescription: String { "\(days)d" }
}

/// What `due` and `trend` share with `check`: the configuration, the rules, the limits, the
/// language and where the report goes.
struct OverTimeOptions: ParsableArguments {
    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Use this configuration for every project (default: the nearest .pmlint.yml from each project upwards).")
    var config: String?

    @OptionGroup var rules: RuleOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var language: LanguageOptions

    /// Checks the projects as `time` asks, keeping their reports without their findings, and
    /// writes what `render` makes of them.
    func run(_ paths: [String], asOf: Day?, time: TimeOptions, render: (CheckResult, Language) -> String) throws {
        let catalog = try rules.folders.catalog(access: limits.access)
        let runConfiguration = try runConfiguration(config, catalog: catalog, access: limits.access)
        var options = CheckOptions(paths: paths, asOf: asOf ?? Day.today, catalog: catalog,
                                   selection: RuleSelection(select: rules.select, ignore: rules.ignore), configFile: config)
        options.limits = limits.limits
        options.access = limits.access
        options.time = time
        let result = try Linter.collect(options, findings: false)
        try emit(render(result, language.resolved(with: runConfiguration)), to: output, protecting: result.inputFiles,
                 allowOutside: limits.allowOutside)
    }
}
