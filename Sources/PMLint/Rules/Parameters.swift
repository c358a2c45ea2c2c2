/// A rule parameter's value.
enum ParameterValue: Sendable {
    case duration(Duration)
    case number(Double)
    case terms(TermList)
}

/// A parameter with its default, and the plan field that overrides the default when given
/// (`every: {default: 1w, from: plan.communication.status_reports.every}`).
struct Parameter: Sendable {
    let name: String
    let defaultValue: ParameterValue
    let from: FieldPath?
    /// The least value a plan's field may set (`at_least: 7d`).
    var atLeast: Duration? = nil
}

/// Vague terms: English matched as whole words, case-insensitive; Chinese as substrings, some
/// only where they close an enumeration.
struct TermList: Sendable {
    struct Term: Sendable {
        let text: String
        let wholeWord: Bool
        /// When set, the term counts only at the end of the text or before one of these.
        let onlyBefore: Set<Character>?
        /// Longer words holding the term, in which it does not count (`可能` in `不可能`).
        var notWithin: [[Character]] = []
    }

    var terms: [Term]
}

extension ParameterValue {
    var duration: Duration? {
        if case .duration(let value) = self { return value }
        return nil
    }
}

extension Parameter {
    /// The value for a project: the plan's field where given, else the default.
    func value(in project: Project) -> ParameterValue {
        if let from, case .field(let field, _)? = project.resolve(from, from: nil), case .duration(let duration) = field.value {
            if let atLeast, duration.approximateDays < atLeast.approximateDays { return .duration(atLeast) }
            return .duration(duration)
        }
        return defaultValue
    }
}

/// Reads `params:` of a rule file.
struct ParameterReader {
    let source: SourceFile
    private var tree: YAMLTree { source.tree }

    init(source: SourceFile) {
        self.source = source
    }

    private func error(_ node: NodeID, _ message: String) -> LocatedError {
        LocatedError(file: source.path, span: source.span(node), message: message)
    }

    func read(_ written: NodeID?) throws(LocatedError) -> [Parameter] {
        guard let written else { return [] }
        let node = tree.resolved(written)
        if tree.isNull(node) { return [] }
        guard tree.kind(node) == .mapping else { throw error(written, "`params` is a mapping of parameter names to defaults") }
        var parameters: [Parameter] = []
        for (keyNode, valueNode) in tree.pairs(node) {
            let name = tree.string(tree.resolved(keyNode))
            let value = tree.resolved(valueNode)
            if tree.kind(value) == .mapping, let defaultNode = tree.value(value, forKey: "default") {
                parameters.append(try withSource(name, value, defaultNode: defaultNode))
            } else if tree.kind(value) == .mapping {
                parameters.append(Parameter(name: name, defaultValue: .terms(try terms(value)), from: nil))
            } else {
                parameters.append(Parameter(name: name, defaultValue: try scalar(valueNode), from: nil))
            }
        }
        return parameters
    }

    private func withSource(_ name: String, _ node: NodeID, defaultNode: NodeID) throws(LocatedError) -> Parameter {
        var from: FieldPath?
        var atLeast: Duration?
        for (keyNode, valueNode) in tree.pairs(node) {
            switch tree.string(tree.resolved(keyNode)) {
            case "default": continue
            case "at_least":
                guard let duration = Duration(parsing: tree.string(tree.resolved(valueNode))) else {
                    throw error(valueNode, "`at_least` is a duration such as 7d")
                }
                atLeast = duration
            case "from":
                let text = tree.string(tree.resolved(valueNode))
                guard let path = FieldPath(text), path.fromPlan else { throw error(valueNode, "`from` is a plan field such as `plan.communication.status_reports.every`") }
                switch Schema.plan.walk(path.keys) {
                case .success(.duration?): from = path
                case .success: throw error(valueNode, "`\(text)` is not a duration field of the plan")
                case .failure(let problem): throw error(valueNode, problem.message)
                }
            default:
                throw error(keyNode, "a parameter takes `default`, `from` and `at_least`")
            }
        }
        return Parameter(name: name, defaultValue: try scalar(defaultNode), from: from, atLeast: atLeast)
    }

    private func scalar(_ node: NodeID) throws(LocatedError) -> ParameterValue {
        let value = tree.resolved(node)
        let text = tree.string(value)
        guard tree.kind(value) == .scalar else { throw error(node, "a parameter's default is a duration (2d, 1w) or a number") }
        if let duration = Duration(parsing: text) { return .duration(duration) }
        if let number = Double(text) { return .number(number) }
        throw error(node, "`\(text)` is neither a duration (2d, 1w, 1mo, 5wd) nor a number")
    }

    /// `{words: [...], substrings: [...]}`; a term may be `{term: 等, only_before: [。, ，]}` or
    /// `{term: 可能, not_within: [不可能]}`.
    func terms(_ node: NodeID) throws(LocatedError) -> TermList {
        var list = TermList(terms: [])
        for (keyNode, valueNode) in tree.pairs(node) {
            let key = tree.string(tree.resolved(keyNode))
            guard key == "words" || key == "substrings" else {
                throw error(keyNode, "a term list has `words` (matched as whole words) and `substrings`")
            }
            let items = tree.resolved(valueNode)
            guard tree.kind(items) == .sequence else { throw error(valueNode, "`\(key)` is a list") }
            for child in tree.children(items) {
                let item = tree.resolved(child)
                if tree.kind(item) == .scalar {
                    list.terms.append(.init(text: tree.string(item).lowercased(), wholeWord: key == "words", onlyBefore: nil))
                } else if tree.kind(item) == .mapping, let term = tree.value(item, forKey: "term"),
                          tree.value(item, forKey: "only_before") != nil || tree.value(item, forKey: "not_within") != nil {
                    let before = tree.value(item, forKey: "only_before").map { node in
                        Set(tree.children(tree.resolved(node)).compactMap { tree.string(tree.resolved($0)).first })
                    }
                    var entry = TermList.Term(text: tree.string(tree.resolved(term)).lowercased(), wholeWord: key == "words", onlyBefore: before)
                    entry.notWithin = tree.value(item, forKey: "not_within").map { node in
                        tree.children(tree.resolved(node)).map { Array(tree.string(tree.resolved($0)).lowercased()) }
                    } ?? []
                    list.terms.append(entry)
                } else {
                    throw error(child, "a term is a string, or `{term: ..., only_before: [...]}` or `{term: ..., not_within: [...]}`")
                }
            }
        }
        return list
    }
}
