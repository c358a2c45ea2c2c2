/// The brief as one self-contained HTML page (inline CSS and SVG, no external asset), readable
/// on screen and printed, with a timeline of the client touchpoints on which gaps in the cadence
/// show at a glance. Written as well-formed XML so any XML parser can check it.
public enum BriefHTML {
    /// A page's start, up to its body: pmlint's HTML pages share their head and style.
    static func pageStart(title: String, language: Language) -> String {
        "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>\(xml(title))</title>\n"
            + "<style>\n\(style)</style>\n</head>\n<body>\n"
    }

    public static func render(_ briefs: [Brief], language: Language) -> String {
        let t = BriefText(language: language)
        let title = briefs.count == 1 ? "\(t.title): \(briefs[0].name)" : t("Portfolio", "项目组合") + t.colon + t.title
        var out = pageStart(title: title, language: language)
        if briefs.count > 1 { out += Portfolio.html(briefs, language: language) }
        for brief in briefs { out += section(brief, t: t, language: language) }
        out += "</body>\n</html>\n"
        return out
    }

    static let style = """
    body { font-family: -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", sans-serif; color: #1d2329; max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
    h1 { font-size: 1.6em; margin-bottom: 0.1em; } h2 { font-size: 1.15em; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em; margin-top: 1.6em; }
    .meta { color: #57606a; } table { border-collapse: collapse; } td, th { padding: 0.25em 0.8em; border-bottom: 1px solid #eaeef2; text-align: left; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    .badge { display: inline-block; min-width: 4.5em; padding: 0 0.5em; border-radius: 0.8em; font-weight: 600; text-align: center; border: 1px solid; }
    .red { background: #ffebe9; color: #a40e26; border-color: #ff8182; } .amber { background: #fff8c5; color: #7d4e00; border-color: #d4a72c; } .green { background: #dafbe1; color: #116329; border-color: #4ac26b; }
    ul.items li { margin: 0.2em 0; } .detail { color: #57606a; } .done { color: #116329; } .open { color: #a40e26; }
    ol.agenda li, ol.first li { margin: 0.3em 0; } ol.first { font-size: 1.05em; } .note { color: #57606a; font-size: 0.9em; }
    svg { width: 100%; height: auto; } svg.spark { width: 80px; height: 20px; } td { vertical-align: top; } td.day, td.nowrap { white-space: nowrap; } div.wide { overflow-x: auto; } section.portfolio { page-break-after: always; } svg text { font-size: 11px; fill: #1d2329; }
    section.project { page-break-after: always; }
    @page { size: A4; margin: 14mm; }
    @media (max-width: 600px) { body { margin: 0.6em; font-size: 15px; } table { font-size: 0.9em; } code { word-break: break-all; } }
    @media print { body { margin: 0; max-width: none; font-size: 10.5pt; } h2 { page-break-after: avoid; } .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }

    """

