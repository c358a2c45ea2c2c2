/// Dated items that should come at a steady cadence: each stretch between two consecutive
/// ones longer than `factor` × `every` (in days) is a finding on the later one.
struct GapsCheck: CheckKind {
    static let hasWindow = true
    static let name = "gaps"
    static let fields = [
        Field("every", .text, "the expected cadence."),
        Field("factor", .text, "how many times `every` a gap may last: a number, or a number `$parameter`."),
        Field("holidays", .choice(["count", "skip"]), "`skip`: the plan's holidays in a stretch do not count towards it (default `count`)."),
        Field("until", .text, "a date (e.g. `plan.project.closed_on`): the stretch from the last item to it counts too, once it is past (`closing:`)."),
    ]
    static let bindings: Set<String> = ["previous", "gap", "limit", "until"]
    static let variants: Set<FindingVariant> = [.closing]
    let every: DurationExpression
    let factor: Operand
    /// The plan's holidays do not count towards a gap.
    let skipsHolidays: Bool
    /// The date the stretch after the last item runs to, when it counts.
    let until: DateExpression?

    init(_ spec: CheckSpec) throws(LocatedError) {
        every = try spec.requiredDuration("every")
        if let written = spec.item["factor"] {
            factor = try spec.predicates.operand(written.node, shape: nil)
        } else {
            factor = .number(1)
        }
        if case .date = factor { throw spec.error(spec.place("factor"), "`factor` is a number (1.5) or a number `$parameter`") }
        skipsHolidays = spec.item.choice("holidays") == "skip"
        until = spec.item.text("until") == nil ? nil : try spec.dateExpression("until", default: "")
    }

    func run(_ run: CheckRun) -> [Hit] {
        guard let cadence = run.evaluation.duration(every, for: nil),
              case .number(let factor)? = run.evaluation.operand(self.factor, for: nil) else { return [] }
        let limit = factor * Double(cadence.approximateDays)
        var hits: [Hit] = []
        let calendar = run.index.calendar
        // Holidays count once: a cadence in working days skips them already.
        let skips = skipsHolidays && cadence.unit != .workingDays
        var previous: Day?
        for (subject, bindings) in run.selected() {
            guard let date = subject.date() else { continue }
            if let previous, case let gap = date.days(since: previous) - (skips ? calendar.holidays(after: previous, through: date) : 0),
               Double(gap) > limit {
                var values = bindings
                values["previous"] = .day(previous)
                values["gap"] = .number(gap)
                values["limit"] = .number(Int(limit.rounded(.down)))
                hits.append(run.hit(subject, bindings: values))
            }
            previous = date
        }
        if let until, let end = run.evaluation.date(until, for: run.planSubject), end <= run.evaluation.asOf, let previous, previous < end {
            let gap = end.days(since: previous) - (skips ? calendar.holidays(after: previous, through: end) : 0)
            if Double(gap) > limit {
                var hit = run.hit(run.planSubject, at: until.firstField,
                                  bindings: ["previous": .day(previous), "gap": .number(gap),
                                             "limit": .number(Int(limit.rounded(.down))), "until": .day(end)],
                                  key: "|closing")
                hit.variant = .closing
                hits.append(hit)
            }
        }
        return hits
    }
}
