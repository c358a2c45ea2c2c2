/// Runs rules over a project: one index, then each rule's checks; hits become findings with
/// messages in every language.
struct RuleEngine: Sendable {
    public let rules: [Rule]

    init(rules: [Rule]) {
        self.rules = rules
    }

    /// The rules' findings on a project's index.
    func findings(in index: ProjectIndex) -> [Finding] {
        concurrentMap(rules) { findings(of: $0, index: index) }.flatMap { $0 }
    }

    /// The rules' findings on a project read alone (a rule file's example, a test); none when
    /// its files could not be parsed.
    func findings(for project: Project, asOf: Day) -> [Finding] {
        guard !project.isBroken, let plan = project.plan else { return [] }
        return findings(in: ProjectIndex(project: project, plan: plan, asOf: asOf))
    }

    func findings(of rule: Rule, index: ProjectIndex) -> [Finding] {
        var parameters: [String: ParameterValue] = [:]
        for parameter in rule.parameters { parameters[parameter.name] = parameter.value(in: index.project) }
        let evaluation = Evaluation(index: index, parameters: parameters)
        var findings: [Finding] = []
        var seen = Set<String>()
        let fix = rule.fix.map(Templates.init)
        let variants = rule.variants.mapValues { (message: Templates($0.message), fix: $0.fix.map(Templates.init)) }
        for check in rule.checks {
            let hits = CheckRun(check: check, evaluation: evaluation).run()
            guard !hits.isEmpty else { continue }
            let message = Templates(check.message ?? rule.message)
            for hit in hits where seen.insert(hit.identity).inserted {
                // A finding the rule words apart (a late follow-up is milder, too).
                let variant = hit.variant.flatMap { variant in variants[variant].map { (variant, $0) } }
                findings.append(Finding(
                    rule: rule.id, severity: variant?.0.lowersSeverity == true ? rule.severity.lowered : rule.severity, category: rule.category,
                    message: render(variant?.1.message ?? message, hit: hit, evaluation: evaluation),
                    fix: (variant?.1.fix ?? fix).map { render($0, hit: hit, evaluation: evaluation) },
                    file: hit.source.path, span: hit.span, path: hit.path, identity: hit.identity))
            }
        }
        return findings
    }

    /// A message's templates, parsed once for all of a check's hits.
    private struct Templates {
        let en: Template
        let zh: Template?

        init(_ text: LocalizedText) {
            en = Template(text.en)
            zh = text.zh.isEmpty ? nil : Template(text.zh)
        }
    }

    private func render(_ text: Templates, hit: Hit, evaluation: Evaluation) -> LocalizedText {
        func value(_ name: String, _ language: Language) -> String? {
            if let binding = hit.bindings[name] { return binding.rendered(language) }
            switch evaluation.parameters[name] {
            case .duration(let duration)?: return duration.spelled(language)
            case .number(let number)?: return number == number.rounded() ? String(Int(number)) : String(number)
            default: break
            }
            switch name {
            case "as_of": return evaluation.asOf.description
            case "path": return hit.path
            default: break
            }
            guard let path = FieldPath(name) else { return nil }
            switch evaluation.resolve(path, from: hit.subject) {
            case .text(let text)?: return text.text
            case .field(let field, _)?: return field.rendered(language)
            case nil: return nil
            }
        }
        /// A value the finding could have, given or not.
        func isName(_ name: String) -> Bool {
            if hit.bindings[name] != nil || evaluation.parameters[name] != nil || ["as_of", "path"].contains(name) { return true }
            guard let path = FieldPath(name) else { return false }
            if path.fromPlan { if case .success = Schema.plan.walk(path.keys) { return true } else { return false } }
            guard let shape = hit.subject?.item.shape, case .success = shape.walk(path.keys) else { return false }
            return true
        }
        return LocalizedText(en: text.en.render(.en, value: { value($0, .en) }, isName: isName),
                             zh: text.zh?.render(.zh, value: { value($0, .zh) }, isName: isName) ?? "")
    }
}
