/// A rule of the catalog, built-in or a team's: a rule file compiled.
public struct Rule: Sendable {
    public let id: String
    let category: String
    internal(set) var severity: Severity
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

    /// Parameter names with their defaults as written (for docs and `explain`).
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
    let planNode: NodeID
    let span: Span
}
