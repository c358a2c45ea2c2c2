import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PMLint

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint every project under the given paths (a folder holding plan.yaml is a project)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github, junit, markdown
    }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, info, never

        var severity: Severity? { Severity(rawValue: rawValue) }
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(help: "Project folders or plan files.")
    var paths: [String] = ["."]

    @Option(name: .customLong("as-of"), help: "Check as of this date, YYYY-MM-DD (default: today).")
    var asOf: Day?

    @Option(help: "Report format: text, json, sarif, github, junit or markdown.")
    var format: Format = .text

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this level: error, warning, info or never (default: the configuration's fail_on, else error).")
    var failOn: FailOn?

    @Option(help: "Use this configuration for every project (default: the nearest .pmlint.yml from each project upwards).")
    var config: String?

    @OptionGroup var rules: RuleOptions

    @Option(help: "Hide the findings recorded in this baseline file; report recorded ones that no longer occur.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record the current findings in this file (by fingerprint) and exit 0.")
    var writeBaseline: String?

    @OptionGroup var limits: LimitOptions

    @Flag(help: "Print why each finding matters under it (for coaching).")
    var explain = false

    @Option(help: "Colour: auto (only on a terminal; NO_COLOR is honoured), always or never.")
    var color: ColorChoice = .auto

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let catalog = try rules.folders.catalog(access: limits.access)
        let runConfiguration = try runConfiguration(config, catalog: catalog, access: limits.access)
        var options = CheckOptions(paths: paths, asOf: asOf ?? Day.today, catalog: catalog,
                                   selection: RuleSelection(select: rules.select, ignore: rules.ignore),
                                   configFile: config, baselineFile: writeBaseline == nil ? baseline : nil)
        options.limits = limits.limits
        options.access = limits.access
        if let writeBaseline {
            var recorder = BaselineRecorder()
            _ = try write(&recorder, options: options, to: writeBaseline)
            printError("pmlint: recorded \(recorder.recorded) findings in \(writeBaseline)\n")
            return
        }
        let lang = language.resolved(with: runConfiguration)
        let level = failOn ?? runConfiguration?.failOn.flatMap(FailOn.init(rawValue:)) ?? .error
        var writer: any ReportWriter
        switch format {
        case .text: writer = TextReporter(language: lang, color: useColor, explain: explain)
        case .json: writer = JSONReporter(language: lang)
        case .sarif: writer = SARIFReporter(language: lang)
        case .github: writer = GitHubReporter(language: lang)
        case .junit: writer = JUnitReporter(language: lang, failOn: level.severity)
        case .markdown: writer = MarkdownReporter(language: lang)
        }
        let summary = try writeReport(&writer, options: options, to: output)
        throw ExitCode(summary.exitCode(failOn: level.severity))
    }

    /// Checks the projects and writes the report as their reports arrive.
    private func write<Writer: ReportWriter>(_ writer: inout Writer, options: CheckOptions, to output: String?) throws -> CheckSummary {
        var sink: ReportSink?
        let summary = try Linter.check(options, start: { run in
            sink = try ReportSink(path: output, protecting: run.inputFiles, allowOutside: limits.allowOutside)
            try sink?.write(writer.start(run))
        }, report: { project in
            try sink?.protect(project.files)
            try sink?.write(writer.add(project))
        })
        try sink?.write(writer.finish(summary))
        try sink?.finish()
        return summary
    }

    private var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return output == nil && standardOutputIsTerminal()
        }
    }
}

/// Which rules run: the built-in catalog, a team's folders, and `--select`/`--ignore`.
struct RuleOptions: ParsableArguments {
    @OptionGroup var folders: RuleFolderOptions

    @Option(help: "Run only these rules, by id or category (repeatable).")
    var select: [String] = []

    @Option(help: "Skip these rules, by id or category (repeatable).")
    var ignore: [String] = []
}

extension CheckCommand {
    /// The same for a writer of any format.
    fileprivate func writeReport(_ writer: inout any ReportWriter, options: CheckOptions, to output: String?) throws -> CheckSummary {
        func open<Writer: ReportWriter>(_ writer: inout Writer) throws -> CheckSummary {
            try write(&writer, options: options, to: output)
        }
        return try open(&writer)
    }
}
