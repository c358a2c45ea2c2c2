/// The PMO's one page: a row per project, worst first, with its health per area, its counts,
/// what to raise first, what falls due this week and its recent trend, each linked to the
/// project's own brief further down.
enum Portfolio {
    /// Worst first: red before amber before green, then more errors, then more warnings.
    static func ordered(_ briefs: [Brief]) -> [Brief] {
        func rank(_ status: Brief.Status) -> Int { status == .red ? 0 : status == .amber ? 1 : 2 }
        func key(_ brief: Brief) -> (Int, Int, Int, String) {
            let counts = brief.health.counts
            return (rank(brief.status), -counts.errors, -counts.warnings, brief.name)
        }
        return briefs.sorted { key($0) < key($1) }
    }

    /// The areas at a status, by name: "scope, status".
    static func areas(_ brief: Brief, _ status: Brief.Status, _ t: BriefText) -> String {
        brief.health.filter { $0.status == status }.map { t.area($0.category) }.joined(separator: t(", ", "、"))
    }

    /// The findings at each of the last steps as block characters: ▁ few … █ many.
    static func sparkline(_ brief: Brief) -> String {
        let values = brief.trend.map(\.findings)
        guard let highest = values.max(), highest > 0 else { return String(repeating: "▁", count: values.count) }
        let blocks = Array("▁▂▃▄▅▆▇█")
        return String(values.map { blocks[min(blocks.count - 1, $0 * (blocks.count - 1) / highest)] })
    }

    static func dueThisWeek(_ brief: Brief, _ t: BriefText) -> String {
        guard let first = brief.due.first else { return "—" }
        return "\(brief.due.count)" + t.parenthesized(t("first ", "最早 ") + (first.due?.description ?? ""))
    }

    static func heading(_ briefs: [Brief], _ t: BriefText) -> (title: String, summary: String) {
        let statuses = briefs.map(\.status)
        let red = statuses.filter { $0 == .red }.count, amber = statuses.filter { $0 == .amber }.count
        let green = statuses.count - red - amber
        let asOf = briefs.first.map { t.asOf($0) } ?? ""
        return (t("Portfolio", "项目组合"),
                t("\(briefs.count) projects, \(asOf): \(red) red, \(amber) amber, \(green) green. Worst first; each name links to the project's brief below.",
                  "共 \(briefs.count) 个项目，\(asOf)：红色 \(red) 个，黄色 \(amber) 个，绿色 \(green) 个。最差的排在最前；点击项目名称可跳到下面该项目的简报。"))
    }

    static func columns(_ t: BriefText) -> [String] {
        [t("Project", "项目"), t("Health", "健康度"), t("Red areas", "红色方面"), t("Amber areas", "黄色方面"),
         t("Errors", "错误"), t("Warnings", "警告"), t("Info", "提示"), t("Raise first", "首先要提"),
         t("Due this week", "本周到期"), t("Trend", "趋势")]
    }

    static func markdown(_ briefs: [Brief], language: Language) -> String {
        let t = BriefText(language: language)
        let e = { (text: String) in Escaping.markdown(text).replacingAll("\n", with: " ") }
        let (title, summary) = heading(briefs, t)
        var out = "# \(title)\n\n\(summary)\n\n| " + columns(t).joined(separator: " | ") + " |\n"
        out += "| --- | --- | --- | --- | ---: | ---: | ---: | --- | --- | --- |\n"
        for brief in ordered(briefs) {
            let counts = brief.health.counts
            let cells = [
                "[\(e(brief.name))](#\(brief.anchor))", t.status(brief.status), e(areas(brief, .red, t)), e(areas(brief, .amber, t)),
                "\(counts.errors)", "\(counts.warnings)", "\(counts.infos)", e(brief.agenda.first?[language] ?? ""),
                dueThisWeek(brief, t), sparkline(brief),
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func html(_ briefs: [Brief], language: Language) -> String {
        let t = BriefText(language: language)
        let (title, summary) = heading(briefs, t)
        var out = "<section class=\"portfolio\">\n<h1>\(xml(title))</h1>\n<p class=\"meta\">\(xml(summary))</p>\n"
        out += "<div class=\"wide\"><table>\n<thead><tr>" + columns(t).map { "<th>\(xml($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for brief in ordered(briefs) {
            let counts = brief.health.counts
            out += "<tr><td><a href=\"#\(brief.anchor)\">\(xml(brief.name))</a></td>"
            out += "<td><span class=\"badge \(brief.status.rawValue)\">\(xml(t.status(brief.status)))</span></td>"
            out += "<td>\(xml(areas(brief, .red, t)))</td><td>\(xml(areas(brief, .amber, t)))</td>"
            out += "<td class=\"n\">\(counts.errors)</td><td class=\"n\">\(counts.warnings)</td><td class=\"n\">\(counts.infos)</td>"
            out += "<td>\(xml(brief.agenda.first?[language] ?? ""))</td><td class=\"nowrap\">\(xml(dueThisWeek(brief, t)))</td>"
            out += "<td>\(trendLine(brief))</td></tr>\n"
        }
        return out + "</tbody>\n</table></div>\n</section>\n"
    }

    /// A small line of the findings at the last steps.
    static func trendLine(_ brief: Brief) -> String {
        let values = brief.trend.map(\.findings)
        guard values.count > 1 else { return "" }
        let highest = max(1, values.max() ?? 1)
        let points = values.enumerated().map { index, value in
            "\(index * 80 / (values.count - 1)),\(18 - value * 16 / highest)"
        }
        return "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 80 20\" width=\"80\" height=\"20\">"
            + "<title>\(values.map(String.init).joined(separator: " → "))</title>"
            + "<polyline fill=\"none\" stroke=\"#57606a\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/></svg>"
    }
}
