/// Fires once when no selected item matches: at the check's `at` in the plan, or, with
/// `given`, at the first given item (and only when one is given).
struct AbsentCheck: CheckKind {
    static let name = "absent"
    static let fields = [Field("given", .mapping(RuleSchema.selection), "fire only when these exist.")]
    static let pointsIntoPlan = true
    let given: (Selector, Predicate)?

    init(_ spec: CheckSpec) throws(LocatedError) {
        given = try spec.selection("given")
    }

    func messageShape(selector: Selector?) -> Shape? { given?.0.shape ?? Schema.plan }

    func run(_ run: CheckRun) -> [Hit] {
        guard let (selector, predicate) = given else {
            return run.selected().isEmpty ? [run.hit(run.planSubject)] : []
        }
        guard let (anchor, _) = run.matching(selector, predicate).first, run.selected().isEmpty else { return [] }
        return [Hit(subject: anchor, source: anchor.source, span: anchor.source.span(anchor.node),
                    path: anchor.path, identity: anchor.stablePath)]
    }
}
