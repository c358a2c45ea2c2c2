/// Reads a rule file: validates it against the rule schema, then compiles its checks,
/// predicates and templates. Any problem is a `LocatedError` with file, line and column.
enum RuleLoader {
    static func load(path: String, bytes: [UInt8], isBuiltIn: Bool) throws(LocatedError) -> Rule {
        let source = SourceFile(path: path, bytes: bytes)
        if let problem = source.problems.first {
            throw LocatedError(file: path, span: problem.span, message: "not valid YAML: \(problem.message)")
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
            for check in checks {
                try validateTemplates([check.message ?? message] + (fix.map { [$0] } ?? []), check: check, parameters: names,
                                      node: rule["message"]?.node ?? rule.node)
            }
            var examples: [RuleExample] = []
            if let group = rule.item("examples") {
                for (key, fires) in [("fire", true), ("pass", false)] {
                    for example in group.items(key) {
                        guard case .node(let plan)? = example["plan"]?.value, let asOf = example.date("as_of") else { continue }
                        examples.append(RuleExample(fires: fires, asOf: asOf, at: example.text("at"), planNode: plan,
                                                    span: source.span(example.node)))
                    }
                }
            }
            return Rule(id: id, category: category, severity: Severity(rawValue: rule.choice("severity") ?? "") ?? .warning,
                        summary: try localized("summary"), rationale: try localized("rationale"),
                        source: rule.text("source") ?? "", message: message, fix: fix, examples: examples, file: source,
                        isBuiltIn: isBuiltIn, parameters: parameters, checks: checks)
        }

        /// A required `{en, zh}` text of the rule (the schema has checked it is there).
        private func localized(_ key: String) throws(LocatedError) -> LocalizedText {
            guard let text = LocalizedText(rule.item(key)) else { throw error(rule.node, "the rule needs `\(key): {en: ..., zh: ...}`") }
            return text
        }

        /// Where a key of an item is written, for errors about its value.
        private func place(_ item: Item, _ key: String) -> NodeID { item[key]?.node ?? item.node }

        private func node(_ item: Item, _ key: String) -> NodeID? {
            if case .node(let node)? = item[key]?.value { return node }
            return nil
        }

        private func compileCheck(_ item: Item, parameters: Set<String>) throws(LocatedError) -> Check {
            guard let kind = item.choice("kind").flatMap(CheckKind.init(rawValue:)) else { throw error(item.node, "a check needs a `kind`") }
            let tree = source.tree
            for (keyNode, _) in tree.pairs(tree.resolved(item.node)) {
                let key = tree.string(tree.resolved(keyNode))
                if !key.hasPrefix("x-"), !CheckKind.commonFields.contains(key), !kind.fields.contains(key) {
                    throw error(keyNode, "`\(key)` is not used by a `\(kind.rawValue)` check; it reads "
                                + (CheckKind.commonFields.union(kind.fields)).subtracting(["kind", "message"]).sorted().joined(separator: ", "))
                }
            }
            for key in kind.required where item[key] == nil {
                throw error(item.node, "a `\(kind.rawValue)` check needs `\(key)`")
            }
            let predicates = PredicateCompiler(source: source, parameters: parameters)
            let selector = try item.text("items").map { text throws(LocatedError) in
                try Selector.compile(text, at: place(item, "items"), in: source)
            }
            let shape: Shape? = selector.map(\.shape) ?? Schema.plan
            let filter = try node(item, "where").map { n throws(LocatedError) in try predicates.compile(n, shape: shape) } ?? .always
            let when = try node(item, "when").map { n throws(LocatedError) in try predicates.compile(n, shape: Schema.plan) }
            var at: FieldPath?
            if let text = item.text("at") {
                at = try predicates.fieldPath(text, at: place(item, "at"), shape: kind == .absent ? Schema.plan : shape)
            }
            func dateExpression(_ key: String, default fallback: String) throws(LocatedError) -> DateExpression {
                try predicates.dateExpression(item.text(key) ?? fallback, at: item[key]?.node ?? item.node, shape: shape)
            }
            func durationExpression(_ key: String) throws(LocatedError) -> DurationExpression? {
                guard let text = item.text(key) else { return nil }
                return try predicates.durationExpression(text, at: place(item, key), shape: shape)
            }
            func selection(_ key: String) throws(LocatedError) -> (Selector, Predicate)? {
                guard let group = item.item(key), let text = group.text("items") else { return nil }
                let selected = try Selector.compile(text, at: place(group, "items"), in: source)
                let filter = try node(group, "where").map { n throws(LocatedError) in try predicates.compile(n, shape: selected.shape) } ?? .always
                return (selected, filter)
            }

            func required(_ value: DurationExpression?, _ key: String) throws(LocatedError) -> DurationExpression {
                guard let value else { throw error(item.node, "a `\(kind.rawValue)` check needs `\(key)`") }
                return value
            }

            let body: Check.Body
            switch kind {
            case .each:
                body = .each(unless: try node(item, "unless").map { n throws(LocatedError) in try predicates.compile(n, shape: shape) })
            case .absent:
                body = .absent(given: try selection("given"))
            case .followUp:
                let spec = item.item("followed_by")
                let followUps = try spec.flatMap { node($0, "where") }.map { n throws(LocatedError) in try predicates.compile(n, shape: Schema.entry) }
                let unlinkedFollowUps = try spec.flatMap { node($0, "otherwise_where") }.map { n throws(LocatedError) in try predicates.compile(n, shape: Schema.entry) }
                for field in item.texts("answered_by") {
                    guard case .success(.date?) = (shape ?? Schema.plan).walk([field.text]) else {
                        throw error(field.node, "`answered_by` lists date fields of the item; `\(field.text)` is not one")
                    }
                }
                let people = spec?.text("people")
                if let people, let shape, case .failure(let problem) = shape.walk([people]) {
                    throw error(spec.map { place($0, "people") } ?? item.node, problem.message)
                }
                body = .followUp(FollowUpCheck(
                    from: try dateExpression("from", default: "date"), within: try required(durationExpression("within"), "within"),
                    openWindow: item.choice("window") == "open", answeredBy: item.texts("answered_by").map(\.text),
                    followUps: spec == nil ? nil : (followUps ?? .always), unlinkedFollowUps: unlinkedFollowUps,
                    linked: spec?.choice("linked") != "false",
                    otherwise: FollowUpCheck.Otherwise(rawValue: spec?.choice("otherwise") ?? "none") ?? .none, people: people))
            case .recency:
                guard let spec = item.item("entries") else { throw error(item.node, "a `recency` check needs `entries: {where: ...}`") }
                let entries = try node(spec, "where").map { n throws(LocatedError) in try predicates.compile(n, shape: Schema.entry) } ?? .always
                var same: [(entry: FieldPath, item: FieldPath)] = []
                if let sameNode = node(spec, "same") {
                    for (keyNode, valueNode) in tree.pairs(tree.resolved(sameNode)) {
                        let entryPath = try predicates.fieldPath(tree.string(tree.resolved(keyNode)), at: keyNode, shape: Schema.entry)
                        let itemPath = try predicates.fieldPath(tree.string(tree.resolved(valueNode)), at: valueNode, shape: shape)
                        same.append((entryPath, itemPath))
                    }
                }
                body = .recency(RecencyCheck(entries: entries, same: same, mentions: spec.choice("mentions") == "true",
                                             since: try dateExpression("since", default: "plan.project.start"),
                                             every: try required(durationExpression("every"), "every"), grace: try durationExpression("grace")))
            case .gaps:
                guard let every = try durationExpression("every") else { throw error(item.node, "a `gaps` check needs `every`") }
                var factor = 1.0
                if case .number(let value)? = item["factor"]?.value { factor = value }
                body = .gaps(GapsCheck(every: every, factor: factor))
            case .overlap:
                guard let (others, othersFilter) = try selection("others"), let otherShape = others.shape else {
                    throw error(item.node, "an `overlap` check needs `others: {items: ...}`")
                }
                var fields: [String] = []
                for key in ["open_after", "closed_by"] {
                    guard let text = item.text(key) else { throw error(item.node, "an `overlap` check needs `\(key)`") }
                    guard case .success(.date?) = otherShape.walk([text]) else {
                        throw error(place(item, key), "`\(text)` is not a date field of a \(otherShape.name)")
                    }
                    fields.append(text)
                }
                body = .overlap(OverlapCheck(on: try dateExpression("on", default: "date"), others: others,
                                             othersFilter: othersFilter, openAfter: fields[0], closedBy: fields[1]))
            case .terms:
                var fields: [Selector] = []
                for text in item.texts("in") {
                    let selected = try Selector.compile(text.text, at: text.node, in: source)
                    guard selected.shape == nil else { throw error(text.node, "`\(text.text)` is not a text list") }
                    fields.append(selected)
                }
                let parameter = (item.text("terms") ?? "").trimmingCharacters(in: ["$"])
                guard parameters.contains(parameter) else { throw error(place(item, "terms"), "`terms` names a parameter of the rule holding the term lists, e.g. `$terms`") }
                body = .terms(TermsCheck(fields: fields, parameter: parameter))
            case .links:
                guard let allMatch = node(item, "all_match") else { throw error(item.node, "a `links` check needs `all_match`") }
                body = .links(allMatch: try predicates.compile(allMatch, shape: Schema.entry))
            }
            return Check(kind: kind, selector: selector, filter: filter, when: when, at: at,
                         message: LocalizedText(item.item("message")), body: body)
        }

        /// Every `{name}` must be something the finding can show.
        private func validateTemplates(_ texts: [LocalizedText], check: Check, parameters: Set<String>, node: NodeID) throws(LocatedError) {
            let shape: Shape?
            switch check.kind {
            case .terms: shape = nil
            case .absent:
                if case .absent(let given?) = check.body { shape = given.0.shape } else { shape = Schema.plan }
            default: shape = check.selector == nil ? Schema.plan : check.selector?.shape
            }
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
