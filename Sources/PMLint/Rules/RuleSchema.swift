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
        Field("severity", .choice(Severity.allCases.map(\.rawValue)), "The severity the finding must have (a late follow-up's is one step lower)."),
        Field("message", .text, "Words the finding's English message must contain."),
        Field("plan", .any, required: true, "A small project: the plan, with its log under `log:`."),
    ])

    public static let examples = Shape("examples", zh: "示例", [
        Field("fire", .list(example), "Projects the rule must fire on."),
        Field("pass", .list(example), "Projects the rule must stay quiet on."),
    ])

    static let selection = Shape("selection", zh: "选择", [
        Field("items", .text, required: true, "What to select."),
        Field("where", .any, "Which of them."),
    ])

    public static let check = Shape("check", zh: "检查", [
        Field("kind", .choice(CheckKinds.all.map { $0.name }), required: true, "The check kind."),
        Field("items", .text, "What the check walks: log, actions, stakeholders, milestones, risks, changes, retrospectives, plan, or a plan path."),
        Field("where", .any, "Which items the check applies to."),
        Field("when", .any, "A condition on the project; the check runs only when it holds."),
        Field("at", .text, "The item's field the finding points at, when present."),
        Field("message", .mapping(localized), "A message of this check's own, instead of the rule's."),
    ] + CheckKinds.fields)

    static let variant = Shape("finding worded apart", zh: "另行措辞的问题", [
        Field("message", .mapping(localized), required: true, "The finding's message."),
        Field("fix", .mapping(localized), "What to do."),
    ])

    public static let rule = Shape("rule", zh: "规则", [
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
    ] + FindingVariant.allCases.map { Field($0.rawValue, .mapping(variant), $0.doc) })
}

extension LocalizedText {
    /// Reads a `{en, zh}` mapping of a rule file.
    init?(_ item: Item?) {
        guard let item, let en = item.text("en") else { return nil }
        self.init(en: en, zh: item.text("zh") ?? "")
    }
}
