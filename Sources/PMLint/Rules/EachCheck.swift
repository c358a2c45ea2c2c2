/// Fires on every selected item that matches `where` and not `unless`.
struct EachCheck: CheckKind {
    static let name = "each"
    static let fields = [
        Field("unless", .any, "the condition that makes an item fine."),
        Field("never_when", .any, "the condition under which the finding takes the rule's `never:` texts (a risk never reviewed since it was identified)."),
    ]
    static let variants: Set<FindingVariant> = [.never]
    let unless: Predicate?
    let neverWhen: Predicate?

    init(_ spec: CheckSpec) throws(LocatedError) {
        unless = try spec.predicate("unless", shape: spec.shape)
        neverWhen = try spec.predicate("never_when", shape: spec.shape)
    }

    func run(_ run: CheckRun) -> [Hit] {
        run.selected().compactMap { subject, bindings in
            var found = bindings
            if let unless, run.evaluation.holds(unless, for: subject, bindings: &found) { return nil }
            var hit = run.hit(subject, bindings: found)
            if let neverWhen, run.evaluation.holds(neverWhen, for: subject, bindings: &found) { hit.variant = .never }
            return hit
        }
    }
}
