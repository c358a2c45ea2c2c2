/// Contact that must recur: the last matching log entry (or a start date) plus a cadence and
/// a grace period must not be behind the as-of date. Status reports, recurring meetings,
/// feedback, touching base with a sponsor.
struct RecencyCheck: Sendable {
    let entries: Predicate
    /// Entry field = item field pairs (`{kind: kind}`).
    let same: [(entry: FieldPath, item: FieldPath)]
    /// Only entries naming the item (a stakeholder) in with/to/from.
    let mentions: Bool
    let since: DateExpression
    let every: DurationExpression
    let grace: DurationExpression?

    func run(_ run: CheckRun) -> [Hit] {
        let evaluation = run.evaluation
        let index = run.index
        // The entries that count, found once; then the newest per item in O(1) or, for
        // `mentions`, by walking that person's (date-sorted) entries from the end.
        let matching = run.entryPositions(matching: entries)
        let matchingSet = Set(matching)
        var newestBySame: [[String?]: Int32] = [:]
        if !same.isEmpty {
            for position in matching.reversed() {
                let entrySubject = Subject(entry: position, in: index)
                let key = same.map { evaluation.word($0.entry, for: entrySubject) }
                if newestBySame[key] == nil { newestBySame[key] = position }
            }
        }
        var hits: [Hit] = []
        for (subject, bindings) in run.selected() {
            var newest: Int32?
            if mentions {
                guard let id = subject.item.id else { continue }
                newest = index.entries(mentioning: id).last { matchingSet.contains($0) }
            } else {
                newest = matching.last
            }
            if !same.isEmpty {
                let key = same.map { evaluation.word($0.item, for: subject) }
                if mentions {
                    newest = index.entries(mentioning: subject.item.id ?? "").last { position in
                        matchingSet.contains(position) && same.map { evaluation.word($0.entry, for: Subject(entry: position, in: index)) } == key
                    }
                } else {
                    newest = key.contains(nil) ? nil : newestBySame[key]
                }
            }
            let last = newest.map { index.entries[$0] }
            guard let base = last?.date("date") ?? evaluation.date(since, for: subject),
                  let cadence = evaluation.duration(every, for: subject) else { continue }
            let extra = grace.flatMap { evaluation.duration($0, for: subject) }
            var due = cadence.added(to: base)
            if let extra { due = extra.added(to: due) }
            guard evaluation.asOf > due else { continue }
            var values = bindings
            values["since"] = .day(base)
            if let lastDate = last?.date("date") { values["last"] = .day(lastDate) }
            values["due"] = .day(due)
            values["days"] = .number(evaluation.asOf.days(since: base))
            values["every"] = .duration(cadence)
            if let extra { values["grace"] = .duration(extra) }
            if let last {
                hits.append(run.entryHit(last, subject: subject, bindings: values))
            } else if subject.item == index.plan, let field = since.firstField {
                hits.append(run.hit(subject, at: field, bindings: values))
            } else {
                hits.append(run.hit(subject, bindings: values))
            }
        }
        return hits
    }


}
