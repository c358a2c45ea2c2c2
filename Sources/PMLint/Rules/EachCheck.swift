/// Fires on every selected item that matches `where` and not `unless`.
struct EachCheck: CheckKind {
    static let name = "each"
    static let fields = [Field("unless", .any, "the condition that makes an item fine.")]
    let unless: Predicate?

    init(_ spec: CheckSpec) throws(LocatedError) {
        unless = try spec.predicate("unless", shape: spec.shape)
    }

    func run(_ run: CheckRun) -> [Hit] {
        run.selected().compactMap { subject, bindings in
            guard let unless else { return run.hit(subject, bindings: bindings) }
            var found = bindings
            return run.evaluation.holds(unless, for: subject, bindings: &found) ? nil : run.hit(subject, bindings: found)
        }
    }
}
