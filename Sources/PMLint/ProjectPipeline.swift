/// What every project under one configuration shares: the configuration, the catalog it makes,
/// and the engine of the selected rules.
struct ProjectSetup: Sendable {
    let configuration: Configuration
    let catalog: RuleCatalog
    let engine: RuleEngine

    init(configFile: String, options: CheckOptions) throws {
        (configuration, catalog) = configFile.isEmpty
            ? (Configuration(), options.catalog)
            : try Configuration.load(configFile, base: options.catalog, access: options.access)
        try options.selection.validate(against: catalog)
        engine = RuleEngine(rules: catalog.rules.filter { options.selection.includes(rule: $0.id, category: $0.category) })
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
        let found = project.findings.filter {
            options.selection.includes(rule: $0.rule, category: $0.category) && !setup.configuration.off.contains($0.rule)
        } + (index.map { setup.engine.findings(in: $0) } ?? [])
        // Which items start on which line matters only to `# pmlint-disable-next-line`.
        let itemsByLine = project.suppressions.contains { $0.scope.isLine } ? project.itemsByLine : [:]
        let audit = SuppressionAudit(findings: found, suppressions: project.suppressions,
                                     itemsStartingOn: itemsByLine, known: setup.catalog.selectable)
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
        return ProjectReport(
            path: location.path, key: projectKey, name: project.name, files: sources.map(\.path), findings: kept,
            suppressed: audit.suppressed.map { reported($0.finding, suppression: $0.reason) }.sorted(by: ProjectReport.precedes),
            brief: options.briefs ? Brief(project: project, index: index, findings: kept.map(\.finding), asOf: options.asOf) : nil)
    }
}
