// libFuzzer target: the whole check of a plan — YAML, the document layer, all built-in rules,
// suppressions, the brief and the text and JSON reports. Built by Fuzz/build.sh with the PMLint sources.
let fuzzAsOf = Day(year: 2026, month: 11, day: 20)!
let fuzzOptions: CheckOptions = {
    var options = CheckOptions(paths: ["fuzz"], asOf: fuzzAsOf, catalog: (try? RuleCatalog.builtIn()) ?? RuleCatalog(rules: []))
    options.briefs = true
    return options
}()
let fuzzSetup = try? ProjectSetup(configFile: "", options: fuzzOptions)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheck(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let fuzzSetup else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let location = ProjectLocation(path: "fuzz", plan: "fuzz/plan.yaml", log: nil, root: "/")
    let project = Project(location: location, planFile: SourceFile(path: "fuzz/plan.yaml", bytes: bytes), logFile: nil, asOf: fuzzAsOf)
    let report = ProjectPipeline(location: location, setup: fuzzSetup, options: fuzzOptions).report(on: project)
    var summary = CheckSummary()
    summary.projects = 1
    summary.add(report.findings)
    let result = CheckResult(run: RunInfo(asOf: fuzzAsOf, rules: [], inputFiles: ["fuzz/plan.yaml"]), projects: [report], summary: summary)
    _ = TextReporter(language: .en, color: false).render(result)
    _ = JSONReporter(language: .zh).render(result)
    return 0
}
