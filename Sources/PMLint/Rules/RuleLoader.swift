/// Reads a rule file: validates it against the rule schema, then compiles its checks,
/// predicates and templates. Any problem is a `LocatedError` with file, line and column.
enum RuleLoader {
    public static func load(path: String, bytes: [UInt8], isBuiltIn: Bool, limits: YAMLLimits = YAMLLimits()) throws(LocatedError) -> Rule {
        let source = SourceFile(path: path, bytes: bytes, limits: limits)
        if let problem = source.problems.first {
            throw LocatedError(file: path, span: problem.span, message: problem.isLimit ? "pmlint stopped reading this file: \(problem.message)" : "not valid YAML: \(problem.message)")
        }
        var reader = DocumentReader(source: source)
        let item = reader.readRoot(as: RuleSchema.rule)
        if let problem = reader.findings.first {
            throw LocatedError(file: path, span: problem.span, message: problem.message.en)
        }
        guard let item else { throw LocatedError(file: path, span: Span(at: Mark(line: 1, column: 1, offset: 0)), message: "the rule file is empty") }
        return try Compiler(source: source, rule: item).compile(isBuiltIn: isBuiltIn)
    }

    private struct Compiler {
        let source: SourceFile
        let rule: Item

        func error(_ node: NodeID, _ message: String) -> LocatedError {
            LocatedError(file: source.path, span: source.span(node), message: message)
        }

        func compile(isBuiltIn: Bool) throws(LocatedError) -> Rule {
            let id = rule.id ?? ""
            let category = rule.text("category") ?? ""
            guard DocumentReader.isValidIdentifier(category) else {
                throw error(rule["category"]?.node ?? rule.node, "a category is one word such as `kickoff`")
            }
            let parameters = try ParameterReader(source: source).read(rule["params"].flatMap { if case .node(let n) = $0.value { n } else { nil } })
            let names = Set(parameters.map(\.name))
            let checkItems: [Item]
            switch (rule.item("check"), rule.items("checks")) {
            case (let check?, let list) where list.isEmpty: checkItems = [check]
            case (nil, let list) where !list.isEmpty: checkItems = list
            default: throw error(rule.node, "a rule has one `check:` or a list of `checks:`")
            }
            var checks: [Check] = []
            for item in checkItems { checks.append(try compileCheck(item, parameters: names)) }

            let message = try localized("message")
            let fix = LocalizedText(rule.item("fix"))
            var variants: [FindingVariant: (message: LocalizedText, fix: LocalizedText?)] = [:]
            for variant in FindingVariant.allCases {
                guard let item = rule.item(variant.rawValue) else { continue }
                guard let variantMessage = LocalizedText(item.item("message")) else {
                    throw error(item.node, "`\(variant.rawValue)` needs a `message: {en: ..., zh: ...}`")
                }
                let kinds = CheckKinds.all.filter { $0.variants.contains(variant) }
                guard checks.contains(where: { check in kinds.contains { $0 == type(of: check.kind) } }) else {
                    throw error(item.node, "`\(variant.rawValue)` applies to \(kinds.map { "`\($0.name)`" }.joined(separator: ", ")) checks only")
                }
                variants[variant] = (variantMessage, LocalizedText(item.item("fix")))
            }
            for check in checks {
                try validateTemplates([check.message ?? message] + (fix.map { [$0] } ?? []), check: check, parameters: names,
                                      node: rule["message"]?.node ?? rule.node)
                for (variant, texts) in variants where type(of: check.kind).variants.contains(variant) {
                    try validateTemplates([texts.message] + (texts.fix.map { [$0] } ?? []), check: check, parameters: names,
                                          node: rule[variant.rawValue]?.node ?? rule.node)
                }
            }
            var examples: [RuleExample] = []
            if let group = rule.item("examples") {
                for (key, fires) in [("fire", true), ("pass", false)] {
                    for example in group.items(key) {
                        guard case .node(let plan)? = example["plan"]?.value, let asOf = example.date("as_of") else { continue }
                        examples.append(RuleExample(fires: fires, asOf: asOf, at: example.text("at"),
                                                    severity: example.choice("severity").flatMap(Severity.init(rawValue:)),
                                                    message: example.text("message"), planNode: plan,
                                                    span: source.span(example.node)))
                    }
                }
            }
            return Rule(id: id, category: category, severity: Severity(rawValue: rule.choice("severity") ?? "") ?? .warning,
                        summary: try localized("summary"), rationale: try localized("rationale"),
                        source: rule.text("source") ?? "", message: message, fix: fix, variants: variants, examples: examples, file: source,
                        isBuiltIn: isBuiltIn, parameters: parameters, checks: checks,
                        hasDeadlines: checks.contains { type(of: $0.kind).hasWindow }
                            || checkItems.contains { mentionsAsOf($0.node, in: source.tree) })
        }

