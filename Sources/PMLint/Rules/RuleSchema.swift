/// The rule language's file format, written with the same schema machinery as plans, so a
/// broken rule file gets the same located `schema` / `unknown-key` messages.
enum RuleSchema {
    static let localized = Shape("text in each language", zh: "多语言文本", [
        Field("en", .text, required: true, "English."),
        Field("zh", .text, "Chinese."),
    ])

    static let example = Shape("example", zh: "示例", [
        Field("as_of", .date, required: true, "The date the example is checked as of."),
        Field("at", .text, "The logical path the finding must point at, e.g. `log[0]`."),
        Field("note", .text, "What the example shows."),
        Field("plan", .any, required: true, "A small project: the plan, with its log under `log:`."),
    ])

    static let examples = Shape("examples", zh: "示例", [
        Field("fire", .list(example), "Projects the rule must fire on."),
        Field("pass", .list(example), "Projects the rule must stay quiet on."),
    ])

    static let selection = Shape("selection", zh: "选择", [
        Field("items", .text, required: true, "What to select."),
        Field("where", .any, "Which of them."),
    ])

    static let followUp = Shape("follow-up", zh: "跟进", [
        Field("where", .any, "Which log entries count as a follow-up."),
        Field("linked", .choice(["true", "false"]), "Whether a follow-up must name the item in `re`."),
        Field("otherwise", .choice(["none", "any", "people"]),
              "For an item without an id: `any` matching entry in the window, or entries naming its `people`."),
        Field("people", .text, "With `otherwise: people`: the item's field whose people a follow-up must name."),
        Field("otherwise_where", .any, "Which log entries count for an item without an id (default: `where`)."),
    ])

    static let entries = Shape("entry selection", zh: "日志选择", [
        Field("where", .any, "Which log entries count."),
        Field("same", .any, "Entry fields that must equal the item's: `{kind: kind}`."),
        Field("mentions", .choice(["true", "false"]), "Entries whose with/to/from name the item (a stakeholder)."),
    ])

    static let check = Shape("check", zh: "检查", [
        Field("kind", .choice(CheckKinds.all.map { $0.name }), required: true, "The check kind."),
        Field("items", .text, "What the check walks: log, actions, stakeholders, milestones, risks, changes, retrospectives, plan, or a plan path."),
        Field("where", .any, "Which items the check applies to."),
        Field("when", .any, "A condition on the project; the check runs only when it holds."),
        Field("unless", .any, "each: the condition that makes an item fine."),
        Field("at", .text, "The item's field the finding points at, when present."),
        Field("message", .mapping(localized), "A message of this check's own, instead of the rule's."),
        Field("given", .mapping(selection), "absent: fire only when these exist."),
        Field("from", .text, "follow-up: the date the window starts at (default `date`)."),
        Field("within", .text, "follow-up: the window."),
        Field("window", .choice(["within", "open"]), "follow-up: `open` counts follow-ups up to the as-of date."),
        Field("answered_by", .texts, "follow-up: item date fields that count as an answer within the window."),
        Field("followed_by", .mapping(followUp), "follow-up: what counts as a follow-up."),
        Field("entries", .mapping(entries), "recency: the log entries that count."),
        Field("since", .text, "recency: the date to count from when no entry counts (default `plan.project.start`)."),
        Field("every", .text, "recency, gaps: the expected cadence."),
        Field("grace", .text, "recency: extra time allowed."),
        Field("factor", .number, "gaps: how many times `every` a gap may last."),
        Field("on", .text, "overlap: the item's date (default `date`)."),
        Field("others", .mapping(selection), "overlap: the items that must not be open on that date."),
        Field("open_after", .text, "overlap: the other item's date after which it is open."),
        Field("closed_by", .text, "overlap: the other item's date that closes it."),
        Field("in", .texts, "terms: the text fields to search."),
        Field("terms", .text, "terms: the parameter holding the word lists."),
        Field("all_match", .any, "links: fires when every linked entry matches this."),
    ])

    static let rule = Shape("rule", zh: "规则", [
        Field("id", .identifier, required: true, "The rule's id."),
        Field("category", .text, required: true, "The category, for --select and --ignore."),
        Field("severity", .choice(Severity.allCases.map(\.rawValue)), required: true, "error, warning or info."),
        Field("summary", .mapping(localized), required: true, "One line: what good practice the rule checks."),
        Field("rationale", .mapping(localized), required: true, "Why it matters, in words a junior project manager learns from."),
        Field("source", .text, required: true, "Where the guidance comes from."),
        Field("params", .any, "Parameters with their defaults."),
        Field("check", .mapping(check), "The check."),
        Field("checks", .list(check), "Several checks, any of which fires."),
        Field("message", .mapping(localized), required: true, "The finding's message; `{field}` inserts values."),
        Field("fix", .mapping(localized), "What to do, with the log entry to add once it is done."),
        Field("examples", .mapping(examples), "Projects the rule must fire on and stay quiet on."),
    ])
}

extension LocalizedText {
    /// Reads a `{en, zh}` mapping of a rule file.
    init?(_ item: Item?) {
        guard let item, let en = item.text("en") else { return nil }
        self.init(en: en, zh: item.text("zh") ?? "")
    }
}
