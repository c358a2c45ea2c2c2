/// Fires on an item whose linked log entries all match a condition (a conflict handled only
/// in writing).
struct LinksCheck: CheckKind {
    static let name = "links"
    static let fields = [Field("all_match", .any, "fires when every linked entry matches this.")]
    static let bindings: Set<String> = ["count"]
    let allMatch: Predicate

    init(_ spec: CheckSpec) throws(LocatedError) {
        guard let allMatch = try spec.predicate("all_match", shape: Schema.entry) else {
            throw spec.error("a `links` check needs `all_match`")
        }
        self.allMatch = allMatch
    }

    func run(_ run: CheckRun) -> [Hit] {
        let index = run.index
        return run.selected().compactMap { subject, bindings in
            guard let id = subject.item.id, let linked = index.linked[id], !linked.isEmpty else { return nil }
            let entries = linked.map { index.entries[$0] }.filter { $0 !== subject.item }
            guard !entries.isEmpty else { return nil }
            let all = entries.allSatisfy { entry in
                var ignored: [String: Binding] = [:]
                return run.evaluation.holds(allMatch, for: Subject(item: entry), bindings: &ignored)
            }
            guard all else { return nil }
            var found = bindings
            found["count"] = .number(entries.count)
            return run.hit(subject, bindings: found)
        }
    }
}
