/// A rule of the catalog, built-in or a team's: a rule file compiled.
public struct Rule: Sendable {
    public let id: String
    let category: String
    var severity: Severity
    let summary: LocalizedText
    let rationale: LocalizedText
    let source: String
    let message: LocalizedText
    let fix: LocalizedText?
    /// The message and fix of the findings it words apart (`late:`, `never:`).
    let variants: [FindingVariant: (message: LocalizedText, fix: LocalizedText?)]
    public let examples: [RuleExample]
    /// The rule file, for locating examples and errors.
    let file: SourceFile
    let isBuiltIn: Bool
    var parameters: [Parameter]
    let checks: [Check]
    /// It reports items from a day on when nothing happens (a window, a cadence, a due date):
    /// what `pmlint due` lists ahead and `--include-late` behind.
    var hasDeadlines = false

    /// Parameter names with their defaults as written (for docs and `explain`).
    /// Some check counts a log entry for an item only when its `re` names the item's id.
    var linksByID: Bool { checks.contains { $0.kind.linksByID } }

    /// A message or fix as `explain` shows it: parameters at their defaults, values the
    /// finding fills in as `<name>`; in a fix, placeholders for the user to fill as written
    /// (`kickoff-id`).
    func described(_ text: String, _ language: Language, isFix: Bool = false) -> String {
        var defaults: [String: String] = [:]
        for parameter in parameters {
            switch parameter.defaultValue {
            case .duration(let duration): defaults[parameter.name] = duration.spelled(language)
            case .number(let number): defaults[parameter.name] = number == number.rounded() ? String(Int(number)) : String(number)
            case .terms: break
            }
        }
        let shapes = checks.map { $0.kind.messageShape(selector: $0.selector) }
        let bindings = Set(checks.flatMap(\.bindings))
        func isName(_ name: String) -> Bool {
            if defaults[name] != nil || bindings.contains(name) || ["as_of", "path", "missing"].contains(name) { return true }
            guard let path = FieldPath(name) else { return false }
            if path.fromPlan, case .success = Schema.plan.walk(path.keys) { return true }
            return shapes.contains { shape in
                guard let shape, case .success = shape.walk(path.keys) else { return shape == nil && name == "text" }
                return true
            }
        }
        return Template(text).render(language, value: { defaults[$0] }, isName: { isFix ? isName($0) : true }, missing: { "<\($0)>" })
    }

    var parameterDefaults: [(name: String, value: String, from: String?)] {
        parameters.map { parameter in
            let value: String
            switch parameter.defaultValue {
            case .duration(let duration): value = duration.description
            case .number(let number): value = number == number.rounded() ? String(Int(number)) : String(number)
            case .terms(let list): value = "\(list.terms.count) terms"
            }
            return (parameter.name, value, parameter.from?.description)
        }
    }
}

/// A small project in a rule file that the rule must fire on (at `at`, when given) or pass.
public struct RuleExample: Sendable {
    let fires: Bool
    let asOf: Day
    let at: String?
    /// What the finding must be like, when the example says.
    let severity: Severity?
    let message: String?
    let planNode: NodeID
    let span: Span
}
