import ArgumentParser
import Foundation
import PMLint

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint every project under the given paths (a folder holding plan.yaml is a project)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
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

    @Option(help: "Report format: text or json.")
    var format: Format = .text

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this level: error, warning, info or never.")
    var failOn: FailOn = .error

    @Option(help: "Colour: auto (only on a terminal; NO_COLOR is honoured), always or never.")
    var color: ColorChoice = .auto

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let options = CheckOptions(paths: paths, asOf: asOf ?? Day.today)
        let result = try Linter.check(options)
        let lang = language.resolved
        let report: String
        switch format {
        case .text:
            var sources: [String: [UInt8]] = [:]
            for file in result.inputFiles { sources[file] = try? [UInt8](Data(contentsOf: URL(fileURLWithPath: file))) }
            report = TextReporter(language: lang, color: useColor).render(result, sources: sources)
        case .json:
            report = JSONReporter(language: lang).render(result)
        }
        try emit(report, to: output, protecting: result.inputFiles)
        throw ExitCode(result.exitCode(failOn: failOn.severity))
    }

    private var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return output == nil && isatty(STDOUT_FILENO) == 1
        }
    }
}
