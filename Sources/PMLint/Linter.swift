import Foundation

/// What `pmlint check` is asked to do.
public struct CheckOptions: Sendable {
    public var paths: [String]
    public var asOf: Day
    public var limits = YAMLLimits()
    /// The built-in rules and those of `--rules` folders; each project's configuration adds to it.
    public var catalog: RuleCatalog
    public var selection: RuleSelection
    /// `--config`: one configuration for every project, instead of each project's nearest.
    public var configFile: String?
    public var baselineFile: String?
    /// Keep every project read in the result (for the brief); off for plain checks.
    public var keepProjects = false

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

/// A finding placed in its project, as every report shows it.
public struct ReportedFinding: Sendable {
    public var finding: Finding
    public var project: String
    public var fingerprint: String
    /// Why it is hidden, for a suppressed finding.
    public var suppression: String?
}

/// What a report says about a rule that ran.
public struct RuleInfo: Sendable {
    public var id: String
    public var category: String
    public var severity: Severity
    public var summary: LocalizedText
    public var rationale: LocalizedText?
    public var source: String?
}

/// The result of a check: what was checked and what was found, sorted by file, line, column, rule.
public struct CheckResult: Sendable {
    public var asOf: Day
    public var projects: [(path: String, name: String?)]
    public var findings: [ReportedFinding]
    /// Findings hidden by a suppression with a reason (SARIF reports them as suppressed).
    public var suppressed: [ReportedFinding] = []
    /// Findings hidden because the baseline records them.
    public var baselined = 0
    /// Every rule that ran, pmlint's own diagnostics included.
    public var rules: [RuleInfo] = []
    /// The files read, so that no output is ever written over one of them.
    public var inputFiles: [String]
    /// The projects read, when `keepProjects` was asked for.
    public var documents: [Project] = []
    /// The bytes of every file checked, for reports that show source lines.
    public var sources: [String: [UInt8]] = [:]

    public func count(_ severity: Severity) -> Int { findings.filter { $0.finding.severity == severity }.count }

    /// 1 when a finding is at or above `failOn` (nil: never fail), else 0.
    public func exitCode(failOn: Severity?) -> Int32 {
        guard let failOn else { return 0 }
        return findings.contains { $0.finding.severity >= failOn } ? 1 : 0
    }

    public func findings(in project: String) -> [ReportedFinding] { findings.filter { $0.project == project } }
}

public enum Linter {
    /// Discovers, reads and checks every project under the paths. Throws `UsageError` when a
    /// path is missing or a file unreadable, `LocatedError` for a broken configuration, rule
    /// file or baseline; every problem inside a project's files is a finding.
    public static func check(_ options: CheckOptions) throws -> CheckResult {
        let locations = try Discovery.projects(in: options.paths)
        var configured: [String: (Configuration, RuleCatalog, RuleEngine)] = [:]
        func setup(for location: ProjectLocation) throws -> (Configuration, RuleCatalog, RuleEngine) {
            let file = options.configFile ?? Configuration.find(from: location.path) ?? ""
            if let known = configured[file] { return known }
            let (configuration, catalog) = file.isEmpty ? (Configuration(), options.catalog) : try Configuration.load(file, base: options.catalog)
            try options.selection.validate(against: catalog)
            let engine = RuleEngine(rules: catalog.rules.filter { options.selection.includes(rule: $0.id, category: $0.category) })
            configured[file] = (configuration, catalog, engine)
            return (configuration, catalog, engine)
        }

        var result = CheckResult(asOf: options.asOf, projects: [], findings: [], inputFiles: [])
        var ran: [String: RuleInfo] = [:]
        for location in locations {
            let (configuration, catalog, engine) = try setup(for: location)
            let project = try Project.load(location, asOf: options.asOf, limits: options.limits)
            result.projects.append((location.path, project.name))
            if options.keepProjects { result.documents.append(project) }
            result.sources[project.planFile.path] = project.planFile.bytes
            if let log = project.logFile { result.sources[log.path] = log.bytes }
            result.inputFiles += [location.plan] + (location.log.map { [$0] } ?? [])
            for rule in engine.rules where ran[rule.id] == nil {
                ran[rule.id] = RuleInfo(id: rule.id, category: rule.category, severity: rule.severity, summary: rule.summary,
                                        rationale: rule.rationale, source: rule.source)
            }

            let found = project.findings.filter {
                options.selection.includes(rule: $0.rule, category: $0.category) && !configuration.off.contains($0.rule)
            } + engine.findings(for: project, asOf: options.asOf)
            // Which items start on which line matters only to `# pmlint-disable-next-line`.
            let itemsByLine = project.suppressions.contains { $0.scope.isLine } ? project.itemsByLine : [:]
            let audit = SuppressionAudit(findings: found, suppressions: project.suppressions,
                                         itemsStartingOn: itemsByLine, known: catalog.selectable)
            let projectKey = normalized(location.path)
            func reported(_ finding: Finding, suppression: String? = nil) -> ReportedFinding {
                ReportedFinding(finding: finding, project: location.path,
                                fingerprint: fingerprint(rule: finding.rule, project: projectKey, identity: finding.identity),
                                suppression: suppression)
            }
            result.findings += audit.kept.map { reported($0) }
            result.suppressed += audit.suppressed.map { reported($0.finding, suppression: $0.reason) }
        }

        if let baselineFile = options.baselineFile {
            let baseline = try Baseline.load(baselineFile)
            let (kept, hidden, stale) = baseline.apply(to: result.findings)
            result.findings = kept + stale
            result.baselined = hidden
            result.inputFiles.append(baselineFile)
        }
        for rule in DocumentRule.allCases {
            ran[rule.rawValue] = RuleInfo(id: rule.rawValue, category: rule.category, severity: rule.severity, summary: rule.summary)
        }
        result.rules = ran.values.sorted { $0.id < $1.id }
        let order: (ReportedFinding, ReportedFinding) -> Bool = { a, b in
            (a.finding.file, a.finding.span.start.line, a.finding.span.start.column, a.finding.rule)
                < (b.finding.file, b.finding.span.start.line, b.finding.span.start.column, b.finding.rule)
        }
        result.findings.sort(by: order)
        result.suppressed.sort(by: order)
        return result
    }

    /// The project path without `./` noise, so fingerprints do not depend on how it was typed.
    static func normalized(_ path: String) -> String {
        let standardized = (path as NSString).standardizingPath
        return standardized.hasPrefix("./") ? String(standardized.dropFirst(2)) : standardized
    }
}
