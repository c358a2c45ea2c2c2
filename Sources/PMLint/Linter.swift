import Foundation

/// What `pmlint check` is asked to do.
public struct CheckOptions: Sendable {
    public var paths: [String]
    public var asOf: Day
    public var limits = YAMLLimits()
    public var catalog: RuleCatalog
    public var selection: RuleSelection

    public init(paths: [String], asOf: Day, catalog: RuleCatalog, selection: RuleSelection = RuleSelection()) {
        self.paths = paths
        self.asOf = asOf
        self.catalog = catalog
        self.selection = selection
    }
}

/// A finding placed in its project, as every report shows it.
public struct ReportedFinding: Sendable {
    public var finding: Finding
    public var project: String
    public var fingerprint: String
}

/// The result of a check: what was checked and what was found, sorted by file, line, column, rule.
public struct CheckResult: Sendable {
    public var asOf: Day
    public var projects: [(path: String, name: String?)]
    public var findings: [ReportedFinding]
    /// The files read, so that no output is ever written over one of them.
    public var inputFiles: [String]

    public func count(_ severity: Severity) -> Int { findings.filter { $0.finding.severity == severity }.count }

    /// 1 when a finding is at or above `failOn` (nil: never fail), else 0.
    public func exitCode(failOn: Severity?) -> Int32 {
        guard let failOn else { return 0 }
        return findings.contains { $0.finding.severity >= failOn } ? 1 : 0
    }
}

public enum Linter {
    /// Discovers, reads and checks every project under the paths. Throws `UsageError` when a
    /// path is missing or a file unreadable; every problem inside a file is a finding.
    public static func check(_ options: CheckOptions) throws -> CheckResult {
        try options.selection.validate(against: options.catalog)
        let engine = RuleEngine(rules: options.catalog.rules.filter { options.selection.includes(rule: $0.id, category: $0.category) })
        let locations = try Discovery.projects(in: options.paths)
        var projects: [(path: String, name: String?)] = []
        var findings: [ReportedFinding] = []
        var inputs: [String] = []
        for location in locations {
            let project = try Project.load(location, asOf: options.asOf, limits: options.limits)
            projects.append((location.path, project.name))
            inputs.append(location.plan)
            if let log = location.log { inputs.append(log) }
            let projectKey = normalized(location.path)
            let found = project.findings.filter { options.selection.includes(rule: $0.rule, category: $0.category) }
                + engine.findings(for: project, asOf: options.asOf)
            for finding in found {
                findings.append(ReportedFinding(
                    finding: finding, project: location.path,
                    fingerprint: fingerprint(rule: finding.rule, project: projectKey, identity: finding.identity)))
            }
        }
        findings.sort { a, b in
            (a.finding.file, a.finding.span.start.line, a.finding.span.start.column, a.finding.rule)
                < (b.finding.file, b.finding.span.start.line, b.finding.span.start.column, b.finding.rule)
        }
        return CheckResult(asOf: options.asOf, projects: projects, findings: findings, inputFiles: inputs)
    }

    /// The project path without `./` noise, so fingerprints do not depend on how it was typed.
    static func normalized(_ path: String) -> String {
        let standardized = (path as NSString).standardizingPath
        return standardized.hasPrefix("./") ? String(standardized.dropFirst(2)) : standardized
    }
}
