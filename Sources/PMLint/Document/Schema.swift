/// The value types of the format (FORMAT.md, "Scalars").
indirect enum FieldType: Sendable {
    /// A text or a list of texts: what can name an item, or say what an entry is about.
    var holdsText: Bool {
        switch self {
        case .text, .texts: return true
        default: return false
        }
    }

    case text
    /// A list of strings; a single string is accepted as a one-item list.
    case texts
    case date
    /// A list of dates, each a date or a range `2025-10-01..2025-10-08`; one date alone is a one-day list.
    case dates
    case duration
    case integer(ClosedRange<Int>)
    /// One of fixed words; the order is meaningful for `level` and `rag`.
    case choice([String])
    /// The item's own id, in the project's one id namespace.
    case identifier
    /// A ref (or refs) to a stakeholder.
    case person
    case people
    /// Refs to any item of the project (`re`).
    case items
    case mapping(Shape)
    case list(Shape)
    /// A number (rule parameters such as a ratio).
    case number
    /// Any YAML, read later by whoever owns it (a rule's predicates, an example's plan).
    case any
}

/// One key of a mapping in the format.
struct Field: Sendable {
    let key: String
    let type: FieldType
    let required: Bool
    /// Required only when another field has a value (`id` on a conflict entry).
    let requiredWhen: (key: String, value: String)?
    /// The value the format assumes when the key is absent (`status: open`).
    let defaultValue: String?
    /// The date something happened on (`done_on`, `shared_on`): after as-of, it has not happened yet.
    let happened: Bool
    let doc: String

    init(_ key: String, _ type: FieldType, required: Bool = false,
         requiredWhen: (key: String, value: String)? = nil, default defaultValue: String? = nil,
         happened: Bool = false, _ doc: String) {
        self.key = key
        self.type = type
        self.required = required
        self.requiredWhen = requiredWhen
        self.defaultValue = defaultValue
        self.happened = happened
        self.doc = doc
    }
}

/// A mapping of the format: its fields, looked up by key.
final class Shape: Sendable {
    /// What one such mapping is called in messages: "milestone", "log entry".
    let name: String
    let zhName: String
    let fields: [Field]
    /// Where `id` is, for shapes with one.
    let idPosition: Int?
    private let keys: [[UInt8]]
    /// The fields' keys, scanned without copying the fields.
    private let names: [String]

    init(_ name: String, zh zhName: String, _ fields: [Field]) {
        self.name = name
        self.zhName = zhName
        self.fields = fields
        self.idPosition = fields.firstIndex { $0.key == "id" }
        self.keys = fields.map { Array($0.key.utf8) }
        self.names = fields.map(\.key)
    }

    /// A short scan beats hashing the key: a shape has a few dozen fields at most.
    func position(of key: String) -> Int? { names.firstIndex(of: key) }

    /// The position of a key as written in the file, compared byte for byte.
    func position(ofKey bytes: ArraySlice<UInt8>) -> Int? {
        let count = bytes.count
        let first = bytes.first
        for position in keys.indices {
            let key = keys[position]
            if key.count == count, key.first == first, key.elementsEqual(bytes) { return position }
        }
        return nil
    }
    func field(_ key: String) -> Field? { position(of: key).map { fields[$0] } }
}

/// FORMAT.md, written once: validation, typed access, the JSON Schema and the docs read it.
enum Schema {
    static let levels = ["low", "medium", "high"]
    static let rag = ["green", "amber", "red"]
    static let meetingKinds = ["kickoff", "progress", "review", "workshop", "retrospective", "other"]
    static let entryTypes = ["meeting", "call", "email", "message", "status_report", "minutes",
                                    "feedback", "conflict", "decision", "escalation", "note"]

    /// How the fixed words of the format read to someone, in each language: a message says
    /// "状态为已拒绝", not "状态为 rejected". A word whose reading depends on its field (a risk
    /// is 未关闭 while open, a conflict 未解决) is looked up by `shape.field` first.
    static func wording(_ word: String, field: String, shape: Shape, _ language: Language) -> String {
        guard language == .zh else { return word.replacingAll("_", with: " ") }
        return chineseByField["\(shape.name).\(field).\(word)"] ?? chinese[word] ?? word
    }

    private static let chinese: [String: String] = [
        "initiating": "启动", "planning": "规划", "executing": "执行", "closing": "收尾", "closed": "已结束",
        "client": "客户方", "team": "项目团队", "third_party": "第三方",
        "sponsor": "发起人", "owner": "负责人", "contact": "联系人", "member": "成员", "manager": "经理", "other": "其他",
        "active": "积极配合", "routine": "按部就班", "passive": "消极配合", "unknown": "尚未判断",
        "received": "已收到", "assessing": "评估中", "approved": "已批准", "rejected": "已拒绝",
        "withdrawn": "已撤回", "implemented": "已实施", "free": "无偿", "paid": "有偿",
        "open": "未解决", "resolved": "已解决", "escalated": "已升级",
        "low": "低", "medium": "中", "high": "高", "green": "绿色", "amber": "黄色", "red": "红色",
        "kickoff": "启动会", "progress": "进度会", "review": "评审会", "workshop": "研讨会", "retrospective": "复盘会",
        "meeting": "会议", "call": "电话", "email": "邮件", "message": "消息", "status_report": "状态报告",
        "minutes": "会议纪要", "feedback": "反馈", "conflict": "冲突", "decision": "决定", "escalation": "升级", "note": "备注",
    ]

