/// What every project under one configuration shares: the configuration, the catalog it makes,
/// and the engine of the selected rules.
struct ProjectSetup: Sendable {
    let configuration: Configuration
    let catalog: RuleCatalog
    let engine: RuleEngine
    /// The selected rules with deadlines, which `due` runs as of each day it looks at.
    let deadlineEngine: RuleEngine
    /// What a suppression may name: every rule id and category.
    let selectable: Set<String>

    init(configFile: String, options: CheckOptions) throws {
        (configuration, catalog) = configFile.isEmpty
            ? (Configuration(), options.catalog)
            : try Configuration.load(configFile, base: options.catalog, access: options.access)
        try options.selection.validate(against: catalog)
        engine = RuleEngine(rules: catalog.rules.filter { options.selection.includes(rule: $0.id, category: $0.category) })
        deadlineEngine = RuleEngine(rules: engine.rules.filter(\.hasDeadlines))
        selectable = catalog.selectable
    }
}

/// One project from its files to its report. The project, its trees and items live only
/// inside `run()`.
struct ProjectPipeline {
    let location: ProjectLocation
    let setup: ProjectSetup
    let options: CheckOptions

    func run() throws -> ProjectReport {
        try report(on: Project.load(location, asOf: options.asOf, limits: options.limits, access: options.access))
    }

    /// The report on a project read already.
    func report(on project: Project) -> ProjectReport {
        let index = project.isBroken ? nil : project.plan.map { ProjectIndex(project: project, plan: $0, asOf: options.asOf) }
        let found = documentFindings(of: project) + (index.map { setup.engine.findings(in: $0) } ?? [])
        let audit = audited(found, in: project)
        // Fingerprints name the project by where it is in its repository, so they do not change
        // with the spelling of the path or the folder pmlint runs in.
        let projectKey = FileAccess.relative(location.path, to: location.root) ?? Linter.normalized(location.path)
        let sources = [project.planFile] + (project.logFile.map { [$0] } ?? [])
        func reported(_ finding: Finding, suppression: String? = nil) -> ReportedFinding {
            let source = sources.first { $0.path == finding.file }
            return ReportedFinding(finding: finding, project: location.path,
                                   repositoryPath: FileAccess.relative(finding.file, to: location.root) ?? finding.file,
                                   fingerprint: fingerprint(rule: finding.rule, project: projectKey, identity: finding.identity),
                                   suppression: suppression,
                                   snippet: source.flatMap { SourceSnippet(bytes: $0.bytes, span: finding.span) })
        }
        let kept = audit.kept.map { reported($0) }.sorted(by: ProjectReport.precedes)
        let due = options.time.dueWithin.map { days in
            dueItems(on: project, within: days).map { item in
                DueItem(finding: reported(item.finding), due: item.due, daysLeft: item.due.map { $0.days(since: options.asOf) })
            }.sorted { ($0.due?.ordinal ?? Int.min) < ($1.due?.ordinal ?? Int.min) }
        } ?? []
        let trend: Trend? = options.time.trendEvery.map { step in self.trend(of: project, every: step) }
        var brief = options.briefs ? Brief(project: project, index: index, findings: kept.map(\.finding), asOf: options.asOf) : nil
        brief?.due = due
        brief?.trend = trend?.points ?? []
        return ProjectReport(
            path: location.path, key: projectKey, name: project.name, files: sources.map(\.path), findings: kept,
            suppressed: audit.suppressed.map { reported($0.finding, suppression: $0.reason) }.sorted(by: ProjectReport.precedes),
            brief: brief, due: due, trend: trend)
    }

    /// The problems of the project's files that the selection and configuration keep.
    private func documentFindings(of project: Project) -> [Finding] {
        project.findings.filter {
            options.selection.includes(rule: $0.rule, category: $0.category) && !setup.configuration.off.contains($0.rule)
        }
    }

    /// The findings with the project's suppressions applied; with `auditing`, the suppressions'
    /// own findings (without a reason, hiding nothing) too, as `check` reports them.
    private func audited(_ found: [Finding], in project: Project, auditing: Bool = true) -> SuppressionAudit {
        SuppressionAudit(findings: found, suppressions: project.suppressions, itemsStartingOn: project.itemsByLine,
                         known: setup.selectable, auditing: auditing)
    }

    /// The findings of an engine's rules on the project as of `day`, suppressed ones set aside.
    /// The project's files are read once; only the day changes. Only the rules' own findings:
    /// a suppression that hides nothing on some day is not something falling due.
    private func findings(of engine: RuleEngine, on project: Project, asOf day: Day) -> [Finding] {
        guard !project.isBroken, let plan = project.plan else { return [] }
        return audited(engine.findings(in: ProjectIndex(project: project, plan: plan, asOf: day)), in: project, auditing: false).kept
    }

