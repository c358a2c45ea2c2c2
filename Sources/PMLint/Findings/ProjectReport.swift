/// A finding placed in its project, as every report shows it: plain values only, nothing that
/// reaches back into the project it came from.
public struct ReportedFinding: Sendable {
    public var finding: Finding
    public var project: String
    /// The finding's file relative to the repository root, however it was named on the
    /// command line (what SARIF's URIs and GitHub's mapping to files need).
    public var repositoryPath: String
    public var fingerprint: String
    /// Why it is hidden, for a suppressed finding.
    public var suppression: String? = nil
    /// The source line under the finding, for reports that show it.
    public var snippet: SourceSnippet? = nil
}

/// What one project's pipeline hands on once the project is read, checked and released: its
/// name, the files read, and its findings (with their texts, fingerprints, snippets and
/// suppression results), sorted by file, line, column and rule.
public struct ProjectReport: Sendable {
    public var path: String
    /// Where the project is in its repository (`examples/acme`), however `path` was spelled:
    /// what fingerprints and baselines name it by.
    public var key: String = ""
    public var name: String?
    /// The files read for the project.
    public var files: [String]
    public var findings: [ReportedFinding]
    /// Findings hidden by a suppression with a reason (SARIF reports them as suppressed).
    public var suppressed: [ReportedFinding]
    /// Findings hidden because the baseline records them.
    public var baselined = 0
    /// The pre-meeting brief, when the check was asked for it.
    public var brief: Brief?
    /// What falls due soon (`due`, the brief), soonest first, when the check was asked for it.
    public var due: [DueItem] = []
    /// The findings at every step of the project's life (`trend`), when asked for.
    public var trend: Trend?

    /// The order every report lists findings in.
    static func precedes(_ a: ReportedFinding, _ b: ReportedFinding) -> Bool {
        (a.finding.file, a.finding.span.start.line, a.finding.span.start.column, a.finding.rule)
            < (b.finding.file, b.finding.span.start.line, b.finding.span.start.column, b.finding.rule)
    }
}
