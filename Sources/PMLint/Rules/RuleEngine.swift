/// Runs rules over a project: one index, then each rule's checks; hits become findings with
/// messages in every language.
public struct RuleEngine: Sendable {
    public let rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// Rule findings for a project; a project whose files could not be parsed gets none.
    public func findings(for project: Project, asOf: Day) -> [Finding] {
        guard !project.isBroken, let plan = project.plan else { return [] }
        let index = ProjectIndex(project: project, plan: plan, asOf: asOf)
        PhaseTimings.mark("\(project.location.path): project indexed")
        let found = concurrentMap(rules) { findings(of: $0, index: index) }.flatMap { $0 }
        PhaseTimings.mark("\(project.location.path): rules run")
        return found
    }

    func findings(of rule: Rule, index: ProjectIndex) -> [Finding] {
        var parameters: [String: ParameterValue] = [:]
        for parameter in rule.parameters { parameters[parameter.name] = parameter.value(in: index.project) }
        let evaluation = Evaluation(index: index, parameters: parameters)
        var findings: [Finding] = []
        var seen = Set<String>()
        let fix = rule.fix.map(Templates.init)
        for check in rule.checks {
            let hits = CheckRun(check: check, evaluation: evaluation).run()
            guard !hits.isEmpty else { continue }
            let texts = CheckTexts(message: Templates(check.message ?? rule.message), fix: fix, evaluation: evaluation)
            for hit in hits where seen.insert(hit.identity).inserted {
                let writer = HitTexts(check: texts, hit: hit)
                findings.append(Finding(
                    rule: rule.id, severity: rule.severity, category: rule.category,
                    message: FindingText(writtenBy: writer, fix: false),
                    fix: fix == nil ? nil : FindingText(writtenBy: writer, fix: true),
                    file: hit.source.path, span: hit.span, path: hit.path, identity: hit.identity))
            }
        }
        return findings
    }
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

/// What a check's findings are written from: its message and fix, and the rule's view of the
/// project (its parameters, the as-of date, the items placeholders read).
private final class CheckTexts: Sendable {
    let message: Templates
    let fix: Templates?
    let evaluation: Evaluation

    init(message: Templates, fix: Templates?, evaluation: Evaluation) {
        self.message = message
        self.fix = fix
        self.evaluation = evaluation
    }
}

/// One hit's message and fix, written when a report reads them: the values of its
/// placeholders come from what the hit bound, the rule's parameters and the hit's subject.
private final class HitTexts: FindingTextWriter {
    let check: CheckTexts
    let subject: Subject?
    let path: String
    let bindings: [String: Binding]

    init(check: CheckTexts, hit: Hit) {
        self.check = check
        subject = hit.subject
        path = hit.path
        bindings = hit.bindings
    }

    func write(_ language: Language, fix: Bool) -> String {
        guard let templates = fix ? check.fix : check.message else { return "" }
        if language == .zh, let zh = templates.zh?.render(.zh, value: { value($0, .zh) }), !zh.isEmpty { return zh }
        // Without a Chinese text, a Chinese report shows the English one, as written in English.
        return templates.en.render(.en) { value($0, .en) }
    }

    private func value(_ placeholder: Template.Name, _ language: Language) -> String? {
        let evaluation = check.evaluation
        let name = placeholder.text
        if let binding = bindings[name] { return binding.rendered(language) }
        switch evaluation.parameters[name] {
        case .duration(let duration)?: return duration.spelled(language)
        case .number(let number)?: return number == number.rounded() ? String(Int(number)) : String(number)
        default: break
        }
        switch name {
        case "as_of": return evaluation.asOf.description
        case "path": return path
        default: break
        }
        guard let path = placeholder.path else { return nil }
        switch evaluation.project.resolve(path, from: subject) {
        case .text(let text)?: return text.text
        case .field(let field, let owner)?: return owner.spelled(field).rendered(language)
        case nil: return nil
        }
    }
}
