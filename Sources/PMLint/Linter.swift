#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `pmlint check` (and `pmlint brief`) is asked to do.
public struct CheckOptions: Sendable {
    var paths: [String]
    var asOf: Day
    public var limits = YAMLLimits()
    /// The built-in rules and those of `--rules` folders; each project's configuration adds to it.
    var catalog: RuleCatalog
    var selection: RuleSelection
    /// `--config`: one configuration for every project, instead of each project's nearest.
    var configFile: String?
    var baselineFile: String?
    /// What may be read: regular files, not through links out of the repository.
    public var access = FileAccess()
    /// Make each project's pre-meeting brief in its pipeline, from its findings.
    public var briefs = false
    /// What falls due ahead, and the trend over the project's life.
    public var time = TimeOptions()

    public init(paths: [String], asOf: Day, catalog: RuleCatalog, selection: RuleSelection = RuleSelection(),
                configFile: String? = nil, baselineFile: String? = nil) {
        self.paths = paths
        self.asOf = asOf
        self.catalog = catalog
        self.selection = selection
        self.configFile = configFile
        self.baselineFile = baselineFile
    }
}

public enum Linter {
    /// Discovers, reads and checks every project under the paths, handing each project's
    /// report to `report` in discovery order as it is ready. Each project runs its own pipeline
    /// to the end (read, validate, index, rules, suppressions, fingerprints, snippets) and is
    /// released before more are read; a few run at once, on all cores.
    ///
    /// Throws `UsageError` when a path is missing or a file unreadable, `LocatedError` for a
    /// broken configuration, rule file or baseline; every problem inside a project's files is a
    /// finding. `start` sees the run before the first project.
    public static func check(_ options: CheckOptions, start: (RunInfo) throws -> Void = { _ in },
                             report: (ProjectReport) throws -> Void) throws -> CheckSummary {
        let locations = try Discovery.projects(in: options.paths)
        let options = {
            var options = options
            if options.time.trendOnlyOverSeveral && locations.count < 2 { options.time.trendEvery = nil }
            return options
        }()
        // Every configuration is read first, in order: a broken one stops the run before any
        // project is read.
        var setups: [ProjectSetup] = []
        var setupOf: [String: Int] = [:]
        var configFiles: [String] = []
        var projects: [(location: ProjectLocation, setup: Int)] = []
        for location in locations {
            let file = options.configFile ?? Configuration.find(from: location.path) ?? ""
            if setupOf[file] == nil {
                setupOf[file] = setups.count
                setups.append(try ProjectSetup(configFile: file, options: options))
                if !file.isEmpty { configFiles.append(file) }
            }
            projects.append((location, setupOf[file] ?? 0))
        }
        var baseline = try options.baselineFile.map { try Baseline.load($0, access: options.access) }.map(BaselineFilter.init)
        let rules = ruleInfos(setups.map(\.engine))
        try start(RunInfo(asOf: options.asOf, rules: rules, inputFiles: configFiles + (options.baselineFile.map { [$0] } ?? [])))
        var checked = Set<String>()

        let configured = setups
        var summary = CheckSummary()
        // A window of projects at a time, a few a core: memory holds the projects in flight,
        // never the portfolio.
        let window = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        for first in stride(from: 0, to: projects.count, by: window) {
            let batch = Array(projects[first..<min(first + window, projects.count)])
            let outcomes = concurrentMap(batch) { location, setup in
                Result { () throws in try ProjectPipeline(location: location, setup: configured[setup], options: options).run() }
            }
            for outcome in outcomes {
                var project = try outcome.get()
                if baseline != nil { baseline!.apply(to: &project) }
                summary.projects += 1
                summary.add(project.findings)
                summary.suppressed += project.suppressed.count
                summary.baselined += project.baselined
                checked.formUnion([project.key, normalized(project.path)])
                try report(project)
            }
        }
        if let baseline {
            summary.stale = baseline.stale(rules: Set(rules.map(\.id)), projects: checked)
            summary.add(summary.stale)
        }
        return summary
    }

    /// `trend --history git`: every project must be in a git repository with commits.
    public static func requireGitHistory(_ paths: [String]) throws {
        for location in try Discovery.projects(in: paths) {
            if let problem = GitHistory(location: location, limits: YAMLLimits()).problem() {
                throw UsageError("--history git: \(problem)")
            }
        }
    }

    /// Checks everything and holds the whole result: for tests and library users with few
    /// projects.
    /// Without `findings`, each project's findings are let go as it arrives and only the rest
    /// of its report is kept (what `due`, `trend` and the brief need), so a portfolio holds
    /// little more than `check` does.
    public static func collect(_ options: CheckOptions, findings: Bool = true) throws -> CheckResult {
        var run: RunInfo?
        var projects: [ProjectReport] = []
        let summary = try check(options, start: { run = $0 }, report: { project in
            var project = project
            if !findings {
                project.findings = []
                project.suppressed = []
            }
            projects.append(project)
        })
        guard let run else { preconditionFailure("a check starts before it reports") }
        return CheckResult(run: run, projects: projects, summary: summary)
    }

    /// Every rule the engines run, pmlint's own diagnostics included, by id.
    private static func ruleInfos(_ engines: [RuleEngine]) -> [RuleInfo] {
        var ran: [String: RuleInfo] = [:]
        for engine in engines {
            for rule in engine.rules where ran[rule.id] == nil {
                // Where only a linked entry counts, the rationale says how to link one.
                let linking = RuleExplanation.linking
                let rationale = rule.linksByID
                    ? LocalizedText(en: rule.rationale.en + " " + linking.en, zh: rule.rationale.zh + linking.zh)
                    : rule.rationale
                ran[rule.id] = RuleInfo(id: rule.id, category: rule.category, severity: rule.severity, summary: rule.summary,
                                        rationale: rationale, source: rule.source)
            }
        }
        for rule in DocumentRule.allCases {
            ran[rule.rawValue] = RuleInfo(id: rule.rawValue, category: rule.category, severity: rule.severity, summary: rule.summary)
        }
        return ran.values.sorted { $0.id < $1.id }
    }

    /// The project path without `./` noise, so fingerprints do not depend on how it was typed.
    static func normalized(_ path: String) -> String {
        let standardized = Platform.standardizingPath(path)
        return standardized.hasPrefix("./") ? String(standardized.dropFirst(2)) : standardized
    }
}
