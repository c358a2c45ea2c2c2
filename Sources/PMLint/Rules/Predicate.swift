/// A condition in a rule: `where`, `unless`, `when`, `all_match`. Written as a mapping whose
/// keys are field paths (`type: meeting`, `to: {person: {side: client}}`) or combinators
/// (`all`, `any`, `not`, `compare`, `client_facing`, `addressed_to_client`, `project_over`); all keys must hold.
indirect enum Predicate: Sendable {
    case all([Predicate])
    case any([Predicate])
    case not(Predicate)
    case clientFacing(Bool)
    case addressedToClient(Bool)
    case projectOver(Bool)
    case compare(Operand, Comparison, Operand)
    case field(FieldPath, FieldCondition)

    static let always = Predicate.all([])

    /// The log entry types a subject must have for the predicate to hold, when it says
    /// (`type: conflict`, or such a condition inside `all`, or in every branch of `any`).
    var requiredTypes: Set<String>? {
        switch self {
        case .field(let path, .among(let words)) where !path.fromPlan && path.keys == ["type"]:
            return Set(words)
        case .all(let parts):
            var required: Set<String>?
            for types in parts.compactMap(\.requiredTypes) { required = required?.intersection(types) ?? types }
            return required
        case .any(let parts):
            let sets = parts.map(\.requiredTypes)
            guard !sets.isEmpty, !sets.contains(where: { $0 == nil }) else { return nil }
            return sets.compactMap { $0 }.reduce(Set()) { $0.union($1) }
        default:
            return nil
        }
    }
}

enum FieldCondition: Sendable {
    /// The value is one of these (a choice, text, date, number; a ref or text list containing one).
    case among([String])
    case notAmong([String])
    /// The key is given (an empty list counts: it says "none").
    case exists(Bool)
    /// No value, or an empty list.
    case empty(Bool)
    /// Some ref in the field names a stakeholder matching the predicate.
    case person(Predicate)
    /// The refs include every ref of another field (binds `missing`).
    case includes(FieldPath)
    /// The text holds one of these characters.
    case containsAny([ClosedRange<Unicode.Scalar>])
    /// The value is one of the values of a field of the plan's items (`in_plan:
    /// communication.meetings.kind`: the kind of one of the recurring meetings).
    case amongPlanValues(Selector, key: String)
}

enum Operand: Sendable {
    case date(DateExpression)
    case number(Double)
    /// A number parameter of the rule (`$max_score`).
    case parameter(String)
}

enum Comparison: String, Sendable, CaseIterable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

    func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
        switch self {
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }
}

/// Compiles predicates from a rule file's nodes, checking field paths against the schema.
struct PredicateCompiler {
    let source: SourceFile
    let parameters: Set<String>

    private var tree: YAMLTree { source.tree }

    func error(_ node: NodeID, _ message: String) -> LocatedError {
        LocatedError(file: source.path, span: source.span(node), message: message)
    }

