/// `file:line:col: severity[rule]: message`, the source line with an underline, the fix, and a
/// summary line: the compiler style people already know how to read.
public struct TextReporter: ReportWriter, Sendable {
    public var language: Language
    var color: Bool
    /// Prints each finding's rationale under it (`--explain`).
    var explain: Bool
    private var rationales: [String: LocalizedText] = [:]

    public init(language: Language, color: Bool, explain: Bool = false) {
        self.language = language
        self.color = color
        self.explain = explain
    }

    public mutating func start(_ run: RunInfo) -> String {
        if explain {
            for rule in run.rules { rationales[rule.id] = rule.rationale }
        }
        return ""
    }

    public func add(_ project: ProjectReport) -> String {
        Escaping.workflowCommands(project.findings.map(text).joined())
    }

    public func finish(_ summary: CheckSummary) -> String {
        Escaping.workflowCommands(summary.stale.map(text).joined()) + self.summary(summary) + "\n"
    }

    private func text(_ reported: ReportedFinding) -> String {
        var out = ""
        let finding = reported.finding
        let start = finding.span.start
        // What comes from users' files (paths, messages quoting values, source lines, fixes)
        // has its control characters escaped before any colour is added.
        out += paint("\(Escaping.controls(finding.file)):\(start.line):\(start.column):", .bold)
        out += " " + paint(finding.severity.rawValue, severityStyle(finding.severity))
        out += paint("[\(finding.rule)]", .bold) + ": " + Escaping.controls(finding.message[language]) + "\n"
        if let snippet = reported.snippet {
            let number = String(start.line)
            let gutter = String(repeating: " ", count: number.count)
            out += paint(" \(number) | ", .blue) + Escaping.controls(snippet.lineText) + "\n"
            out += paint(" \(gutter) | ", .blue) + snippet.padding
            out += paint("^" + String(repeating: "~", count: snippet.underlineWidth - 1), severityStyle(finding.severity)) + "\n"
        }
        if let fix = finding.fix {
            let text = Escaping.controls(fix[language]).replacingAll("\n", with: "\n       ")
            // Chinese takes its label with a full-width colon and no space after it.
            out += "  " + (language == .zh ? paint("建议：", .green) : paint("fix:", .green) + " ") + text + "\n"
        }
        if let why = rationales[finding.rule] {
            out += "  " + (language == .zh ? paint("原因：", .blue) : paint("why:", .blue) + " ") + Escaping.controls(why[language]).replacingAll("\n", with: "\n       ") + "\n"
        }
        return out + "\n"
    }

    func summary(_ result: CheckSummary) -> String {
        var hidden: [String] = []
        if result.suppressed > 0 { hidden.append(language == .zh ? "\(result.suppressed) 个已屏蔽" : "\(result.suppressed) suppressed") }
        if result.baselined > 0 { hidden.append(language == .zh ? "\(result.baselined) 个在基线中" : "\(result.baselined) in the baseline") }
        let note = hidden.isEmpty ? "" : (language == .zh ? "（另有 " + hidden.joined(separator: "，") + "）" : " (" + hidden.joined(separator: ", ") + ")")
        return counts(result) + note
    }

    private func counts(_ result: CheckSummary) -> String {
        let projects = result.projects
        let counts = Severity.allCases.reversed().map { ($0, result.count($0)) }.filter { $0.1 > 0 }
        switch language {
        case .en:
            let inProjects = "in \(projects) project\(projects == 1 ? "" : "s")"
            guard !counts.isEmpty else { return "no problems found \(inProjects)" }
            let parts = counts.map { severity, count in
                severity == .info ? "\(count) info" : "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
            }
            return parts.joined(separator: ", ") + " " + inProjects
        case .zh:
            guard !counts.isEmpty else { return "\(projects) 个项目中没有发现问题" }
            let names: [Severity: String] = [.error: "错误", .warning: "警告", .info: "提示"]
            return "\(projects) 个项目中发现 " + counts.map { "\($0.1) 个\(names[$0.0] ?? "")" }.joined(separator: "，")
        }
    }

    enum Style: String {
        case bold = "1", red = "1;31", yellow = "1;33", blue = "1;34", green = "1;32", cyan = "1;36"
    }

    private func severityStyle(_ severity: Severity) -> Style {
        switch severity {
        case .error: return .red
        case .warning: return .yellow
        case .info: return .cyan
        }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
