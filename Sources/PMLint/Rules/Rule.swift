/// A rule of the catalog, built-in or a team's: a rule file compiled.
public struct Rule: Sendable {
    public let id: String
    public let category: String
    public internal(set) var severity: Severity
    public let summary: LocalizedText
    public let rationale: LocalizedText
    public let source: String
    public let message: LocalizedText
    public let fix: LocalizedText?
    public let examples: [RuleExample]
    /// The rule file, for locating examples and errors.
    public let file: SourceFile
    public let isBuiltIn: Bool
    var parameters: [Parameter]
    let checks: [Check]

    /// Parameter names with their defaults as written (for docs and `explain`).
    public var parameterDefaults: [(name: String, value: String, from: String?)] {
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
    public let fires: Bool
    public let asOf: Day
    public let at: String?
    public let planNode: NodeID
    public let span: Span
}
