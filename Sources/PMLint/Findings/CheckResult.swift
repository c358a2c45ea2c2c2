/// What a report says about a rule that ran.
public struct RuleInfo: Sendable {
    public var id: String
    public var category: String
    public var severity: Severity
    public var summary: LocalizedText
    public var rationale: LocalizedText?
    public var source: String?
}

/// What is known of a check before any project is read: the date and every rule that runs.
public struct RunInfo: Sendable {
    public var asOf: Day
    /// Every rule that runs, pmlint's own diagnostics included, by id.
    public var rules: [RuleInfo]
    /// The files read before any project (configurations, the baseline); each project's report
    /// names its own. No report is ever written over one of them.
    public var inputFiles: [String]
}

/// The counts a check ends with, added up as project reports pass.
public struct CheckSummary: Sendable {
    public var projects = 0
    public var errors = 0
    public var warnings = 0
    public var infos = 0
    public var suppressed = 0
    public var baselined = 0
    /// Baselined findings that no longer occur, reported once every project is checked.
    public var stale: [ReportedFinding] = []

    func count(_ severity: Severity) -> Int {
        switch severity {
        case .error: return errors
        case .warning: return warnings
        case .info: return infos
        }
    }

    /// The most severe finding reported, if any.
    public var worst: Severity? { Severity.allCases.reversed().first { count($0) > 0 } }

    /// 1 when a finding is at or above `failOn` (nil: never fail), else 0.
    public func exitCode(failOn: Severity?) -> Int32 {
        guard let failOn, let worst else { return 0 }
        return worst >= failOn ? 1 : 0
    }

    mutating func add(_ findings: [ReportedFinding]) {
        for reported in findings {
            switch reported.finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }
}

/// A whole check held at once: the run, every project's report and the summary. For callers
/// that want everything together (tests, a library user); `pmlint check` streams instead.
public struct CheckResult: Sendable {
    public var run: RunInfo
    public var projects: [ProjectReport]
    public var summary: CheckSummary

    public var asOf: Day { run.asOf }
    public var rules: [RuleInfo] { run.rules }
    /// Every file read: configurations, the baseline, and each project's files.
    public var inputFiles: [String] { run.inputFiles + projects.flatMap(\.files) }
    /// Every finding reported, in report order (the baseline's stale entries last).
    public var findings: [ReportedFinding] { projects.flatMap(\.findings) + summary.stale }
    public var suppressed: [ReportedFinding] { projects.flatMap(\.suppressed) }
    public var baselined: Int { summary.baselined }
    func count(_ severity: Severity) -> Int { summary.count(severity) }
    public func exitCode(failOn: Severity?) -> Int32 { summary.exitCode(failOn: failOn) }
    func findings(in project: String) -> [ReportedFinding] { findings.filter { $0.project == project } }
}
