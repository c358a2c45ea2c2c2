extension Brief {
    /// A person as people know them: the stakeholder's name, else the id as written.
    static func name(of id: String, in index: ProjectIndex) -> String {
        index.project.stakeholder(id)?.text("name") ?? id
    }

    /// A fixed word of an item's field in both languages (`assessing`, 评估中).
    static func word(_ item: Item, _ key: String, default fallback: String) -> LocalizedText {
        let word = item.choice(key) ?? fallback
        return LocalizedText(en: Schema.wording(word, field: key, shape: item.shape, .en),
                             zh: Schema.wording(word, field: key, shape: item.shape, .zh))
    }

    /// The categories in the order a project meets them.
    static let categories = ["kickoff", "communication", "status", "meetings", "scope", "milestones", "risks",
                             "changes", "conflicts", "feedback", "stakeholders", "closure"]

    /// The findings counted per category, every category of the catalog's order listed, others
    /// after them by name.
    static func health(of findings: [Finding]) -> [Health] {
        var byCategory: [String: Health] = [:]
        for category in Brief.categories { byCategory[category] = Health(category: category) }
        for finding in findings {
            var health = byCategory[finding.category] ?? Health(category: finding.category)
            switch finding.severity {
            case .error: health.errors += 1
            case .warning: health.warnings += 1
            case .info: health.infos += 1
            }
            byCategory[finding.category] = health
        }
        return Brief.categories.compactMap { byCategory[$0] }
            + byCategory.values.filter { !Brief.categories.contains($0.category) }.sorted { $0.category < $1.category }
    }

    /// Builds the brief of a project from its index and the check's findings on it (after the
    /// configuration and suppressions): what is late or unanswered is what the rules found.
    init(project: Project, index: ProjectIndex?, findings: [Finding], asOf: Day) {
        let plan = project.plan
        path = project.location.path
        name = project.name ?? project.location.path
        client = plan?.item("project")?.text("client") ?? ""
        self.asOf = asOf
        reportedHealth = plan?.item("project")?.choice("health")
        self.findings = findings.count

        health = Brief.health(of: findings)

        timeline = Timeline(start: asOf, end: asOf, asOf: asOf, lanes: [])
        guard let index else {
            agenda = [LocalizedText(en: "Fix the plan and log files first: pmlint cannot read them (see `pmlint check`).",
                                    zh: "先修正计划和日志文件：pmlint 无法读取它们（见 `pmlint check`）。")]
            return
        }
        collectOpenItems(index, findings: findings)
        collectPromises(index)
        timeline = Brief.timeline(index)
        agenda = suggestedAgenda()
        // Coaching that fits where the project is: how to run a kickoff only before there was one.
        var raised = Set(findings.map(\.category))
        if index.entries.contains(where: { $0.choice("type") == "meeting" && $0.choice("kind") == "kickoff" }) { raised.remove("kickoff") }
        coaching = Brief.categories.filter(raised.contains).compactMap { Guidance.coaching[$0] }
    }

    /// The rules whose findings the brief lists as open items.
    enum OpenItem: String {
        case changeUnanswered = "change-unanswered"
        case actionOverdue = "action-overdue"
        case milestoneOverdue = "milestone-overdue"
        case riskNotShared = "risk-not-shared"
    }

    private mutating func collectOpenItems(_ index: ProjectIndex, findings: [Finding]) {
        let asOf = index.asOf
        for entry in index.entries where entry.choice("type") == "conflict" && entry.choice("status") != "resolved" {
            guard let date = entry.date("date") else { continue }
            let positions: [Int] = entry.id.flatMap { index.linked[$0] } ?? []
            let followUps: [Item] = positions.map { index.entries[$0] }.filter { $0 !== entry }
            let last: Day? = followUps.compactMap { $0.date("date") }.max()
            let status = Brief.word(entry, "status", default: "open")
            let days = asOf.days(since: date)
            var detail = LocalizedText(en: "\(status.en), raised \(date) (\(days) days ago)", zh: "\(status.zh)，\(date) 提出（\(days) 天前）")
            detail.en += last.map { ", last follow-up \($0)" } ?? ", no follow-up yet"
            detail.zh += last.map { "，最近一次跟进 \($0)" } ?? "，尚无跟进"
            if !followUps.isEmpty {
                let kinds: [String] = Set(followUps.compactMap { $0.choice("type") }).sorted()
                detail.en += " (" + kinds.map { Schema.wording($0, field: "type", shape: Schema.entry, .en) }.joined(separator: ", ") + ")"
                detail.zh += "（" + kinds.map { Schema.wording($0, field: "type", shape: Schema.entry, .zh) }.joined(separator: "、") + "）"
            }
            // Its id first, so the PM can write `re: [c1]` on what follows it up.
            let topic = entry.text("topic") ?? entry.text("summary") ?? ""
            let text = [entry.id, topic.isEmpty ? nil : topic].compactMap { $0 }.joined(separator: ": ")
            conflicts.append(Line(text: text.isEmpty ? entry.path : text, detail: detail, date: date))
        }
        // The items the rules found late or unanswered, found by the logical path of each finding.
        var itemsByPath: [String: Item] = [:]
        for key in ["milestones", "risks", "changes"] {
            for item in index.plan.items(key) { itemsByPath[item.path] = item }
        }
        for action in index.actions { itemsByPath[action.path] = action }
        func item(of finding: Finding) -> Item? {
            var path = Substring(finding.path)
            while !path.isEmpty {
                if let item = itemsByPath[String(path)] { return item }
                guard let dot = path.lastIndex(of: ".") else { return nil }
                path = path[..<dot]
            }
            return nil
        }
        for finding in findings {
            guard let kind = OpenItem(rawValue: finding.rule), let item = item(of: finding) else { continue }
            switch kind {
            case .changeUnanswered:
                let status = Brief.word(item, "status", default: "received")
                let requested = item.date("requested_on")
                let by = item.refs("requested_by").first.map { Brief.name(of: $0.id, in: index) }
                let when = requested.map(\.description) ?? "?"
                var detail = LocalizedText(en: "\(status.en), requested \(when)" + (by.map { " by \($0)" } ?? ""),
                                           zh: "\(status.zh)，\(when) " + (by.map { "由 \($0) " } ?? "") + "提出")
                detail.en += item.date("responded_on").map { ", answered \($0)" } ?? ", not answered yet"
                detail.zh += item.date("responded_on").map { "，已于 \($0) 答复" } ?? "，尚未答复"
                changes.append(Line(text: "\(item.id ?? ""): \(item.text("title") ?? "")", detail: detail, date: requested))
            case .actionOverdue:
                let owner = item.refs("owner").first.map { Brief.name(of: $0.id, in: index) }
                let due = item.date("due").map(\.description) ?? "?"
                overdueActions.append(Line(text: item.text("what") ?? "",
                                           detail: LocalizedText(en: "owner \(owner ?? "nobody"), due \(due)", zh: "负责人 \(owner ?? "无")，截止 \(due)"),
                                           date: item.date("due")))
            case .milestoneOverdue:
                overdueMilestones.append(milestoneLine(item, index))
            case .riskNotShared:
                let impact = Brief.word(item, "impact", default: "?")
                let probability = Brief.word(item, "probability", default: "?")
                let identified = item.date("identified_on").map(\.description) ?? "?"
                risksToShare.append(Line(text: "\(item.id ?? ""): \(item.text("title") ?? "")",
                                         detail: LocalizedText(en: "impact \(impact.en), probability \(probability.en), identified \(identified)",
                                                               zh: "影响\(impact.zh)，可能性\(probability.zh)，\(identified) 识别"),
                                         date: item.date("identified_on")))
            }
        }
        for milestone in index.plan.items("milestones") where milestone["done_on"] == nil {
            guard let due = milestone.date("due"), due >= asOf, due <= asOf.adding(days: 14) else { continue }
            upcoming.append(milestoneLine(milestone, index))
        }
    }

    private func milestoneLine(_ milestone: Item, _ index: ProjectIndex) -> Line {
        let reviewer = milestone.refs("reviewer").first.map { Brief.name(of: $0.id, in: index) }
        let due = milestone.date("due")
        let when = due.map(\.description) ?? "?"
        return Line(text: "\(milestone.id ?? ""): \(milestone.text("name") ?? "")",
                    detail: LocalizedText(en: "due \(when)" + (reviewer.map { ", reviewer \($0)" } ?? ""),
                                          zh: "截止 \(when)" + (reviewer.map { "，审核人 \($0)" } ?? "")),
                    date: due)
    }

    /// The last report's `next`, each matched against what the log shows done since.
    private mutating func collectPromises(_ index: ProjectIndex) {
        guard let last = index.entries.last(where: { $0.choice("type") == "status_report" }), let date = last.date("date") else { return }
        lastReport = date
        let every = index.plan.item("communication")?.item("status_reports")?["every"]?.value.duration ?? Duration(1, .weeks)
        promisesDue = every.added(to: date, calendar: index.calendar)
        helpNeeded = last.texts("help_needed").map(\.text)
        // Only what says something was done counts: later reports' `done`, decisions, completed
        // actions, milestones reached. A topic only says what was talked about.
        var evidence: [(day: Day, text: String)] = []
        for entry in index.entries where entry !== last {
            guard let day = entry.date("date"), day >= date else { continue }
            for text in entry.texts("done") + entry.texts("decisions") { evidence.append((day, text.text)) }
            for action in entry.items("actions") {
                if let done = action.date("done_on"), done >= date, done <= index.asOf, let what = action.text("what") { evidence.append((done, what)) }
            }
        }
        for milestone in index.plan.items("milestones") {
            if let done = milestone.date("done_on"), done >= date, done <= index.asOf, let name = milestone.text("name") { evidence.append((done, name)) }
        }
        promises = last.texts("next").map { promise in
            let done = evidence.filter { Brief.similar(promise.text, $0.text) }.map(\.day).min()
            return Promise(text: promise.text, doneOn: done)
        }
    }

    /// Whether a text names a date (`2026-12-11`) after `day`: a promise for later.
    static func namesALaterDate(_ text: String, than day: Day) -> Bool {
        let characters = Array(text.utf8)
        guard characters.count >= 10 else { return false }
        for start in 0...(characters.count - 10) {
            let slice = characters[start..<start + 10]
            guard slice[slice.startIndex + 4] == UInt8(ascii: "-"), slice[slice.startIndex + 7] == UInt8(ascii: "-"),
                  let date = Day(parsing: String(decoding: slice, as: UTF8.self)) else { continue }
            if date > day { return true }
        }
        return false
    }

    /// Words that say when or that something happens, not what: left out when comparing.
    static let filler: Set<String> = ["the", "and", "with", "for", "from", "into", "next", "week", "this", "that", "will",
                                      "our", "your", "done", "held", "start", "started", "finish", "finished",
                                      "下周", "本周", "周进", "周完", "进行", "完成", "工作", "开始", "继续"]

    /// Two texts say the same thing when most words (for Chinese, most character pairs) of the
    /// shorter one are in the other, leaving out filler.
    static func similar(_ a: String, _ b: String) -> Bool {
        func tokens(_ text: String) -> Set<String> {
            var result = Set<String>()
            var word = ""
            var previousWide: Character?
            for character in text.lowercased() {
                if character.unicodeScalars.contains(where: { displayWidth($0) == 2 }) {
                    if !word.isEmpty { result.insert(word); word = "" }
                    if let previous = previousWide { result.insert(String([previous, character])) }
                    previousWide = character
                } else {
                    previousWide = nil
                    if character.isLetter || character.isNumber { word.append(character) } else if !word.isEmpty {
                        if word.count > 2 { result.insert(word) }
                        word = ""
                    }
                }
            }
            if word.count > 2 { result.insert(word) }
            return result
        }
        let left = tokens(a).subtracting(filler)
        let right = tokens(b).subtracting(filler)
        guard let smaller = [left, right].min(by: { $0.count < $1.count }), !smaller.isEmpty else { return false }
        return Double(left.intersection(right).count) / Double(smaller.count) >= 0.6
    }

    private func suggestedAgenda() -> [LocalizedText] {
        var agenda: [LocalizedText] = []
        for conflict in conflicts {
            agenda.append(LocalizedText(en: "Talk through the open conflict \"\(conflict.text)\" face to face, and agree the next step.",
                                        zh: "当面沟通未解决的冲突“\(conflict.text)”，商定下一步。"))
        }
        for milestone in overdueMilestones {
            agenda.append(LocalizedText(en: "Milestone \(milestone.text) is late (\(milestone.detail.en)): say why, and agree a new date.",
                                        zh: "里程碑 \(milestone.text) 已逾期（\(milestone.detail.zh)）：说明原因，商定新日期。"))
        }
        for change in changes {
            agenda.append(LocalizedText(en: "Give an answer, or a date for one, on change request \(change.text).",
                                        zh: "对变更请求 \(change.text) 给出答复，或告知何时答复。"))
        }
        for risk in risksToShare {
            agenda.append(LocalizedText(en: "Share the risk \(risk.text), its likely impact and the mitigation you propose.",
                                        zh: "向客户告知风险 \(risk.text) 及其可能的影响，并提出建议的应对措施。"))
        }
        // Promises fall due with the next report; one that names a date still to come, later.
        let promisesAreDue = promisesDue.map { $0 <= asOf } ?? false
        for promise in promises where promisesAreDue && promise.doneOn == nil && !Brief.namesALaterDate(promise.text, than: asOf) {
            agenda.append(LocalizedText(en: "Report on what the last status report promised: \(promise.text).",
                                        zh: "汇报上次状态报告承诺的事项：\(promise.text)。"))
        }
        for help in helpNeeded {
            agenda.append(LocalizedText(en: "Ask for the help the project needs: \(help).", zh: "提出项目需要的支持：\(help)。"))
        }
        for action in overdueActions {
            agenda.append(LocalizedText(en: "Follow up the overdue action \"\(action.text)\" (\(action.detail.en)), privately first if it is the client's.",
                                        zh: "跟进逾期的行动项“\(action.text)”（\(action.detail.zh)）；如果是客户方的，先私下沟通。"))
        }
        for milestone in upcoming {
            agenda.append(LocalizedText(en: "Prepare milestone \(milestone.text) (\(milestone.detail.en)) with its reviewer.",
                                        zh: "与审核人一起准备里程碑 \(milestone.text)（\(milestone.detail.zh)）。"))
        }
        if agenda.isEmpty {
            agenda.append(LocalizedText(en: "Nothing is open: review progress, and ask the client how satisfied they are.",
                                        zh: "没有未决事项：回顾进展，并询问客户的满意度。"))
        }
        return agenda
    }

    static func timeline(_ index: ProjectIndex) -> Timeline {
        let project = index.plan.item("project")
        let start = project?.date("start") ?? index.entries.first?.date("date") ?? index.asOf
        let milestones = index.plan.items("milestones")
        let latest = ([index.asOf] + milestones.compactMap { $0.date("due") }.filter { $0 <= index.asOf.adding(days: 14) }).max() ?? index.asOf
        func points(_ type: String) -> [Timeline.Point] {
            index.entries.filter { $0.choice("type") == type }.compactMap { entry in
                entry.date("date").map { Timeline.Point(day: $0, label: entry.text("topic") ?? "",
                                                        alarm: type == "conflict" && entry.choice("status") != "resolved", pending: false) }
            }
        }
        let cadence = { (path: [String], fallback: Duration) -> Duration in
            var item: Item? = index.plan
            for key in path.dropLast() { item = item?.item(key) }
            if case .duration(let duration)? = item?[path.last!]?.value { return duration }
            return fallback
        }
        let reports = points("status_report")
        let meetings = points("meeting") + points("call")
        let over = index.isOver
        let reportEvery = cadence(["communication", "status_reports", "every"], Duration(1, .weeks))
        // Every touchpoint addressed to the client, of any kind: a stretch without one is a gap.
        let touchpoints = index.entries.filter(index.isAddressedToClient).compactMap { $0.date("date") }
        let milestonePoints = milestones.compactMap { milestone -> Timeline.Point? in
            guard let due = milestone.date("due") else { return nil }
            let done = milestone.date("done_on")
            return Timeline.Point(day: done ?? due, label: "\(milestone.id ?? "") \(milestone.text("name") ?? "")",
                                  alarm: done == nil && due < index.asOf, pending: done == nil)
        }
        return Timeline(start: start, end: max(latest, start.adding(days: 7)), asOf: index.asOf, lanes: [
            .init(kind: .report, title: LocalizedText(en: "Status reports", zh: "状态报告"), points: reports),
            .init(kind: .meeting, title: LocalizedText(en: "Meetings and calls", zh: "会议与通话"), points: meetings.sorted { $0.day < $1.day }),
            .init(kind: .conflict, title: LocalizedText(en: "Conflicts", zh: "冲突"), points: points("conflict")),
            .init(kind: .milestone, title: LocalizedText(en: "Milestones", zh: "里程碑"), points: milestonePoints),
        ], gaps: gaps(touchpoints, every: reportEvery, from: start, until: over ? nil : index.asOf, calendar: index.calendar))
    }

    /// Stretches between consecutive touchpoints (and from the start, and up to as-of) longer
    /// than 1.5 × the cadence, the plan's holidays not counted (as the cadence rules count them).
    static func gaps(_ days: [Day], every: Duration, from start: Day, until end: Day?, calendar: WorkingCalendar) -> [(from: Day, to: Day)] {
        let limit = Double(every.approximateDays) * 1.5
        var stops = [start] + days
        if let end { stops.append(end) }
        var found: [(from: Day, to: Day)] = []
        // A cadence in working days skips holidays already: each counts once.
        let skips = every.unit != .workingDays
        for (a, b) in zip(stops, stops.dropFirst()) where Double(b.days(since: a) - (skips ? calendar.holidays(after: a, through: b) : 0)) > limit {
            found.append((a, b))
        }
        return found
    }
}
