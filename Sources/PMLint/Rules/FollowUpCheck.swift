/// An item that must be followed up within a window after its date: a kickoff by minutes to
/// the client, a conflict by any linked entry, a change request by an answer.
struct FollowUpCheck: Sendable {
    enum Otherwise: String, Sendable {
        case none, any, people
    }

    let from: DateExpression
    let within: DurationExpression
    /// Follow-ups count up to the as-of date, not only within the window.
    let openWindow: Bool
    let answeredBy: [String]
    let followUps: Predicate?
    /// What counts for an item without an id, when it differs from `followUps`.
    let unlinkedFollowUps: Predicate?
    let linked: Bool
    let otherwise: Otherwise
    let people: String?

    func run(_ run: CheckRun) -> [Hit] {
        let evaluation = run.evaluation
        let index = run.index
        // Whether an entry counts as a follow-up is decided once per entry, and only for the
        // entries a subject's window reaches: a linked check reads the entries linked to each
        // item, a check by people reads the entries naming them, not the whole log.
        var counts = Verdicts(followUps, run: run)
        var countsUnlinked = unlinkedFollowUps.map { Verdicts($0, run: run) }
        var hits: [Hit] = []
        for (subject, bindings) in run.selected() {
            guard let anchor = evaluation.date(from, for: subject),
                  let window = evaluation.duration(within, for: subject) else { continue }
            let due = window.added(to: anchor)
            // Nothing is late before its window has passed.
            guard evaluation.asOf > due else { continue }
            let last = openWindow ? evaluation.asOf : due
            let range = anchor...last
            if answeredBy.contains(where: { subject.item.date($0).map(range.contains) ?? false }) { continue }
            if followUps != nil {
                let found: Bool
                if linked, let id = subject.item.id {
                    found = run.anyEntry(in: index.entries(linkedTo: id), from: anchor, through: last) {
                        index.entries[$0] != subject.item && counts.holds(at: $0)
                    }
                } else if !linked {
                    found = counts.any(from: anchor, through: last) { index.entries[$0] != subject.item }
                } else if otherwise == .people {
                    // Entries naming one of the item's people in `with` or `to`.
                    let named = Set((people.map { subject.item.refs($0) } ?? []).map(\.id))
                    found = named.contains { person in
                        run.anyEntry(in: index.entries(mentioning: person), from: anchor, through: last) { position in
                            let entry = index.entries[position]
                            return entry != subject.item
                                && (countsUnlinked?.holds(at: position) ?? counts.holds(at: position))
                                && (entry.refs("with").contains { $0.id == person } || entry.refs("to").contains { $0.id == person })
                        }
                    }
                } else if otherwise == .any {
                    // Asked in place: a copy of the verdicts would copy their memory for each item.
                    let other: (Int32) -> Bool = { index.entries[$0] != subject.item }
                    found = countsUnlinked?.any(from: anchor, through: last, where: other)
                        ?? counts.any(from: anchor, through: last, where: other)
                } else {
                    found = false
                }
                if found { continue }
            }
            var values = bindings
            values["due"] = .day(due)
            values["within"] = .duration(window)
            hits.append(run.hit(subject, bindings: values))
        }
        return hits
    }

    /// Which log entries satisfy a follow-up condition, decided on first asking. The whole list
    /// of them is found only for a check that needs it (one not linked to its items).
    private struct Verdicts {
        let predicate: Predicate?
        let run: CheckRun
        /// Per position in the date-sorted log: 0 not asked yet, 1 holds, 2 does not.
        var known: [UInt8]
        var all: [Int32]?

        init(_ predicate: Predicate?, run: CheckRun) {
            self.predicate = predicate
            self.run = run
            known = []
        }

        mutating func holds(at entry: Int32) -> Bool {
            let position = Int(entry)
            guard let predicate else { return false }
            if known.isEmpty { known = [UInt8](repeating: 0, count: run.index.entries.count) }
            if known[position] == 0 {
                var ignored: [String: Binding] = [:]
                let holds = run.evaluation.holds(predicate, for: Subject(entry: entry, in: run.index), bindings: &ignored)
                known[position] = holds ? 1 : 2
            }
            return known[position] == 1
        }

        /// Whether an entry dated within the range satisfies the condition and `accept`.
        mutating func any(from first: Day, through last: Day, where accept: (Int32) -> Bool) -> Bool {
            guard let predicate else { return false }
            if all == nil { all = run.entryPositions(matching: predicate) }
            return run.anyEntry(in: all?[...] ?? [], from: first, through: last, where: accept)
        }
    }
}