    /// `shape` is what the predicate's subject is (nil: a string of a `texts` field).
    func compile(_ written: NodeID, shape: Shape?) throws(LocatedError) -> Predicate {
        let node = tree.resolved(written)
        guard tree.kind(node) == .mapping else {
            throw error(written, "a condition is a mapping such as `{type: meeting}`")
        }
        var parts: [Predicate] = []
        for (keyNode, valueNode) in tree.pairs(node) {
            let key = tree.string(tree.resolved(keyNode))
            let value = tree.resolved(valueNode)
            switch key {
            case "all", "any":
                guard tree.kind(value) == .sequence else { throw error(valueNode, "`\(key)` takes a list of conditions") }
                var inner: [Predicate] = []
                for child in tree.children(value) { inner.append(try compile(child, shape: shape)) }
                parts.append(key == "all" ? .all(inner) : .any(inner))
            case "not":
                parts.append(.not(try compile(valueNode, shape: shape)))
            case "client_facing":
                parts.append(.clientFacing(try flag(valueNode)))
            case "addressed_to_client":
                parts.append(.addressedToClient(try flag(valueNode)))
            case "project_over":
                parts.append(.projectOver(try flag(valueNode)))
            case "compare":
                parts.append(try comparison(valueNode, shape: shape))
            default:
                let path = try fieldPath(key, at: keyNode, shape: shape)
                parts.append(.field(path, try condition(valueNode, path: path, shape: shape)))
            }
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    func fieldPath(_ text: String, at node: NodeID, shape: Shape?) throws(LocatedError) -> FieldPath {
        guard let path = FieldPath(text) else { throw error(node, "`\(text)` is not a field path") }
        if path.fromPlan {
            if case .failure(let problem) = Schema.plan.walk(path.keys) { throw error(node, problem.message) }
        } else if let shape {
            if case .failure(let problem) = shape.walk(path.keys) { throw error(node, problem.message) }
        } else if path.keys != ["text"] {
            throw error(node, "a string of a text list has one field, `text`; `\(text)` is not it")
        }
        return path
    }

    private func flag(_ node: NodeID) throws(LocatedError) -> Bool {
        switch tree.string(tree.resolved(node)) {
        case "true": return true
        case "false": return false
        default: throw error(node, "expected true or false")
        }
    }

    private func comparison(_ written: NodeID, shape: Shape?) throws(LocatedError) -> Predicate {
        let node = tree.resolved(written)
        let items = tree.children(node).map { tree.resolved($0) }
        guard tree.kind(node) == .sequence, items.count == 3, items.allSatisfy({ tree.kind($0) == .scalar }),
              let comparison = Comparison(rawValue: tree.string(items[1])) else {
            throw error(written, "`compare` takes [left, operator, right], the operator one of "
                        + Comparison.allCases.map(\.rawValue).joined(separator: " "))
        }
        return .compare(try operand(items[0], shape: shape), comparison, try operand(items[2], shape: shape))
    }

    func operand(_ node: NodeID, shape: Shape?) throws(LocatedError) -> Operand {
        let text = tree.string(node)
        if let number = Double(text) { return .number(number) }
        if text.hasPrefix("$"), !text.contains(" ") {
            let name = String(text.dropFirst())
            guard parameters.contains(name) else {
                throw error(node, "`\(text)` names no parameter of this rule" + (nearest(to: name, in: parameters).first.map { "; did you mean `$\($0)`?" } ?? ""))
            }
            return .parameter(name)
        }
        return .date(try dateExpression(text, at: node, shape: shape))
    }

    func dateExpression(_ text: String, at node: NodeID, shape: Shape?) throws(LocatedError) -> DateExpression {
        guard let expression = DateExpression(text) else {
            throw error(node, "`\(text)` is not a date expression (as_of, a field, `a|b` for the first given, then `+ 2d` or `- $param`)")
        }
        if case .fields(let paths) = expression.base {
            for path in paths { _ = try fieldPath(path.description, at: node, shape: shape) }
        }
        for offset in expression.offsets { try check(offset.duration, at: node, shape: shape) }
        return expression
    }

    func durationExpression(_ text: String, at node: NodeID, shape: Shape?) throws(LocatedError) -> DurationExpression {
        guard let expression = DurationExpression(text) else {
            throw error(node, "`\(text)` is not a duration (2d, 1w, 1mo, 5wd), a `$parameter` or a field")
        }
        try check(expression, at: node, shape: shape)
        return expression
    }

    private func check(_ duration: DurationExpression, at node: NodeID, shape: Shape?) throws(LocatedError) {
        switch duration {
        case .parameter(let name) where !parameters.contains(name):
            throw error(node, "`$\(name)` names no parameter of this rule" + (nearest(to: name, in: parameters).first.map { "; did you mean `$\($0)`?" } ?? ""))
        case .field(let path):
            _ = try fieldPath(path.description, at: node, shape: shape)
        default:
            break
        }
    }

    private func condition(_ written: NodeID, path: FieldPath, shape: Shape?) throws(LocatedError) -> FieldCondition {
        let node = tree.resolved(written)
        switch tree.kind(node) {
        case .scalar:
            return .among(try choices([tree.string(node)], at: written, path: path, shape: shape))
        case .sequence:
            return .among(try choices(try words(written), at: written, path: path, shape: shape))
        default:
            break
        }
        var conditions: [FieldCondition] = []
        for (keyNode, valueNode) in tree.pairs(node) {
            let key = tree.string(tree.resolved(keyNode))
            switch key {
            case "equals": conditions.append(.among(try choices([tree.string(tree.resolved(valueNode))], at: valueNode, path: path, shape: shape)))
            case "in": conditions.append(.among(try choices(try words(valueNode), at: valueNode, path: path, shape: shape)))
            case "not_in": conditions.append(.notAmong(try choices(try words(valueNode), at: valueNode, path: path, shape: shape)))
            case "exists": conditions.append(.exists(try flag(valueNode)))
            case "empty": conditions.append(.empty(try flag(valueNode)))
            case "person": conditions.append(.person(try compile(valueNode, shape: Schema.stakeholder)))
            case "includes":
                conditions.append(.includes(try fieldPath(tree.string(tree.resolved(valueNode)), at: valueNode, shape: shape)))
            case "contains_any": conditions.append(.containsAny(try characterRanges(valueNode)))
            case "in_plan": conditions.append(try planValues(valueNode))
            default:
                let known = ["equals", "in", "not_in", "in_plan", "exists", "empty", "person", "includes", "contains_any"]
                throw error(keyNode, "`\(key)` is not a condition on `\(path)`; use one of \(known.joined(separator: ", "))"
                            + (nearest(to: key, in: known).first.map { " (did you mean `\($0)`?)" } ?? ""))
            }
        }
        guard conditions.count == 1 else { throw error(written, "give one condition per field; combine several with `all:`") }
        return conditions[0]
    }

    /// `communication.meetings.kind`: items of the plan, and their field whose values count.
    private func planValues(_ written: NodeID) throws(LocatedError) -> FieldCondition {
        let text = tree.string(tree.resolved(written))
        var keys = text.split(separator: ".").map(String.init)
        if keys.first == "plan" { keys.removeFirst() }
        guard keys.count >= 2, let key = keys.popLast() else {
            throw error(written, "`in_plan` names items of the plan and one of their fields, e.g. `communication.meetings.kind`")
        }
        let selector = try Selector.compile(keys.joined(separator: "."), at: written, in: source)
        guard let shape = selector.shape, shape.field(key) != nil else {
            throw error(written, "`\(key)` is not a field of the items `\(keys.joined(separator: "."))` selects")
        }
        return .amongPlanValues(selector, key: key)
    }

    /// Words compared with a field of fixed words (`type`, `status`, `side`) must be among
    /// them: `{type: meetng}` would load and never fire.
    private func choices(_ words: [String], at node: NodeID, path: FieldPath, shape: Shape?) throws(LocatedError) -> [String] {
        let owner = path.fromPlan ? Schema.plan : shape
        guard let owner, case .success(.choice(let options)?) = owner.walk(path.keys) else { return words }
        for word in words where !options.contains(word) {
            throw error(node, "`\(word)` is not a value of `\(path)`: use one of \(options.joined(separator: ", "))"
                        + (nearest(to: word, in: options).first.map { "; did you mean `\($0)`?" } ?? ""))
        }
        return words
    }

    private func words(_ written: NodeID) throws(LocatedError) -> [String] {
        let node = tree.resolved(written)
        if tree.kind(node) == .scalar { return [tree.string(node)] }
        guard tree.kind(node) == .sequence else { throw error(written, "expected a word or a list of words") }
        return tree.children(node).map { tree.string(tree.resolved($0)) }
    }

    /// `["0-9", "%"]`: single characters or ranges `a-b`.
    private func characterRanges(_ node: NodeID) throws(LocatedError) -> [ClosedRange<Unicode.Scalar>] {
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        for word in try words(node) {
            let scalars = Array(word.unicodeScalars)
            if scalars.count == 1 {
                ranges.append(scalars[0]...scalars[0])
            } else if scalars.count == 3, scalars[1] == "-", scalars[0] <= scalars[2] {
                ranges.append(scalars[0]...scalars[2])
            } else {
                throw error(node, "`\(word)` is neither one character nor a range such as `0-9`")
            }
        }
        return ranges
    }
}
