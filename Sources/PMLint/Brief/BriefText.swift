/// The words of the brief in each language, shared by its Markdown and HTML forms.
struct BriefText {
    public let language: Language

    func callAsFunction(_ en: String, _ zh: String) -> String { language == .zh ? zh : en }

    /// Punctuation in the reader's script: full-width in Chinese.
    var colon: String { self(": ", "：") }
    func parenthesized(_ text: String) -> String { self(" (\(text))", "（\(text)）") }

    var title: String { self("Pre-meeting brief", "会前简报") }
    var health: String { self("Health by area", "各方面健康度") }
    var scoring: String {
        self("Scoring: red = an error, or three warnings or more; amber = a warning; green = otherwise (info findings do not change the colour).",
             "评分：红 = 有错误，或有三个及以上警告；黄 = 有警告；绿 = 其他情况（提示不影响颜色）。")
    }
    var sections: [(key: KeyPath<Brief, [Brief.Line]>, title: String, empty: String)] {
        [
            (\.conflicts, self("Open conflicts", "未解决的冲突"), self("No open conflict.", "没有未解决的冲突。")),
            (\.changes, self("Change requests waiting for an answer", "待决定的变更请求"), self("None waiting.", "没有等待答复的变更请求。")),
            (\.overdueActions, self("Overdue actions", "逾期的行动项"), self("None overdue.", "没有逾期的行动项。")),
            (\.overdueMilestones, self("Overdue milestones", "逾期的里程碑"), self("None overdue.", "没有逾期的里程碑。")),
            (\.risksToShare, self("Risks not yet shared with the client", "尚未告知客户的风险"), self("All open risks are shared.", "所有未关闭的风险都已告知客户。")),
        ]
    }
    var promisesTitle: String { self("What the last status report promised", "上次状态报告的承诺") }
    var noReport: String { self("No status report yet.", "还没有状态报告。") }
    var helpNeeded: String { self("Help it asked the client for", "报告中请客户提供的支持") }
    func doneOn(_ day: Day) -> String { self("done, per the log on \(day)", "日志显示已于 \(day) 完成") }
    var notYet: String { self("not shown done in the log yet", "日志中尚未显示完成") }
    var upcoming: String { self("Milestones in the next two weeks", "未来两周的里程碑") }
    var noUpcoming: String { self("None due.", "未来两周没有到期的里程碑。") }
    var dueTitle: String { self("Due in the next \(Brief.dueWithin) days", "未来 \(Brief.dueWithin) 天内到期") }
    var noDue: String { self("Nothing the rules expect falls due in the next \(Brief.dueWithin) days.", "未来 \(Brief.dueWithin) 天内没有规则要求到期的事项。") }
    /// One item of `pmlint due`: by when, and what pmlint reports the day after if nothing happens.
    func due(_ item: DueItem) -> (when: String, what: String) {
        let when = (item.due.map { self("by \($0)", "\($0) 前") } ?? "") + parenthesized(DueReport.when(item, within: Brief.dueWithin, language))
        let finding = item.finding.finding
        return (when, self("otherwise: ", "否则：") + finding.message[language])
    }
    var agenda: String { self("Suggested agenda", "建议议程") }
    var first: String { self("Before the meeting: the first things to do or raise", "会前最先要做或要提的事") }
    var coaching: String { self("Coaching", "实践建议") }
    var timeline: String { self("Client touchpoints", "与客户的接触") }
    var gapNote: String {
        self("Shaded: stretches longer than 1.5 × the reporting cadence with nothing addressed to the client (no report, meeting, call, e-mail or message).",
             "阴影部分：超过报告周期 1.5 倍、其间没有任何面向客户的接触（报告、会议、电话、邮件或消息）的时段。")
    }
    func asOf(_ brief: Brief) -> String { self("as of \(brief.asOf)", "截至 \(brief.asOf)") }
    func status(_ status: Brief.Status) -> String {
        switch status {
        case .green: return self("green", "绿色")
        case .amber: return self("amber", "黄色")
        case .red: return self("red", "红色")
        }
    }
    var columns: [String] { [self("Area", "方面"), self("Status", "状态"), self("Errors", "错误"), self("Warnings", "警告"), self("Info", "提示")] }
    func reported(_ health: String) -> String {
        let word = Schema.wording(health, field: "health", shape: Schema.project, language)
        return self("The plan reports its health as \(word).", "计划中自报的健康度为\(word)。")
    }

    /// An area of the brief (a rule category) by its name in the reader's language.
    func area(_ category: String) -> String {
        guard language == .zh else { return category }
        return BriefText.areas[category] ?? category
    }

    static let areas = [
        "kickoff": "启动会", "communication": "沟通计划", "status": "状态报告", "meetings": "会议与行动项",
        "scope": "范围与期望", "milestones": "里程碑", "risks": "风险", "changes": "变更请求", "conflicts": "冲突",
        "feedback": "客户反馈", "stakeholders": "干系人", "closure": "收尾", "document": "文件",
    ]
}
