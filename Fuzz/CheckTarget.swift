// libFuzzer target: the whole check of a plan — YAML, the document layer, all built-in rules,
// suppressions and the text and JSON reports. Built by Fuzz/build.sh with the PMLint sources.
let fuzzCatalog = (try? RuleCatalog.builtIn()) ?? RuleCatalog(rules: [])
let fuzzAsOf = Day(year: 2026, month: 11, day: 20)!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheck(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let location = ProjectLocation(path: "fuzz", plan: "fuzz/plan.yaml", log: nil)
    let project = Project(location: location, planFile: SourceFile(path: "fuzz/plan.yaml", bytes: bytes), logFile: nil, asOf: fuzzAsOf)
    let found = project.findings + RuleEngine(rules: fuzzCatalog.rules).findings(for: project, asOf: fuzzAsOf)
    let audit = SuppressionAudit(findings: found, suppressions: project.suppressions, itemsStartingOn: project.itemsByLine,
                                 known: fuzzCatalog.selectable)
    let result = CheckResult(asOf: fuzzAsOf, projects: [("fuzz", project.name)],
                             findings: audit.kept.map { ReportedFinding(finding: $0, project: "fuzz", fingerprint: "") },
                             inputFiles: ["fuzz/plan.yaml"])
    _ = TextReporter(language: .en, color: false).render(result, sources: ["fuzz/plan.yaml": bytes])
    _ = JSONReporter(language: .zh).render(result)
    if !project.isBroken, project.plan != nil {
        _ = Brief(project: project, findings: audit.kept, asOf: fuzzAsOf)
    }
    return 0
}
