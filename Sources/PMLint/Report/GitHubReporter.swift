/// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
public struct GitHubReporter: ReportWriter, Sendable {
    public var language: Language

    public init(language: Language) {
        self.language = language
    }

    public func start(_ run: RunInfo) -> String { "" }

    public func add(_ project: ProjectReport) -> String { lines(project.findings) }

    public func finish(_ summary: CheckSummary) -> String { lines(summary.stale) }

    private func lines(_ findings: [ReportedFinding]) -> String {
        var out = ""
        for reported in findings {
            let finding = reported.finding
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            var message = finding.message[language]
            if let fix = finding.fix { message += "\n" + (language == .zh ? "建议：" : "fix: ") + fix[language] }
            let properties = [
                ("file", finding.file),
                ("line", String(finding.span.start.line)),
                ("col", String(finding.span.start.column)),
                ("endLine", String(finding.span.end.line)),
                ("endColumn", String(finding.span.end.column)),
                ("title", "pmlint \(finding.rule)"),
            ].map { "\($0)=\(escapeProperty($1))" }.joined(separator: ",")
            out += "::\(command) \(properties)::\(escapeData(message))\n"
        }
        return out
    }

    /// The escaping GitHub's runner expects in a command's message; other control characters
    /// are written as visible escapes.
    func escapeData(_ text: String) -> String {
        Escaping.controls(text).replacingAll("%", with: "%25")
            .replacingAll("\r", with: "%0D")
            .replacingAll("\n", with: "%0A")
    }

    /// And in a property value, where `:` and `,` separate.
    func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
