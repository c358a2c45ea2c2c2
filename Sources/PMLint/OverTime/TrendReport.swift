/// `pmlint trend`: each project's findings per area at every step of its life, as a table
/// (text, Markdown), JSON, or a self-contained HTML page with an SVG chart.
public enum TrendReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, json, html
    }

    public static func render(_ projects: [ProjectReport], run: RunInfo, every step: Duration, history: TrendHistory,
                              format: Format, language: Language) -> String {
        let trends = projects.compactMap { project in project.trend.map { (project, $0) } }
        switch format {
        case .text: return Escaping.forLog(trends.map { text($0.0, $0.1, history: history, language) }.joined(separator: "\n"))
        case .markdown: return Escaping.workflowCommands(trends.map { markdown($0.0, $0.1, history: history, language) }.joined(separator: "\n"))
        case .json: return json(trends, run: run, every: step, history: history)
        case .html: return html(trends, run: run, history: history, language)
        }
    }

    /// The areas with a finding at some step, in the brief's order.
    static func areas(_ trend: Trend) -> [String] {
        var order: [String] = []
        for point in trend.points {
            for health in point.health where count(health) > 0 && !order.contains(health.category) { order.append(health.category) }
        }
        // The brief's order of areas, a team's own categories after them.
        return order.sorted { (Brief.categories.firstIndex(of: $0) ?? Int.max, $0) < (Brief.categories.firstIndex(of: $1) ?? Int.max, $1) }
    }


    static func count(_ health: Brief.Health) -> Int { health.errors + health.warnings + health.infos }

    static func historyNote(_ history: TrendHistory, _ t: BriefText) -> String {
        switch history {
        case .git: return t("Each step reads the plan and log as committed on that date.", "每一步读取该日期时已提交的计划和日志。")
        case .files: return t("Each step reads today's plan and log: an entry logged late counts from its date, and later edits to the plan show in earlier steps (--history git reads each step as committed).",
                              "每一步都读取当前的计划和日志：补记的条目按其日期计入，之后对计划的修改也会出现在较早的步骤中（--history git 按当时提交的版本读取）。")
        }
    }

    private static func title(_ project: ProjectReport, _ t: BriefText) -> String {
        t("Trend: ", "趋势：") + (project.name ?? project.path)
    }

    private static func text(_ project: ProjectReport, _ trend: Trend, history: TrendHistory, _ language: Language) -> String {
        let t = BriefText(language: language)
        let areas = areas(trend)
        var rows = [[t("step", "日期")] + areas.map(t.area) + [t("health", "健康度")]]
        for point in trend.points {
            let cells = areas.map { area in point.health.first { $0.category == area }.map { count($0) == 0 ? "." : String(count($0)) } ?? "." }
            rows.append([point.day.description] + (point.missing ? areas.map { _ in "-" } : cells)
                        + [point.missing ? t("(no plan yet)", "（尚无计划）") : t.status(point.health.status)])
        }
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { columns($0[column]) }.max() ?? 0 }
        // The whole text is escaped by `render`.
        var out = "\(title(project, t)) (\(project.path))\n"
        for row in rows {
            out += row.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - columns(cell))
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        return out + historyNote(history, t) + "\n"
    }

    private static func markdown(_ project: ProjectReport, _ trend: Trend, history: TrendHistory, _ language: Language) -> String {
        let t = BriefText(language: language)
        let areas = areas(trend)
        var out = "# \(Escaping.markdown(title(project, t)).replacingAll("\n", with: " "))\n\n"
        out += "| " + ([t("Step", "日期")] + areas.map(t.area) + [t("Health", "健康度")]).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: areas.count + 2) + "\n"
        for point in trend.points {
            let cells = areas.map { area in String(point.health.first { $0.category == area }.map(count) ?? 0) }
            out += "| \(point.day) | " + (point.missing ? areas.map { _ in "–" } : cells).joined(separator: " | ")
                + " | \(point.missing ? t("no plan yet", "尚无计划") : t.status(point.health.status)) |\n"
        }
        return out + "\n" + historyNote(history, t) + "\n"
    }

    private static func json(_ trends: [(ProjectReport, Trend)], run: RunInfo, every step: Duration, history: TrendHistory) -> String {
        JSON.object([
            ("version", .int(1)),
            ("tool", .tool),
            ("as_of", .string(run.asOf.description)),
            ("every", .string(step.description)),
            ("history", .string(history.rawValue)),
            ("projects", .array(trends.map { project, trend in
                .object([
                    ("path", .string(project.path)),
                    ("name", project.name.map(JSON.string) ?? .null),
                    ("milestones", .array(trend.milestones.map { .object([("due", .string($0.day.description)), ("name", .string($0.name))]) })),
                    ("steps", .array(trend.points.map { point in
                        .object([
                            ("date", .string(point.day.description)),
                            ("missing", .bool(point.missing)),
                            ("findings", .int(point.findings)),
                            ("health", point.missing ? .null : .string(point.health.status.rawValue)),
                            ("areas", .object(point.health.filter { count($0) > 0 }.map { health in
                                (health.category, .object([("errors", .int(health.errors)), ("warnings", .int(health.warnings)),
                                                           ("infos", .int(health.infos)), ("status", .string(health.status.rawValue))]))
                            })),
                        ])
                    })),
                ])
            })),
        ]).rendered() + "\n"
    }

    static let palette = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#1b7c83", "#bf3989", "#4d2d00",
                          "#6e7781", "#0550ae", "#953800", "#116329", "#a40e26"]

    private static func html(_ trends: [(ProjectReport, Trend)], run: RunInfo, history: TrendHistory, _ language: Language) -> String {
        let t = BriefText(language: language)
        var out = BriefHTML.pageStart(title: trends.count == 1 ? title(trends[0].0, t) : t("pmlint trend", "pmlint 趋势"), language: language)
        for (project, trend) in trends {
            out += "<section class=\"project\">\n<h1>\(xml(title(project, t)))</h1>\n"
            out += "<p class=\"meta\">\(xml(project.path)) · \(xml(t("as of \(run.asOf)", "截至 \(run.asOf)")))</p>\n"
            out += chart(trend, asOf: run.asOf, t)
            out += "<p class=\"note\">\(xml(historyNote(history, t)))</p>\n"
            let areas = areas(trend)
            out += "<div class=\"wide\"><table>\n<thead><tr><th>\(xml(t("Step", "日期")))</th>"
            out += areas.map { "<th>\(xml(t.area($0)))</th>" }.joined() + "<th>\(xml(t("Health", "健康度")))</th></tr></thead>\n<tbody>\n"
            for point in trend.points {
                out += "<tr><td class=\"day\">\(point.day)</td>"
                for area in areas {
                    let health = point.health.first { $0.category == area }
                    out += "<td class=\"n\">\(point.missing ? "–" : String(health.map(count) ?? 0))</td>"
                }
                let status = point.health.status
                out += point.missing ? "<td>\(xml(t("no plan yet", "尚无计划")))</td></tr>\n"
                    : "<td><span class=\"badge \(status.rawValue)\">\(xml(t.status(status)))</span></td></tr>\n"
            }
            out += "</tbody>\n</table></div>\n</section>\n"
        }
        return out + "</body>\n</html>\n"
    }

    /// Findings per area over time, one line per area; milestones as dashed lines, as-of as a
    /// solid one.
    static func chart(_ trend: Trend, asOf: Day, _ t: BriefText) -> String {
        guard let first = trend.points.first?.day, let last = trend.points.last?.day else { return "" }
        let areas = areas(trend)
        let width = 760.0, height = 300.0, left = 40.0, right = 150.0, top = 20.0, bottom = 40.0
        let span = Double(max(1, last.days(since: first)))
        let highest = max(1, trend.points.flatMap { $0.health.map(count) }.max() ?? 1)
        func x(_ day: Day) -> Double { left + (width - left - right) * Double(day.days(since: first)) / span }
        func y(_ value: Int) -> Double { height - bottom - (height - top - bottom) * Double(value) / Double(highest) }
        func number(_ value: Double) -> String { String(Int((value * 10).rounded())) .insertingDecimal() }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(xml(t("Findings per area over time", "各方面问题数随时间的变化")))\">\n"
        // Axes, with a label at zero and at the highest count, and the first and last dates.
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(y(0)))\" x2=\"\(number(width - right))\" y2=\"\(number(y(0)))\" stroke=\"#8c959f\"/>\n"
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(top))\" x2=\"\(number(left))\" y2=\"\(number(y(0)))\" stroke=\"#8c959f\"/>\n"
        svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y(0) + 4))\" text-anchor=\"end\">0</text>\n"
        svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y(highest) + 4))\" text-anchor=\"end\">\(highest)</text>\n"
        svg += "<text x=\"\(number(left))\" y=\"\(number(height - bottom + 16))\">\(first)</text>\n"
        let shown = trend.milestones.filter { first <= $0.day && $0.day <= last }.sorted { $0.day < $1.day }
        for (index, milestone) in shown.enumerated() {
            let at = x(milestone.day)
            svg += "<line class=\"milestone\" x1=\"\(number(at))\" y1=\"\(number(top))\" x2=\"\(number(at))\" y2=\"\(number(y(0)))\" stroke=\"#8c959f\" stroke-dasharray=\"4 3\"/>\n"
            // Labels alternate in height, and those in the right half end at their line.
            let rightHalf = at > (left + width - right) / 2
            svg += "<text x=\"\(number(at + (rightHalf ? -3 : 3)))\" y=\"\(number(top + 10 + Double(index % 3) * 12))\" fill=\"#57606a\""
                + (rightHalf ? " text-anchor=\"end\"" : "") + ">\(xml(milestone.name))</text>\n"
        }
        svg += "<line class=\"as-of\" x1=\"\(number(x(asOf)))\" y1=\"\(number(top - 8))\" x2=\"\(number(x(asOf)))\" y2=\"\(number(y(0)))\" stroke=\"#1d2329\" stroke-width=\"1.5\"/>\n"
        svg += "<text x=\"\(number(x(asOf)))\" y=\"\(number(height - bottom + 30))\" text-anchor=\"end\">\(xml(t("as of", "截至"))) \(asOf)</text>\n"
        for (index, area) in areas.enumerated() {
            let colour = palette[index % palette.count]
            let points = trend.points.filter { !$0.missing }.map { point in
                "\(number(x(point.day))),\(number(y(point.health.first { $0.category == area }.map(count) ?? 0)))"
            }
            svg += "<polyline class=\"area\" data-area=\"\(xml(area))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
            let legendY = top + Double(index) * 16
            svg += "<rect x=\"\(number(width - right + 14))\" y=\"\(number(legendY))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(number(width - right + 30))\" y=\"\(number(legendY + 9))\">\(xml(t.area(area)))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Columns of a text table: a CJK character takes two.
    static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + displayWidth($1) }
    }
}

extension String {
    /// "123" as "12.3": a tenth in fixed point, for SVG coordinates.
    fileprivate func insertingDecimal() -> String {
        let negative = hasPrefix("-")
        var digits = negative ? String(dropFirst()) : self
        while digits.count < 2 { digits = "0" + digits }
        return (negative ? "-" : "") + digits.dropLast() + "." + digits.suffix(1)
    }

    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
