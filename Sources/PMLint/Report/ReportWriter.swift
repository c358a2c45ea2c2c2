/// A report written while a check runs: its head once the run is known, a part for each project
/// as its report arrives, and its end with the summary. Each returns the text to write next.
public protocol ReportWriter {
    mutating func start(_ run: RunInfo) -> String
    mutating func add(_ project: ProjectReport) -> String
    mutating func finish(_ summary: CheckSummary) -> String
}

extension ReportWriter {
    /// The whole report of a check held at once.
    public func render(_ result: CheckResult) -> String {
        var writer = self
        var out = writer.start(result.run)
        for project in result.projects { out += writer.add(project) }
        return out + writer.finish(result.summary)
    }
}

/// What a format that is written whole keeps until the end: the run and every project's report.
public struct HeldProjects: Sendable {
    var run: RunInfo?
    var projects: [ProjectReport] = []

    public init() {}
}

/// A format whose first lines count every project's findings (JUnit, Markdown): it keeps the
/// project reports and is written whole at the end.
public protocol WholeReport: ReportWriter {
    var held: HeldProjects { get set }
    func whole(_ result: CheckResult) -> String
}

extension WholeReport {
    public mutating func start(_ run: RunInfo) -> String {
        held.run = run
        return ""
    }

    public mutating func add(_ project: ProjectReport) -> String {
        held.projects.append(project)
        return ""
    }

    public func finish(_ summary: CheckSummary) -> String {
        held.run.map { whole(CheckResult(run: $0, projects: held.projects, summary: summary)) } ?? ""
    }
}