    private static let chineseByField: [String: String] = [
        "risk.status.open": "未关闭", "risk.status.closed": "已关闭",
        "recurring meeting.kind.other": "其他例会", "log entry.kind.other": "其他会议",
    ]

    static let project = Shape("project", zh: "项目", [
        Field("name", .text, required: true, "The project's name."),
        Field("client", .text, required: true, "The client organisation."),
        Field("manager", .person, "The project manager (team side)."),
        Field("start", .date, required: true, "When the project started."),
        Field("end", .date, "The planned end."),
        Field("closed_on", .date, "The actual close, when the project is over."),
        Field("phase", .choice(["initiating", "planning", "executing", "closing", "closed"]), "Where the project stands."),
        Field("health", .choice(rag), "Self-reported overall status."),
    ])

    static let stakeholder = Shape("stakeholder", zh: "干系人", [
        Field("id", .identifier, required: true, "The id other fields use to name this person."),
        Field("name", .text, required: true, "Full name."),
        Field("side", .choice(["client", "team", "third_party"]), required: true, "Which side they are on."),
        Field("role", .choice(["sponsor", "owner", "contact", "member", "manager", "other"]),
              "owner = the client's project owner, the gatekeeper who reviews key results."),
        Field("engagement", .choice(["active", "routine", "passive", "unknown"]), "How they cooperate."),
        Field("engagement_plan", .text, "What we do about a passive stakeholder."),
        Field("contact", .text, "E-mail, phone or chat handle."),
    ])

    static let scope = Shape("scope", zh: "范围", [
        Field("objectives", .texts, "What the project must achieve, measurably."),
        Field("in_scope", .texts, "What the project delivers."),
        Field("out_of_scope", .texts, "What the project explicitly does not deliver."),
        Field("deliverables", .texts, "The results handed to the client."),
        Field("acceptance_criteria", .texts, "How the client decides a result is accepted."),
        Field("assumptions", .texts, "What the plan takes for granted."),
        Field("constraints", .texts, "Limits the project works within."),
        Field("approved_by", .person, "The client-side stakeholder who signed the scope off."),
        Field("approved_on", .date, happened: true, "When the scope was signed off."),
    ])

    static let statusReports = Shape("status report plan", zh: "状态报告计划", [
        Field("every", .duration, "The reporting cadence, e.g. weekly."),
        Field("to", .people, "Who must receive each report."),
        Field("channel", .text, "E-mail, portal, ..."),
    ])

    static let recurringMeeting = Shape("recurring meeting", zh: "例会", [
        Field("kind", .choice(meetingKinds), required: true, "Matches log meetings of the same kind."),
        Field("every", .duration, required: true, "How often it is held."),
        Field("with", .people, "Who attends."),
    ])

    static let feedbackPlan = Shape("feedback plan", zh: "反馈计划", [
        Field("every", .duration, "How often client satisfaction is asked for."),
    ])

    static let communication = Shape("communication plan", zh: "沟通计划", [
        Field("primary_contact", .person, "The client-side single point of contact."),
        Field("status_reports", .mapping(statusReports), "The status report plan."),
        Field("meetings", .list(recurringMeeting), "Recurring meetings."),
        Field("feedback", .mapping(feedbackPlan), "How client feedback is collected."),
        Field("escalation", .people, "The escalation path, nearest first."),
    ])

    static let milestone = Shape("milestone", zh: "里程碑", [
        Field("id", .identifier, required: true, "The milestone's id."),
        Field("name", .text, required: true, "What is reached."),
        Field("due", .date, required: true, "When it is due."),
        Field("done_on", .date, happened: true, "When it was done."),
        Field("reviewer", .person, "The client-side reviewer."),
        Field("accepted_on", .date, happened: true, "When the client accepted it."),
        Field("deliverables", .texts, "What is delivered."),
        Field("acceptance_criteria", .texts, "How it is accepted."),
    ])

    static let risk = Shape("risk", zh: "风险", [
        Field("id", .identifier, required: true, "The risk's id."),
        Field("title", .text, required: true, "What might happen."),
        Field("identified_on", .date, required: true, "When it was identified."),
        Field("probability", .choice(levels), "low, medium or high."),
        Field("impact", .choice(levels), "low, medium or high."),
        Field("owner", .person, "Who watches it."),
        Field("mitigation", .text, "What is done about it."),
        Field("shared_on", .date, happened: true, "When it was communicated to the client."),
        Field("reviewed_on", .date, happened: true, "When it was last reviewed."),
        Field("status", .choice(["open", "closed"]), default: "open", "open or closed."),
        Field("closed_on", .date, happened: true, "When it was closed (set: the risk is closed, whatever `status` says)."),
    ])

