/// Contact that must recur: the last matching log entry (or a start date) plus a cadence and
/// a grace period must not be behind the as-of date. Status reports, recurring meetings,
/// feedback, touching base with a sponsor.
struct RecencyCheck: CheckKind {
    static let hasWindow = true
    static let name = "recency"
    static let fields = [
        Field("entries", .mapping(entrySelection), "the log entries that count."),
        Field("since", .text, "the date to count from when no entry counts (default `plan.project.start`)."),
        Field("every", .text, "the expected cadence."),
        Field("grace", .text, "extra time allowed."),
        Field("holidays", .choice(["count", "skip"]), "`skip`: the plan's holidays in a stretch do not count towards it (default `count`)."),
        Field("only", .choice(["lapsed", "never"]), "fire only when an entry counted once and then lapsed, or only when none ever counted (default: either)."),
    ]

    static let entrySelection = Shape("entry selection", zh: "日志选择", [
        Field("where", .any, "Which log entries count."),
        Field("same", .any, "Entry fields that must equal the item's: `{kind: kind}`."),
        Field("mentions", .choice(["true", "false"]), "Entries whose with/to/from name the item (a stakeholder)."),
    ])
    static let required: Set<String> = ["entries", "every"]
    static let bindings: Set<String> = ["last", "since", "due", "days", "every", "grace"]
    static let variants: Set<FindingVariant> = [.never]

    let entries: Predicate
    /// Entry field = item field pairs (`{kind: kind}`).
    let same: [(entry: FieldPath, item: FieldPath)]
    /// Only entries naming the item (a stakeholder) in with/to/from.
    let mentions: Bool
    let since: DateExpression
    let every: DurationExpression
    let grace: DurationExpression?
    /// The plan's holidays do not count towards a stretch (a cadence of contact, not of days).
    let skipsHolidays: Bool
    /// `lapsed`: only items some entry counted for once; `never`: only items none ever counted for.
    let only: String?

    init(_ spec: CheckSpec) throws(LocatedError) {
        guard let group = spec.item.item("entries") else { throw spec.error("a `recency` check needs `entries: {where: ...}`") }
        entries = try spec.predicate("where", in: group, shape: Schema.entry) ?? .always
        var same: [(entry: FieldPath, item: FieldPath)] = []
        if let sameNode = spec.node("same", in: group) {
            let tree = spec.tree
            for (keyNode, valueNode) in tree.pairs(tree.resolved(sameNode)) {
                let entryPath = try spec.predicates.fieldPath(tree.string(tree.resolved(keyNode)), at: keyNode, shape: Schema.entry)
                let itemPath = try spec.predicates.fieldPath(tree.string(tree.resolved(valueNode)), at: valueNode, shape: spec.shape)
                same.append((entryPath, itemPath))
            }
        }
        self.same = same
        mentions = group.choice("mentions") == "true"
        since = try spec.dateExpression("since", default: "plan.project.start")
        every = try spec.requiredDuration("every")
        grace = try spec.durationExpression("grace")
        skipsHolidays = spec.item.choice("holidays") == "skip"
        only = spec.item.choice("only")
    }

    func run(_ run: CheckRun) -> [Hit] {
        let evaluation = run.evaluation
        let index = run.index
        // The entries that count, found once; then the newest per item in O(1) or, for
        // `mentions`, by walking that person's (date-sorted) entries from the end.
        let matching = run.entryPositions(matching: entries)
        let matchingSet = Set(matching)
        var newestBySame: [[String?]: Int] = [:]
        if !same.isEmpty {
            for position in matching {
                let entrySubject = Subject(item: index.entries[position])
                newestBySame[same.map { evaluation.project.resolve($0.entry, from: entrySubject)?.value.word }] = position
            }
        }
        var hits: [Hit] = []
        for (subject, bindings) in run.selected() {
            var newest: Int?
            if mentions {
                guard let id = subject.item.id else { continue }
                newest = (index.mentions[id] ?? []).last { matchingSet.contains($0) }
            } else {
                newest = matching.last
            }
            if !same.isEmpty {
                let key = same.map { evaluation.project.resolve($0.item, from: subject)?.value.word }
                if mentions {
                    newest = (index.mentions[subject.item.id ?? ""] ?? []).last { position in
                        matchingSet.contains(position) && same.map {
                            evaluation.project.resolve($0.entry, from: Subject(item: index.entries[position]))?.value.word
                        } == key
                    }
                } else {
                    newest = key.contains(nil) ? nil : newestBySame[key]
                }
            }
            let last = newest.map { index.entries[$0] }
            if only == "lapsed", last == nil { continue }
            if only == "never", last != nil { continue }
            guard let base = last?.date("date") ?? evaluation.date(since, for: subject),
                  let cadence = evaluation.duration(every, for: subject) else { continue }
            let extra = grace.flatMap { evaluation.duration($0, for: subject) }
            var due = cadence.added(to: base, calendar: index.calendar)
            if let extra { due = extra.added(to: due, calendar: index.calendar) }
            // The plan's holidays in the stretch do not count towards it, unless the cadence is
            // in working days, which skip them already.
            if skipsHolidays, cadence.unit != .workingDays { due = index.calendar.extending(base, by: due.days(since: base)) }
            guard evaluation.asOf > due else { continue }
            var values = bindings
            values["since"] = .day(base)
            if let lastDate = last?.date("date") { values["last"] = .day(lastDate) }
            values["due"] = .day(due)
            values["days"] = .number(evaluation.asOf.days(since: base))
            values["every"] = .duration(cadence)
            if let extra { values["grace"] = .duration(extra) }
            // The finding points at what sets the expectation (the check's `at` in the plan, the
            // stakeholder, the recurring meeting), never at the last entry: that moves with every
            // entry and would make a baseline's finding look new.
            var hit: Hit
            if subject.item === index.plan, !(run.check.at.map { index.project.resolve($0, from: subject) != nil } ?? false),
               let field = since.firstField {
                hit = run.hit(subject, at: field, bindings: values)
            } else {
                hit = run.hit(subject, bindings: values)
            }
            if last == nil { hit.variant = .never }
            hits.append(hit)
        }
        return hits
    }
}
