// libFuzzer target: a team's rule file — loading, compiling, and running the rule with its own
// examples — since rule packs from untrusted pull requests must be safe to run in CI.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRule(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let rule = try? RuleLoader.load(path: "team/rule.yaml", bytes: bytes, isBuiltIn: false) else { return 0 }
    _ = rule.checkExamples()
    _ = RuleExplanation.text(rule, language: .zh)
    _ = CatalogReport.markdown(RuleCatalog(rules: [rule]))
    return 0
}
