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
