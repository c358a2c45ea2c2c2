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

    @Option(help: "Write the list to this file (atomically) instead of standard output.")
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
        options.time.dueWithin = within.days
        options.time.includeLate = includeLate
        let result = try Linter.collect(options, findings: false)
        let text = DueReport.render(result.projects, run: result.run, within: within.days, format: format,
                                    language: language.resolved(with: runConfiguration))
        try emit(text, to: output, protecting: result.inputFiles, allowOutside: limits.allowOutside)
    }
}

extension DueReport.Format: ExpressibleByArgument {}

/// A span of days on the command line: `14d`, `2w`, `1mo` (30 days), or a number of days.
struct DurationArgument: ExpressibleByArgument {
    var duration: Duration?
    var fixedDays: Int?

    init(days: Int) { fixedDays = days }

    init?(argument: String) {
        if let days = Int(argument), days > 0, days <= 3660 {
            fixedDays = days
        } else if let duration = Duration.option(argument), duration.days <= 3660 {
            self.duration = duration
        } else {
            return nil
        }
    }

    var days: Int { fixedDays ?? duration?.days ?? 14 }
    var defaultValueDescription: String { fixedDays.map { "\($0)d" } ?? duration?.description ?? "" }
}