    /// The findings of rules with deadlines (a window, a cadence, a due date) as of `day`.
    private func deadlineFindings(on project: Project, asOf day: Day) -> [Finding] {
        findings(of: setup.deadlineEngine, on: project, asOf: day)
    }

    /// What falls due within `days` after as-of: each finding of a rule with deadlines that
    /// `check` would report on a later day and does not today, due the day before it first
    /// would (so the last day looked at is as-of + days + 1). With `includeLate`, also what such
    /// rules report today and did not on some day of the same span back (late since then), or
    /// did not at the project's start (late for longer).
    private func dueItems(on project: Project, within days: Int) -> [(finding: Finding, due: Day?)] {
        let asOf = options.asOf
        let today = deadlineFindings(on: project, asOf: asOf)
        var seen = Set(today.map(\.ruleAndIdentity))
        var items: [(finding: Finding, due: Day?)] = []
        let ahead = concurrentMap(Array(1...days + 1)) { offset in deadlineFindings(on: project, asOf: asOf.adding(days: offset)) }
        for (index, findings) in ahead.enumerated() {
            // First reported on as-of + index + 1: due on as-of + index.
            for finding in findings where seen.insert(finding.ruleAndIdentity).inserted {
                items.append((finding, asOf.adding(days: index)))
            }
        }
        guard options.time.includeLate else { return items }
        var late = Dictionary(today.map { ($0.ruleAndIdentity, $0) }) { first, _ in first }
        let back = concurrentMap(Array(1...days)) { offset in
            Set(deadlineFindings(on: project, asOf: asOf.adding(days: -offset)).map(\.ruleAndIdentity))
        }
        for (index, reported) in back.enumerated() {
            // Not reported `index + 1` days ago: the last day to act was then.
            for (key, finding) in late.sorted(by: { $0.key < $1.key }) where !reported.contains(key) {
                items.append((finding, asOf.adding(days: -index - 1)))
                late[key] = nil
            }
        }
        if let start = project.plan?.item("project")?.date("start"), start < asOf.adding(days: -days) {
            let atStart = Set(deadlineFindings(on: project, asOf: start).map(\.ruleAndIdentity))
            for (key, finding) in late.sorted(by: { $0.key < $1.key }) where !atStart.contains(key) {
                items.append((finding, nil))
            }
        }
        return items
    }

    /// The findings at a step, as `check` would report them that day: the rules' as of that
    /// day and the problems of the files as read (an entry dated after the step is expected
    /// when looking back, not a problem), suppressions applied and audited.
    private func stepFindings(on project: Project, asOf day: Day) -> [Finding] {
        let index = project.isBroken ? nil : project.plan.map { ProjectIndex(project: project, plan: $0, asOf: day) }
        let found = documentFindings(of: project).filter { $0.rule != DocumentRule.futureDate.rawValue }
            + (index.map { setup.engine.findings(in: $0) } ?? [])
        return audited(found, in: project).kept
    }

    /// The findings per category at every step from the project's start to as-of.
    private func trend(of project: Project, every step: Duration) -> Trend {
        let milestones = (project.plan?.items("milestones") ?? []).compactMap { milestone in
            milestone.date("due").map { (day: $0, name: milestone.text("name") ?? milestone.id ?? "") }
        }
        return Trend(points: trendPoints(of: project, every: step), milestones: milestones)
    }

    private func trendPoints(of project: Project, every step: Duration) -> [TrendPoint] {
        guard let start = project.plan?.item("project")?.date("start") else { return [] }
        let days = Array(trendDays(from: start, to: options.asOf, every: step).suffix(options.time.trendSteps ?? Int.max))
        switch options.time.history {
        case .files:
            return concurrentMap(days) { day in TrendPoint(day: day, health: Brief.health(of: stepFindings(on: project, asOf: day))) }
        case .git:
            let history = GitHistory(location: location, limits: options.limits)
            // Steps often fall on the same commit: each commit is read once. A project's own
            // day matters only to `future-date`, which steps leave out.
            let commits = concurrentMap(days) { history.commit(asOf: $0) }
            let distinct = Array(Set(commits.compactMap { $0 }))
            let read = Dictionary(uniqueKeysWithValues: zip(distinct, concurrentMap(distinct) { history.project(at: $0, asOf: options.asOf) }))
            return concurrentMap(Array(zip(days, commits))) { day, commit in
                guard let committed = commit.flatMap({ read[$0] ?? nil }) else {
                    return TrendPoint(day: day, health: Brief.health(of: []), missing: true)
                }
                return TrendPoint(day: day, health: Brief.health(of: stepFindings(on: committed, asOf: day)))
            }
        }
    }
}
