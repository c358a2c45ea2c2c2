/// `pmlint due` as text, JSON, Markdown or an iCalendar file of to-dos.
public enum DueReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, markdown, ics
    }

    struct Entry {
        var project: ProjectReport
        var item: DueItem
    }

    /// Every project's items, soonest first; items late from before the horizon first of all.
    static func entries(_ projects: [ProjectReport]) -> [Entry] {
        projects.flatMap { project in project.due.map { Entry(project: project, item: $0) } }.sorted { a, b in
            let left = (a.item.due?.ordinal ?? Int.min, a.project.key, a.item.finding.finding.file,
                        a.item.finding.finding.span.start.line, a.item.finding.finding.rule)
            let right = (b.item.due?.ordinal ?? Int.min, b.project.key, b.item.finding.finding.file,
                         b.item.finding.finding.span.start.line, b.item.finding.finding.rule)
            return left < right
        }
    }

    public static func render(_ projects: [ProjectReport], run: RunInfo, within days: Int, format: Format,
                              language: Language) -> String {
        let entries = entries(projects)
        switch format {
        case .text: return Escaping.workflowCommands(text(entries, run: run, within: days, projects: projects.count, language))
        case .json: return json(entries, run: run, within: days, language)
        case .markdown: return Escaping.workflowCommands(markdown(entries, run: run, within: days, language))
        case .ics: return ICalendar.todos(entries, run: run, language)
        }
    }

    /// "today", "in 3 days", "2 days late"; "late for more than 14 days" before the horizon.
    static func when(_ item: DueItem, within days: Int, _ language: Language) -> String {
        guard let left = item.daysLeft else {
            return language == .zh ? "已逾期超过 \(days) 天" : "late for more than \(days) days"
        }
        switch (left, language) {
        case (0, .en): return "today"
        case (0, .zh): return "今天"
        case (1, .en): return "tomorrow"
        case (1, .zh): return "明天"
        case (let left, .en) where left > 0: return "in \(left) days"
        case (let left, .zh) where left > 0: return "还有 \(left) 天"
        case (-1, .en): return "1 day late"
        case (let left, .en): return "\(-left) days late"
        case (let left, .zh): return "已逾期 \(-left) 天"
        }
    }

    static func summary(_ rule: String, run: RunInfo, _ language: Language) -> String {
        run.rules.first { $0.id == rule }?.summary[language] ?? rule
    }

    private static func text(_ entries: [Entry], run: RunInfo, within days: Int, projects: Int, _ language: Language) -> String {
        var out = ""
        for entry in entries {
            let finding = entry.item.finding.finding
            let date = entry.item.due.map { "\($0)" } ?? (language == .zh ? "此前" : "before")
            out += "\(Escaping.controls(finding.file)):\(finding.span.start.line):\(finding.span.start.column): "
            out += language == .zh
                ? "截止 \(date)（\(when(entry.item, within: days, language))）[\(finding.rule)]：\(Escaping.controls(summary(finding.rule, run: run, language)))\n"
                : "due \(date) (\(when(entry.item, within: days, language))) [\(finding.rule)]: \(Escaping.controls(summary(finding.rule, run: run, language)))\n"
            let message = Escaping.controls(finding.message[language])
            if entry.item.isLate {
                out += language == .zh ? "  已报告：\(message)\n" : "  reported: \(message)\n"
            } else {
                out += language == .zh ? "  若届时未完成，将报告：\(message)\n" : "  if not done by then: \(message)\n"
            }
            if let fix = finding.fix?[language] {
                out += (language == .zh ? "  要做：" : "  to do: ") + Escaping.controls(fix).replacingAll("\n", with: "\n         ") + "\n"
            }
        }
        let count = entries.count
        let late = entries.filter(\.item.isLate).count
        if language == .zh {
            out += "\(run.asOf) 起 \(days) 天内到期 \(count - late) 项" + (late > 0 ? "，已逾期 \(late) 项" : "") + "（\(projects) 个项目）\n"
        } else {
            out += "\(count - late) item\(count - late == 1 ? "" : "s") due within \(days) days of \(run.asOf)"
                + (late > 0 ? ", \(late) late" : "") + " in \(projects) project\(projects == 1 ? "" : "s")\n"
        }
        return out
    }

    private static func json(_ entries: [Entry], run: RunInfo, within days: Int, _ language: Language) -> String {
        let items: [JSON] = entries.map { entry in
            let finding = entry.item.finding.finding
            return .object([
                ("project", .string(entry.project.path)),
                ("project_name", entry.project.name.map(JSON.string) ?? .null),
                ("rule", .string(finding.rule)),
                ("category", .string(finding.category)),
                ("severity", .string(finding.severity.rawValue)),
                ("due", entry.item.due.map { .string($0.description) } ?? .null),
                ("days_left", entry.item.daysLeft.map(JSON.int) ?? .null),
                ("summary", .string(summary(finding.rule, run: run, language))),
                ("message", .string(finding.message[language])),
                ("fix", finding.fix.map { .string($0[language]) } ?? .null),
                ("file", .string(finding.file)),
                ("line", .int(finding.span.start.line)),
                ("column", .int(finding.span.start.column)),
                ("fingerprint", .string(entry.item.finding.fingerprint)),
            ])
        }
        return JSON.object([
            ("version", .int(1)),
            ("tool", .tool),
            ("as_of", .string(run.asOf.description)),
            ("within_days", .int(days)),
            ("items", .array(items)),
        ]).rendered() + "\n"
    }

    private static func markdown(_ entries: [Entry], run: RunInfo, within days: Int, _ language: Language) -> String {
        let zh = language == .zh
        var out = zh ? "# \(run.asOf) 起 \(days) 天内到期\n\n" : "# Due within \(days) days of \(run.asOf)\n\n"
        guard !entries.isEmpty else { return out + (zh ? "没有到期的事项。\n" : "Nothing falls due.\n") }
        out += zh ? "| 截止 | 剩余 | 项目 | 事项 | 若未完成 | 要做 |\n| --- | --- | --- | --- | --- | --- |\n"
                  : "| Due | When | Project | What | If not done | To do |\n| --- | --- | --- | --- | --- | --- |\n"
        for entry in entries {
            let finding = entry.item.finding.finding
            let cells = [
                entry.item.due?.description ?? "—",
                when(entry.item, within: days, language),
                (entry.project.name ?? entry.project.path).replacingAll("\n", with: " "),
                finding.message[language].replacingAll("\n", with: " "),
                finding.fix?[language].replacingAll("\n", with: " ") ?? "",
            ].map(Escaping.markdown)
            // The rule id as code, beside its escaped summary.
            let what = "`\(finding.rule)` " + Escaping.markdown(summary(finding.rule, run: run, language))
            out += "| " + (cells[..<3] + [what] + cells[3...]).joined(separator: " | ") + " |\n"
        }
        return out
    }
}
