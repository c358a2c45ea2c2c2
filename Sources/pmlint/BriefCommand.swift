import ArgumentParser
import PMLint

struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "What to raise or fix before meeting the client: health, open items, promises, an agenda."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html
    }

    @Argument(help: "A project folder or plan file (a folder with several projects gives a brief for each).")
    var path: String = "."

    @Option(name: .customLong("as-of"), help: "The date of the meeting's preparation, YYYY-MM-DD (default: today).")
    var asOf: Day?

    @Option(help: "markdown or html (one self-contained page with a timeline).")
    var format: Format = .markdown

    @Option(help: "Write the brief to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Use this configuration instead of the nearest .pmlint.yml.")
    var config: String?

    @OptionGroup var rules: RuleFolderOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let catalog = try rules.catalog(access: limits.access)
        let runConfiguration = try runConfiguration(config, catalog: catalog, access: limits.access)
        var options = CheckOptions(paths: [path], asOf: asOf ?? Day.today, catalog: catalog, configFile: config)
        options.briefs = true
        options.time.dueWithin = Brief.dueWithin
        // Over many projects, each row has a trend line of the last eight weeks; one project's
        // brief has none.
        options.time.trendEvery = Duration.option("1w")
        options.time.trendSteps = 8
        options.time.trendOnlyOverSeveral = true
        options.limits = limits.limits
        options.access = limits.access
        let result = try Linter.collect(options, findings: false)
        let briefs = result.projects.compactMap(\.brief)
        let lang = language.resolved(with: runConfiguration)
        let text = format == .html ? BriefHTML.render(briefs, language: lang) : BriefMarkdown.render(briefs, language: lang)
        try emit(text, to: output, protecting: result.inputFiles, allowOutside: limits.allowOutside)
    }
}