    static func section(_ brief: Brief, t: BriefText, language: Language) -> String {
        var out = "<section class=\"project\" id=\"\(brief.anchor)\">\n<h1>\(xml(t.title))\(xml(t.colon))\(xml(brief.name))</h1>\n"
        out += "<p class=\"meta\">\(xml(brief.client)) · \(xml(t.asOf(brief))) · <code>\(xml(brief.path))</code>"
        if let reported = brief.reportedHealth { out += " · " + xml(t.reported(reported)) }
        out += "</p>\n"
        // What to do first, first; the details after; the health table and the timeline last.
        out += "<h2>\(xml(t.first))</h2>\n<ol class=\"first\">\n" + brief.agenda.prefix(3).map { "<li><strong>\(xml($0[language]))</strong></li>\n" }.joined() + "</ol>\n"
        out += "<h2>\(xml(t.agenda))</h2>\n<ol class=\"agenda\">\n" + brief.agenda.map { "<li>\(xml($0[language]))</li>\n" }.joined() + "</ol>\n"
        for entry in t.sections {
            out += "<h2>\(xml(entry.title))</h2>\n"
            let lines = brief[keyPath: entry.key]
            if lines.isEmpty { out += "<p>\(xml(entry.empty))</p>\n"; continue }
            out += "<ul class=\"items\">\n"
            for line in lines { out += "<li><strong>\(xml(line.text))</strong> <span class=\"detail\">— \(xml(line.detail[language]))</span></li>\n" }
            out += "</ul>\n"
        }
        out += "<h2>\(xml(t.promisesTitle))\(xml(brief.lastReport.map { t.parenthesized($0.description) } ?? ""))</h2>\n"
        if brief.lastReport == nil { out += "<p>\(xml(t.noReport))</p>\n" }
        if !brief.promises.isEmpty {
            out += "<ul class=\"items\">\n"
            for promise in brief.promises {
                let state = promise.doneOn.map { "<span class=\"done\">✓ \(xml(t.doneOn($0)))</span>" } ?? "<span class=\"open\">○ \(xml(t.notYet))</span>"
                out += "<li>\(xml(promise.text)) — \(state)</li>\n"
            }
            out += "</ul>\n"
        }
        if !brief.helpNeeded.isEmpty {
            out += "<p>\(xml(t.helpNeeded))\(xml(t.colon))</p>\n<ul class=\"items\">\n" + brief.helpNeeded.map { "<li>\(xml($0))</li>\n" }.joined() + "</ul>\n"
        }
        out += "<h2>\(xml(t.upcoming))</h2>\n"
        if brief.upcoming.isEmpty { out += "<p>\(xml(t.noUpcoming))</p>\n" } else {
            out += "<ul class=\"items\">\n" + brief.upcoming.map { "<li><strong>\(xml($0.text))</strong> <span class=\"detail\">— \(xml($0.detail[language]))</span></li>\n" }.joined() + "</ul>\n"
        }
        out += "<h2>\(xml(t.dueTitle))</h2>\n"
        if brief.due.isEmpty { out += "<p>\(xml(t.noDue))</p>\n" } else {
            out += "<ul class=\"items due\">\n" + brief.due.map { item in
                let due = t.due(item)
                return "<li><strong>\(xml(due.when))</strong> <span class=\"detail\">— \(xml(due.what))</span></li>\n"
            }.joined() + "</ul>\n"
        }
        out += "<h2>\(xml(t.health))</h2>\n<table>\n<tr>" + t.columns.map { "<th>\(xml($0))</th>" }.joined() + "</tr>\n"
        for area in brief.health {
            out += "<tr><td>\(xml(t.area(area.category)))</td><td><span class=\"badge \(area.status.rawValue)\">\(xml(t.status(area.status)))</span></td>"
            out += "<td class=\"n\">\(area.errors)</td><td class=\"n\">\(area.warnings)</td><td class=\"n\">\(area.infos)</td></tr>\n"
        }
        out += "</table>\n<p class=\"note\">\(xml(t.scoring))</p>\n"
        out += "<h2>\(xml(t.timeline))</h2>\n" + timeline(brief.timeline, language: language) + "<p class=\"note\">\(xml(t.gapNote))</p>\n"
        if !brief.coaching.isEmpty {
            out += "<h2>\(xml(t.coaching))</h2>\n<ul class=\"items\">\n" + brief.coaching.map { "<li>\(xml($0[language]))</li>\n" }.joined() + "</ul>\n"
        }
        return out + "</section>\n"
    }