    static let assessment = Shape("assessment", zh: "评估", [
        Field("schedule", .text, "The effect on the schedule, e.g. \"+2w\"."),
        Field("cost", .text, "The effect on cost, e.g. \"15 person-days\"."),
        Field("summary", .text, "The assessment in a sentence."),
    ])

    static let change = Shape("change request", zh: "变更请求", [
        Field("id", .identifier, required: true, "The change request's id."),
        Field("title", .text, required: true, "What the client asks for."),
        Field("requested_by", .person, "Who asked."),
        Field("requested_on", .date, required: true, "When it was asked."),
        Field("status", .choice(["received", "assessing", "approved", "rejected", "withdrawn", "implemented"]),
              default: "received", "Where the request stands."),
        Field("assessment", .mapping(assessment), "The impact, evaluated before deciding."),
        Field("responded_on", .date, happened: true, "The first answer to the client (may be \"assessing, answer by ...\")."),
        Field("decided_on", .date, happened: true, "When it was decided."),
        Field("decided_by", .person, "Who decided."),
        Field("billing", .choice(["free", "paid"]), "For approved changes."),
    ])

    static let retrospective = Shape("retrospective", zh: "复盘", [
        Field("held_on", .date, happened: true, "When it was held."),
        Field("with", .people, "Who took part."),
        Field("lessons", .texts, "What was learned."),
    ])

    static let calendar = Shape("working calendar", zh: "工作日历", [
        Field("holidays", .dates, "Days off: a date, or a range `2025-10-01..2025-10-08`."),
        Field("workdays", .dates, "Make-up working days that fall on a weekend (调休)."),
    ])

    static let closure = Shape("closure", zh: "收尾", [
        Field("report", .text, "The final summary report (path or text)."),
        Field("report_on", .date, happened: true, "When it was delivered."),
        Field("retrospective", .mapping(retrospective), "The retrospective."),
    ])

    static let action = Shape("action", zh: "行动项", [
        Field("what", .text, required: true, "What is to be done."),
        Field("owner", .person, "Who does it."),
        Field("due", .date, "By when."),
        Field("done_on", .date, happened: true, "When it was done."),
    ])

    static let entry = Shape("log entry", zh: "日志条目", [
        Field("date", .date, required: true, "When it happened."),
        Field("type", .choice(entryTypes), required: true, "What kind of contact it was."),
        Field("id", .identifier, requiredWhen: ("type", "conflict"), "Lets other entries follow it up with `re`."),
        Field("source", .text, "Where the entry was imported from (a calendar event's UID, a mail's Message-ID)."),
        Field("kind", .choice(meetingKinds), "For meetings."),
        Field("re", .items, "The items this entry follows up."),
        Field("with", .people, "Participants (meetings, calls)."),
        Field("to", .people, "Recipients (status reports, minutes, emails, messages)."),
        Field("from", .people, "The author on the client side (feedback, conflicts raised, messages received)."),
        Field("topic", .text, "What it was about."),
        Field("summary", .text, "What was said."),
        Field("agenda", .texts, "Meetings: the agenda."),
        Field("agenda_sent_on", .date, "Meetings: when the agenda went to the attendees."),
        Field("decisions", .texts, "What was decided."),
        Field("actions", .list(action), "What is to be done, by whom, by when."),
        Field("done", .texts, "Status reports: completed since the last report."),
        Field("next", .texts, "Status reports: planned next."),
        Field("issues", .texts, "Status reports: problems and risks (an empty list says \"none\")."),
        Field("help_needed", .texts, "Status reports: what the client must do or decide (an empty list says \"none\")."),
        Field("health", .choice(rag), "Status reports: green, amber or red."),
        Field("score", .integer(1...5), "Feedback: satisfaction from 1 to 5."),
        Field("status", .choice(["open", "resolved", "escalated"]), default: "open", "Conflicts: where it stands."),
        Field("resolved_on", .date, happened: true, "Conflicts: when it was resolved."),
        Field("resolution", .text, "Conflicts: the agreed outcome and action plan."),
        Field("lessons", .texts, "What was learned."),
    ])

    static let plan = Shape("plan", zh: "计划", [
        Field("project", .mapping(project), required: true, "The project itself."),
        Field("stakeholders", .list(stakeholder), "The people on both sides."),
        Field("scope", .mapping(scope), "What is and is not delivered, and who approved it."),
        Field("communication", .mapping(communication), "The communication plan."),
        Field("milestones", .list(milestone), "Milestones."),
        Field("risks", .list(risk), "Risks."),
        Field("changes", .list(change), "Change requests from the client."),
        Field("closure", .mapping(closure), "How the project was closed."),
        Field("calendar", .mapping(calendar), "The project's working calendar: holidays and make-up working days."),
        Field("log", .list(entry), "The communication log, for a project that keeps it in the plan."),
    ])

    static let logFile = Shape("log file", zh: "日志文件", [
        Field("log", .list(entry), required: true, "The communication log, one entry per contact."),
    ])
}
