/// The stable JSON report, version 1 (DESIGN.md).
public struct JSONReporter: Sendable {
    public static let toolVersion = "0.1.0"
    public var language: Language

    public init(language: Language) {
        self.language = language
    }

    public func render(_ result: CheckResult) -> String {
        let findings: [JSON] = result.findings.map { reported in
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
        let report = JSON.object([
            ("version", .int(1)),
            ("tool", .object([("name", .string("pmlint")), ("version", .string(JSONReporter.toolVersion))])),
            ("as_of", .string(result.asOf.description)),
            ("projects", .array(result.projects.map { .object([("path", .string($0.path)), ("name", $0.name.map { .string($0) } ?? .null)]) })),
            ("findings", .array(findings)),
            ("summary", .object(Severity.allCases.reversed().map { ($0.rawValue, .int(result.count($0))) }
                + [("suppressed", .int(result.suppressed.count)), ("baselined", .int(result.baselined))])),
        ])
        return report.rendered() + "\n"
    }
}
