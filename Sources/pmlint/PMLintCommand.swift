import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PMLint

@main
struct PMLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmlint",
        abstract: "Checks how a project is run with its client: the plan and the communication log.",
        version: Version.description,
        subcommands: [CheckCommand.self, RulesCommand.self, ExplainCommand.self, InitCommand.self, SchemaCommand.self, BriefCommand.self, DueCommand.self, TrendCommand.self, LogCommand.self, ImportCommand.self, LspCommand.self],
        defaultSubcommand: CheckCommand.self
    )

    /// ArgumentParser's own exit codes are replaced by pmlint's: 0 clean, 1 findings,
    /// 2 the tool could not do its job (a bad flag included).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as LocatedError {
            printError("pmlint: \(Escaping.forError(error.description))\n")
            exitProcess(2)
        } catch let error as UsageError {
            printError("pmlint: \(Escaping.forError(error.description))\n")
            exitProcess(2)
        } catch let exit as ExitCode {
            exitProcess(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                exitProcess(0)
            }
            printError(fullMessage(for: error) + "\n")
            exitProcess(2)
        }
    }
}

/// Options every command that prints messages shares.
struct LanguageOptions: ParsableArguments {
    @Option(help: "Message language: en or zh (default: from LC_ALL/LANG, else en).")
    var lang: Language?

    var resolved: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }

    /// The flag, else the configuration's `lang`, else the environment.
    func resolved(with configuration: Configuration?) -> Language {
        lang ?? configuration?.language ?? resolved
    }
}

/// `--rules DIR`: the built-in catalog plus a team's rule folders.
struct RuleFolderOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A folder of extra rule files: every *.yaml in it (repeatable).")
    var folders: [String] = []

    func catalog(access: FileAccess = FileAccess()) throws -> RuleCatalog {
        var catalog = try RuleCatalog.builtIn()
        for folder in folders { try catalog.addFolder(folder, access: access) }
        return catalog
    }
}

/// The settings of a whole run (language, fail_on): from `--config`, else the configuration
/// nearest the current folder.
func runConfiguration(_ explicit: String?, catalog: RuleCatalog, access: FileAccess = FileAccess()) throws -> Configuration? {
    try (explicit ?? Configuration.find(from: ".")).map { try Configuration.load($0, base: catalog, access: access).0 }
}

extension Language: ExpressibleByArgument {}

extension Day: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }

    /// Today in the local time zone.
    static var today: Day {
        let today = localDate()
        return Day(year: today.year, month: today.month, day: today.day) ?? Day(ordinal: 0)
    }
}

/// Writes a report to stdout, or atomically to `--output`.
func emit(_ text: String, to output: String?, protecting inputs: [String], allowOutside: Bool = false) throws {
    if let output {
        try OutputFile.write(text, to: output, protecting: inputs, allowOutside: allowOutside)
    } else {
        writeStandardOutput(text)
    }
}

/// The bounds on what one file may hold; generous by default, lower them for untrusted input.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-file-size"), help: "Largest file read, in MiB.")
    var maxFileSize = 256

    @Option(name: .customLong("max-depth"), help: "Deepest nesting of a YAML file.")
    var maxDepth = 1000

    @Option(name: .customLong("max-nodes"), help: "Most YAML nodes in one file.")
    var maxNodes = 20_000_000

    @Option(name: .customLong("max-aliases"), help: "Most YAML aliases (*name) in one file.")
    var maxAliases = 100_000

    @Flag(name: .customLong("allow-outside"), help: "Follow symbolic links that lead outside the repository (never on untrusted pull requests).")
    var allowOutside = false

    /// What may be read: regular files within the size limit, not through links out of the repository.
    var access: FileAccess { FileAccess(allowOutside: allowOutside, limits: limits) }

    var limits: YAMLLimits {
        YAMLLimits(maxFileSize: max(0, min(maxFileSize, 1 << 20)) << 20, maxDepth: max(1, maxDepth),
                   maxNodes: max(1, maxNodes), maxAliases: max(0, maxAliases))
    }
}
