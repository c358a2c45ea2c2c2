/// Markdown for a pull-request comment: a summary line and a table per project.
public struct MarkdownReporter: WholeReport, Sendable {
    public var language: Language

    public var held = HeldProjects()

    public init(language: Language) {
        self.language = language
    }

    public func whole(_ result: CheckResult) -> String {
        let zh = language == .zh
        var out = zh ? "## pmlint 检查结果\n\n" : "## pmlint\n\n"
        out += TextReporter(language: language, color: false).summary(result.summary) + (zh ? "（检查日期 \(result.asOf)）\n" : " (as of \(result.asOf))\n")
        for project in result.projects {
            let findings = result.findings(in: project.path)
            out += "\n### \(cell(project.name ?? project.path)) — \(cell(project.path))\n\n"
            guard !findings.isEmpty else {
                out += zh ? "没有发现问题。\n" : "No findings.\n"
                continue
            }
            out += zh ? "| 级别 | 规则 | 位置 | 问题 | 修复 |\n" : "| Severity | Rule | Location | Message | Fix |\n"
            out += "| --- | --- | --- | --- | --- |\n"
            for reported in findings {
                let finding = reported.finding
                let icon: String
                switch finding.severity {
                case .error: icon = "🔴"
                case .warning: icon = "🟠"
                case .info: icon = "🔵"
                }
                out += "| \(icon) \(finding.severity.rawValue) | `\(finding.rule)` | \(cell(finding.file)):\(finding.span.start.line) | "
                out += "\(cell(finding.message[language])) | \(cell(finding.fix?[language] ?? "")) |\n"
            }
        }
        return out
    }

    /// One table cell: the text escaped for Markdown (it renders nothing: no HTML, no link, no
    /// mention), its lines joined by <br> with their indentation kept (a fix's YAML).
    private func cell(_ text: String) -> String {
        Escaping.markdown(text).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let indent = line.prefix { $0 == " " }
            return String(repeating: "&nbsp;", count: indent.count) + line.dropFirst(indent.count)
        }.joined(separator: "<br>")
    }
}