    /// One lane per kind of touchpoint; shaded bands where the cadence broke.
    static func timeline(_ timeline: Timeline, language: Language) -> String {
        let width = 960.0, left = 150.0, right = 20.0, laneHeight = 44.0, top = 24.0
        let height = top + laneHeight * Double(timeline.lanes.count) + 30 + legendHeight
        let span = Double(max(1, timeline.end.days(since: timeline.start)))
        func x(_ day: Day) -> Double { left + (width - left - right) * Double(day.days(since: timeline.start)) / span }
        func f(_ value: Double) -> String { String(Int(value.rounded())) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\">\n"
        svg += "<title>\(xml(language == .zh ? "与客户的接触时间线" : "Timeline of client touchpoints"))</title>\n"
        // Month ticks.
        var month = Day(year: timeline.start.components.year, month: timeline.start.components.month, day: 1) ?? timeline.start
        while month <= timeline.end {
            if month >= timeline.start {
                svg += "<line x1=\"\(f(x(month)))\" y1=\"\(f(top - 6))\" x2=\"\(f(x(month)))\" y2=\"\(f(height - 28))\" stroke=\"#eaeef2\"/>\n"
                let label = String(month.description.prefix(7))
                svg += "<text x=\"\(f(x(month) + 3))\" y=\"\(f(top - 10))\">\(label)</text>\n"
            }
            month = month.adding(months: 1)
        }
        // Stretches with nothing addressed to the client, across every lane, behind the marks;
        // inset so that two stretches meeting at a touchpoint never read as one.
        let bottom = top + laneHeight * Double(timeline.lanes.count)
        for gap in timeline.gaps {
            let days = gap.to.days(since: gap.from)
            let from = x(gap.from) + 3, to = x(gap.to) - 3
            guard to > from else { continue }
            svg += "<rect x=\"\(f(from))\" y=\"\(f(top))\" width=\"\(f(to - from))\" height=\"\(f(bottom - top))\" fill=\"#ffcecb\" opacity=\"0.55\">"
            svg += "<title>\(xml(language == .zh ? "\(gap.from) 至 \(gap.to)：\(days) 天没有发给客户的接触" : "\(gap.from) to \(gap.to): \(days) days with nothing addressed to the client"))</title></rect>\n"
        }
        let lastReport = timeline.lanes.first { $0.kind == .report }?.points.map(\.day).max()
        for (row, lane) in timeline.lanes.enumerated() {
            let middle = top + laneHeight * Double(row) + laneHeight / 2
            svg += "<text x=\"8\" y=\"\(f(middle + 4))\" font-weight=\"600\">\(xml(lane.title[language]))</text>\n"
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(middle))\" x2=\"\(f(width - right))\" y2=\"\(f(middle))\" stroke=\"#d0d7de\"/>\n"
            for point in lane.points {
                let px = x(point.day)
                // Without a topic, the lane says what it was.
                let tip = "<title>\(xml("\(point.day) \(point.label.isEmpty ? lane.title[language] : point.label)"))</title>"
                mark(&svg, lane.kind, point, at: px, middle, tip)
                // The marks that matter carry a label: late milestones, open conflicts, the last report.
                let label: String?
                switch lane.kind {
                case .milestone where point.alarm: label = point.label.split(separator: " ").first.map(String.init)
                case .conflict where point.alarm: label = String(point.label.prefix(16))
                case .report where point.day == lastReport: label = language == .zh ? "最近报告 \(point.day.description.suffix(5))" : "last \(point.day.description.suffix(5))"
                default: label = nil
                }
                if let label {
                    svg += "<text x=\"\(f(px))\" y=\"\(f(middle - 10))\" text-anchor=\"middle\" font-size=\"10\">\(xml(label))</text>\n"
                }
            }
        }
        let now = x(timeline.asOf)
        svg += "<line x1=\"\(f(now))\" y1=\"\(f(top - 6))\" x2=\"\(f(now))\" y2=\"\(f(bottom + 6))\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>\n"
        svg += "<text x=\"\(f(now - 4))\" y=\"\(f(bottom + 18))\" text-anchor=\"end\" fill=\"#cf222e\">\(xml(language == .zh ? "检查日 \(timeline.asOf)" : "as of \(timeline.asOf)"))</text>\n"
        // The legend: every mark the timeline draws, and the shading.
        let zh = language == .zh
        let entries: [(Timeline.Kind?, Timeline.Point, String)] = [
            (.report, .init(day: timeline.start, label: "", alarm: false, pending: false), zh ? "状态报告" : "status report"),
            (.meeting, .init(day: timeline.start, label: "", alarm: false, pending: false), zh ? "会议或电话" : "meeting or call"),
            (.conflict, .init(day: timeline.start, label: "", alarm: true, pending: false), zh ? "未解决的冲突" : "open conflict"),
            (.conflict, .init(day: timeline.start, label: "", alarm: false, pending: false), zh ? "已解决的冲突" : "resolved conflict"),
            (.milestone, .init(day: timeline.start, label: "", alarm: false, pending: false), zh ? "里程碑已完成" : "milestone done"),
            (.milestone, .init(day: timeline.start, label: "", alarm: false, pending: true), zh ? "里程碑待完成" : "milestone due"),
            (.milestone, .init(day: timeline.start, label: "", alarm: true, pending: true), zh ? "里程碑逾期" : "milestone late"),
            (nil, .init(day: timeline.start, label: "", alarm: false, pending: false), zh ? "没有发给客户的接触" : "nothing to the client"),
        ]
        let legendY = bottom + 40
        for (number, (kind, point, text)) in entries.enumerated() {
            let column = Double(number % 4), line = Double(number / 4)
            let px = 20 + column * 235, py = legendY + line * 20
            if let kind {
                mark(&svg, kind, point, at: px, py, "")
            } else {
                svg += "<rect x=\"\(f(px - 7))\" y=\"\(f(py - 7))\" width=\"14\" height=\"14\" fill=\"#ffcecb\" opacity=\"0.55\"/>\n"
            }
            svg += "<text x=\"\(f(px + 12))\" y=\"\(f(py + 4))\">\(xml(text))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static let legendHeight = 44.0

    /// One mark of a lane's kind at (x, y).
    private static func mark(_ svg: inout String, _ kind: Timeline.Kind, _ point: Timeline.Point, at px: Double, _ middle: Double, _ tip: String) {
        func f(_ value: Double) -> String { String(Int(value.rounded())) }
        switch kind {
        case .report:
            svg += "<circle cx=\"\(f(px))\" cy=\"\(f(middle))\" r=\"5\" fill=\"#0969da\">\(tip)</circle>\n"
        case .meeting:
            svg += "<rect x=\"\(f(px - 4))\" y=\"\(f(middle - 4))\" width=\"8\" height=\"8\" fill=\"#1a7f37\">\(tip)</rect>\n"
        case .conflict:
            let color = point.alarm ? "#cf222e" : "#8c959f"
            svg += "<path d=\"M \(f(px)) \(f(middle - 7)) L \(f(px + 7)) \(f(middle + 6)) L \(f(px - 7)) \(f(middle + 6)) Z\" fill=\"\(color)\">\(tip)</path>\n"
        case .milestone:
            let stroke = point.alarm ? "#cf222e" : "#1d2329"
            let fill = point.pending ? "#ffffff" : "#1d2329"
            svg += "<path d=\"M \(f(px)) \(f(middle - 7)) L \(f(px + 7)) \(f(middle)) L \(f(px)) \(f(middle + 7)) L \(f(px - 7)) \(f(middle)) Z\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"2\">\(tip)</path>\n"
        }
    }
}