        /// A check that compares with `as_of` (an overdue action, a retrospective after the close)
        /// reports an item from a day on, as a window does: one of its values reads as a date
        /// expression counted from `as_of`.
        func mentionsAsOf(_ node: NodeID, in tree: YAMLTree) -> Bool {
            var stack = [node]
            while let next = stack.popLast() {
                let node = tree.resolved(next)
                if tree.kind(node) == .scalar, case .asOf? = DateExpression(tree.string(node))?.base { return true }
                stack += tree.children(node)
            }
            return false
        }

        /// A required `{en, zh}` text of the rule (the schema has checked it is there).
        private func localized(_ key: String) throws(LocatedError) -> LocalizedText {
            guard let text = LocalizedText(rule.item(key)) else { throw error(rule.node, "the rule needs `\(key): {en: ..., zh: ...}`") }
            return text
        }

        private func compileCheck(_ item: Item, parameters: Set<String>) throws(LocatedError) -> Check {
            guard let kind = item.choice("kind").flatMap(CheckKinds.named) else { throw error(item.node, "a check needs a `kind`") }
            let tree = source.tree
            for (keyNode, _) in tree.pairs(tree.resolved(item.node)) {
                let key = tree.string(tree.resolved(keyNode))
                if !key.hasPrefix("x-"), !CheckKinds.commonKeys.contains(key), !kind.keys.contains(key) {
                    throw error(keyNode, "`\(key)` is not used by a `\(kind.name)` check; it reads "
                                + CheckKinds.commonKeys.union(kind.keys).subtracting(["kind", "message"]).sorted().joined(separator: ", "))
                }
            }
            for key in kind.required where item[key] == nil {
                throw error(item.node, "a `\(kind.name)` check needs `\(key)`")
            }
            let predicates = PredicateCompiler(source: source, parameters: parameters)
            let place = { (key: String) in item[key]?.node ?? item.node }
            let selector = try item.text("items").map { text throws(LocatedError) in
                try Selector.compile(text, at: place("items"), in: source)
            }
            let shape: Shape? = selector.map(\.shape) ?? Schema.plan
            let spec = CheckSpec(item: item, source: source, predicates: predicates, kind: kind, shape: shape)
            var at: FieldPath?
            if let text = item.text("at") {
                at = try predicates.fieldPath(text, at: place("at"), shape: kind.pointsIntoPlan ? Schema.plan : shape)
            }
            return Check(kind: try kind.init(spec), selector: selector,
                         filter: try spec.predicate("where", shape: shape) ?? .always,
                         when: try spec.predicate("when", shape: Schema.plan), at: at,
                         message: LocalizedText(item.item("message")))
        }

        /// Every `{name}` must be something the finding can show.
        private func validateTemplates(_ texts: [LocalizedText], check: Check, parameters: Set<String>, node: NodeID) throws(LocatedError) {
            let shape = check.kind.messageShape(selector: check.selector)
            let known = check.bindings.union(parameters).union(["as_of", "path", "missing"])
            for text in texts {
                for template in [text.en, text.zh] {
                    for name in Template(template).placeholders where !known.contains(name) {
                        if let path = FieldPath(name) {
                            if path.fromPlan, case .success = Schema.plan.walk(path.keys) { continue }
                            if let shape, case .success = shape.walk(path.keys) { continue }
                            if shape == nil, name == "text" { continue }
                        }
                        throw error(node, "`{\(name)}` in a message names nothing the finding has: use a field of the item, a parameter, "
                                    + (check.bindings.isEmpty ? "" : check.bindings.sorted().joined(separator: ", ") + ", ") + "as_of, path or missing")
                    }
                }
            }
        }
    }
}
