/// Fires on an item whose linked log entries all match a condition (a conflict handled only
/// in writing), unless an entry that clears it (`cleared_by`) took place: one matching its
/// condition, naming one of the item's people in `with` or `to`, dated from the item's date to
/// its `until` date (else as-of), linked or not.
struct LinksCheck: CheckKind {
    static let name = "links"
    static let fields = [
        Field("all_match", .any, "fires when every linked entry matches this."),
        Field("cleared_by", .mapping(clearing), "an entry that clears the item, linked or not: a call with the person who raised it."),
    ]
    static let clearing = Shape("clearing entry", zh: "解除条件", [
        Field("where", .any, required: true, "Which log entries clear the item."),
        Field("people", .text, required: true, "The item's field naming the people the entry must name in `with` or `to`."),
        Field("until", .text, "The item's date field that ends the stretch (default: as-of)."),
    ])
    static let bindings: Set<String> = ["count"]
    let allMatch: Predicate
    let clearedBy: (entries: Predicate, people: String, until: String?)?

    init(_ spec: CheckSpec) throws(LocatedError) {
        guard let allMatch = try spec.predicate("all_match", shape: Schema.entry) else {
            throw spec.error("a `links` check needs `all_match`")
        }
        self.allMatch = allMatch
        if let group = spec.item.item("cleared_by") {
            let entries = try spec.predicate("where", in: group, shape: Schema.entry) ?? .always
            let people = group.text("people") ?? ""
            guard case .success(let type?) = (spec.shape ?? Schema.plan).walk([people]), type.isPeople else {
                throw spec.error(spec.place("people", in: group), "`people` names a field of the item that lists people, such as `from`")
            }
            let until = group.text("until")
            if let until {
                guard case .success(.date?) = (spec.shape ?? Schema.plan).walk([until]) else {
                    throw spec.error(spec.place("until", in: group), "`until` names a date field of the item; `\(until)` is not one")
                }
            }
            clearedBy = (entries, people, until)
        } else {
            clearedBy = nil
        }
    }

    var linksByID: Bool { true }

    func run(_ run: CheckRun) -> [Hit] {
        let index = run.index
        let clearing = clearedBy.map { run.entryPositions(matching: $0.entries) } ?? []
        return run.selected().compactMap { subject, bindings in
            guard let id = subject.item.id, let linked = index.linked[id], !linked.isEmpty else { return nil }
            let entries = linked.map { index.entries[$0] }.filter { $0 !== subject.item }
            guard !entries.isEmpty else { return nil }
            let all = entries.allSatisfy { entry in
                var ignored: [String: Binding] = [:]
                return run.evaluation.holds(allMatch, for: Subject(item: entry), bindings: &ignored)
            }
            guard all else { return nil }
            if let clearedBy, let start = subject.item.date("date") {
                let end = clearedBy.until.flatMap { subject.item.date($0) } ?? index.asOf
                let people = Set(subject.item.refs(clearedBy.people).map(\.id))
                let cleared = clearing.contains { position in
                    let entry = index.entries[position]
                    guard let date = entry.date("date"), date >= start, date <= end, entry !== subject.item else { return false }
                    return (entry.refs("with") + entry.refs("to")).contains { people.contains($0.id) }
                }
                if cleared { return nil }
            }
            var found = bindings
            found["count"] = .number(entries.count)
            return run.hit(subject, bindings: found)
        }
    }
}
