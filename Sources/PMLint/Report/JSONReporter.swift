/// The stable JSON report, version 1 (DESIGN.md). Findings are written as projects arrive; the
/// list of projects and the summary follow them.
public struct JSONReporter: ReportWriter, Sendable {
    public var language: Language
    private var findings = JSONArrayStream()
    private var asOf = ""
    private var projects: [(path: String, name: String?)] = []

    public init(language: Language) {
        self.language = language
    }

    public mutating func start(_ run: RunInfo) -> String {
        asOf = run.asOf.description
        return findings.head(of: document(summary: nil))
    }

    public mutating func add(_ project: ProjectReport) -> String {
        projects.append((project.path, project.name))
        return project.findings.map { findings.element(json($0)) }.joined()
    }

    public mutating func finish(_ summary: CheckSummary) -> String {
        summary.stale.map { findings.element(json($0)) }.joined() + findings.tail(of: document(summary: summary)) + "\n"
    }

    private func document(summary: CheckSummary?) -> JSON {
        .object([
            ("version", .int(1)),
            ("tool", .tool),
            ("as_of", .string(asOf)),
            ("findings", JSONArrayStream.placeholder),
            ("projects", .array(projects.map { .object([("path", .string($0.path)), ("name", $0.name.map { .string($0) } ?? .null)]) })),
            ("summary", .object(Severity.allCases.reversed().map { ($0.rawValue, .int(summary?.count($0) ?? 0)) }
                + [("suppressed", .int(summary?.suppressed ?? 0)), ("baselined", .int(summary?.baselined ?? 0))])),
        ])
    }

    private func json(_ reported: ReportedFinding) -> JSON {
        let finding = reported.finding
        return .object([
            ("rule", .string(finding.rule)),
            ("severity", .string(finding.severity.rawValue)),
            ("category", .string(finding.category)),
            ("message", .string(finding.message[language])),
            ("fix", finding.fix.map { .string($0[language]) } ?? .null),
            ("project", .string(reported.project)),
            ("file", .string(finding.file)),
            ("line", .int(finding.span.start.line)),
            ("column", .int(finding.span.start.column)),
            ("end_line", .int(finding.span.end.line)),
            ("end_column", .int(finding.span.end.column)),
            ("path", .string(finding.path)),
            ("fingerprint", .string(reported.fingerprint)),
        ])
    }
}
