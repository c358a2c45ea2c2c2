// libFuzzer target: the files a team adds beside its projects, which a pull request can change
// and CI then reads: a rule file (loaded, compiled, run on its own examples, explained), a
// configuration (`.pmlint.yml`) and a baseline. Each input is tried as all three.
let fuzzCatalog = (try? RuleCatalog.builtIn()) ?? RuleCatalog(rules: [])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRule(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let rule = try? RuleLoader.load(path: "team/rule.yaml", bytes: bytes, isBuiltIn: false) {
        _ = rule.checkExamples()
        _ = RuleExplanation.text(rule, language: .zh)
        _ = CatalogReport.markdown(RuleCatalog(rules: [rule]))
    }
    _ = try? Configuration.load(SourceFile(path: "fuzz/.pmlint.yml", bytes: bytes), base: fuzzCatalog, access: FileAccess())
    _ = try? Baseline.parse(bytes, path: "fuzz/baseline.json")
    return 0
}
