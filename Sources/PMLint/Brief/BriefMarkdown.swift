/// The brief as Markdown, to read in a terminal or paste into a meeting note.
public enum BriefMarkdown {
    public static func render(_ briefs: [Brief], language: Language) -> String {
        guard briefs.count > 1 else { return briefs.map { render($0, language: language) }.joined() }
        // Many projects: the portfolio first, then each brief under an anchor its row links to.
        return Escaping.workflowCommands(Portfolio.markdown(briefs, language: language)) + "\n---\n\n"
            + briefs.map { "<a id=\"\($0.anchor)\"></a>\n\n" + render($0, language: language) }.joined(separator: "\n---\n\n")
    }

    public static func render(_ brief: Brief, language: Language) -> String {
        let t = BriefText(language: language)
        // Everything taken from the project's files is escaped: it shows as written and renders nothing.
        let e = { (text: String) in Escaping.markdown(text).replacingAll("\n", with: " ") }
        var out = "# \(t.title)\(t.colon)\(e(brief.name))" + (brief.client.isEmpty ? "" : t.parenthesized(e(brief.client))) + "\n\n"
        out += "\(t.asOf(brief)) · \(e(brief.path))" + (brief.reportedHealth.map { " · " + t.reported(e($0)) } ?? "") + "\n\n"
        // What to do first, first; the details after; the health table last but one.
        out += "## \(t.first)\n\n"
        for (number, item) in brief.agenda.prefix(3).enumerated() { out += "\(number + 1). **\(e(item[language]))**\n" }
        out += "\n## \(t.agenda)\n\n"
        for (number, item) in brief.agenda.enumerated() { out += "\(number + 1). \(e(item[language]))\n" }
        for section in t.sections {
            out += "\n## \(section.title)\n\n"
            let lines = brief[keyPath: section.key]
            if lines.isEmpty { out += section.empty + "\n" }
            for line in lines { out += "- **\(e(line.text))** — \(e(line.detail[language]))\n" }
        }
        out += "\n## \(t.promisesTitle)" + (brief.lastReport.map { t.parenthesized($0.description) } ?? "") + "\n\n"
        if brief.lastReport == nil { out += t.noReport + "\n" }
        for promise in brief.promises {
            out += "- [\(promise.doneOn == nil ? " " : "x")] \(e(promise.text)) — \(promise.doneOn.map(t.doneOn) ?? t.notYet)\n"
        }
        if !brief.helpNeeded.isEmpty {
            out += "\n\(t.helpNeeded)\(t.colon)\n" + brief.helpNeeded.map { "- \(e($0))\n" }.joined()
        }
        out += "\n## \(t.upcoming)\n\n"
        if brief.upcoming.isEmpty { out += t.noUpcoming + "\n" }
        for line in brief.upcoming { out += "- **\(e(line.text))** — \(e(line.detail[language]))\n" }
        out += "\n## \(t.dueTitle)\n\n"
        if brief.due.isEmpty { out += t.noDue + "\n" }
        for item in brief.due {
            let due = t.due(item)
            out += "- **\(e(due.when))** — \(e(due.what))\n"
        }
        out += "\n## \(t.health)\n\n| " + t.columns.joined(separator: " | ") + " |\n| --- | --- | ---: | ---: | ---: |\n"
        for area in brief.health {
            let icon = area.status == .red ? "🔴" : area.status == .amber ? "🟠" : "🟢"
            out += "| \(t.area(area.category)) | \(icon) \(t.status(area.status)) | \(area.errors) | \(area.warnings) | \(area.infos) |\n"
        }
        out += "\n\(t.scoring)\n"
        if !brief.coaching.isEmpty {
            out += "\n## \(t.coaching)\n\n" + brief.coaching.map { "- \($0[language])\n" }.joined()
        }
        return Escaping.workflowCommands(out)
    }
}
