/// Runs rules over a project: one index, then each rule's checks; hits become findings with
/// messages in every language.
struct RuleEngine: Sendable {
    public let rules: [Rule]
    /// Each rule's message templates, parsed once for every project the engine checks.
    private let texts: [String: RuleTexts]

    init(rules: [Rule]) {
        self.rules = rules
        var texts: [String: RuleTexts] = [:]
        for rule in rules where texts[rule.id] == nil { texts[rule.id] = RuleTexts(rule) }
        self.texts = texts
    }

    /// A rule's texts as templates: its message, fix, variants and its checks' own messages.
    private struct RuleTexts: Sendable {
        let message: Templates
        let fix: Templates?
        let variants: [FindingVariant: (message: Templates, fix: Templates?)]
        let checkMessages: [Templates?]

        init(_ rule: Rule) {
            message = Templates(rule.message)
            fix = rule.fix.map(Templates.init)
            variants = rule.variants.mapValues { (message: Templates($0.message), fix: $0.fix.map(Templates.init)) }
            checkMessages = rule.checks.map { $0.message.map(Templates.init) }
        }
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
        let texts = self.texts[rule.id] ?? RuleTexts(rule)
        let fix = texts.fix
        let variants = texts.variants
        for (number, check) in rule.checks.enumerated() {
            let hits = CheckRun(check: check, evaluation: evaluation).run()
            guard !hits.isEmpty else { continue }
            let message = texts.checkMessages[number] ?? texts.message
            for hit in hits where seen.insert(hit.identity).inserted {
                // A finding the rule words apart (a late follow-up is milder, too).
                let variant = hit.variant.flatMap { variant in variants[variant].map { (variant, $0) } }
                findings.append(Finding(
                    rule: rule.id, severity: variant?.0.lowersSeverity == true ? rule.severity.lowered : rule.severity, category: rule.category,
                    message: render(variant?.1.message ?? message, hit: hit, evaluation: evaluation, peopleByName: true),
                    fix: (variant?.1.fix ?? fix).map { render($0, hit: hit, evaluation: evaluation, peopleByName: false) },
                    file: hit.source.path, span: hit.span, path: hit.path, identity: hit.identity))
            }
        }
        return findings
    }

    /// "every 1 week" as people say it: "every week", 每周.
    static func cadences(_ text: String, _ language: Language) -> String {
        guard text.contains(language == .zh ? "每 1 " : "every 1 ") else { return text }
        let spoken: [(String, String)] = language == .zh
            ? [("每 1 个工作日", "每个工作日"), ("每 1 个月", "每月"), ("每 1 周", "每周"), ("每 1 天", "每天")]
            : [("every 1 working day", "every working day"), ("every 1 month", "every month"), ("every 1 week", "every week"), ("every 1 day", "every day")]
        return spoken.reduce(text) { $0.replacingAll($1.0, with: $1.1) }
    }

    /// A message's templates, parsed once for all of a check's hits.
    private struct Templates: Sendable {
        let en: Template
        let zh: Template?
        /// Says "every {every}" or 每 {every}: worth putting in words as people say them.
        let speaksOfCadence: Bool

        init(_ text: LocalizedText) {
            en = Template(text.en)
            zh = text.zh.isEmpty ? nil : Template(text.zh)
            speaksOfCadence = Templates.holds(text.en, "every {") || Templates.holds(text.zh, "每 {")
        }

        /// Whether `text` holds `part`, compared as UTF-8 bytes.
        static func holds(_ text: String, _ part: String) -> Bool {
            let bytes = Array(text.utf8), needle = Array(part.utf8)
            guard needle.count <= bytes.count else { return false }
            return (0...(bytes.count - needle.count)).contains { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
        }
    }

    /// A message names people as people know them (孙浩, not sun-hao); a fix, whose YAML is
    /// pasted into the log, by their ids.
    private func render(_ text: Templates, hit: Hit, evaluation: Evaluation, peopleByName: Bool) -> LocalizedText {
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
            case .field(let field, let owner)?:
                if peopleByName, case .refs(let refs) = field.value, !refs.isEmpty, field.field(in: owner.shape).type.isPeople {
                    return refs.map { evaluation.project.stakeholder($0.id)?.text("name") ?? $0.id }
                        .joined(separator: language == .zh ? "、" : ", ")
                }
                return field.rendered(language, in: owner.shape)
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
        let en = text.en.render(.en, value: { value($0, .en) }, isName: isName)
        let zh = text.zh?.render(.zh, value: { value($0, .zh) }, isName: isName) ?? ""
        return LocalizedText(en: text.speaksOfCadence ? Self.cadences(en, .en) : en, zh: text.speaksOfCadence ? Self.cadences(zh, .zh) : zh)
    }
}
