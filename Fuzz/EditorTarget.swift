// libFuzzer target: what `pmlint lsp` does with text it did not choose — the bytes as a client's
// stream of frames (in two reads), and as a plan being typed: positions in every encoding, the
// completion context at every few bytes, the ids' map and the outline's items. Built by
// Fuzz/build.sh with the PMLint sources.
let fuzzAsOf = Day(year: 2026, month: 11, day: 20)!
let fuzzSkeletons = SuggestedEntry.skeletons(catalog: ((try? RuleCatalog.builtIn()) ?? RuleCatalog(rules: [])).rules)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEditor(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = FrameReader(maxBody: 1 << 12)
    reader.append(Array(bytes.prefix(size / 2)))
    while reader.next() != nil {}
    reader.append(Array(bytes.dropFirst(size / 2)))
    while reader.next() != nil {}

    let location = ProjectLocation(path: "fuzz", plan: "fuzz/plan.yaml", log: nil, root: "/")
    let project = Project(location: location, planFile: SourceFile(path: "fuzz/plan.yaml", bytes: bytes), logFile: nil, asOf: fuzzAsOf)
    let map = project.isBroken ? nil : ProjectMap(project: project)
    for encoding in [TextLines.Encoding.utf8, .utf16, .utf32] {
        let lines = TextLines(bytes, encoding: encoding)
        for offset in stride(from: 0, through: size, by: max(1, size / 64)) {
            let position = lines.position(of: offset)
            _ = lines.offset(of: position)
            _ = lines.offset(of: LSP.Position(line: position.line, character: position.character + 3))
            if let context = CompletionContext(text: lines, offset: offset, isLog: offset % 2 == 0) {
                _ = LanguageServer.completions(context, map: map, text: lines, skeletons: fuzzSkeletons, asOf: fuzzAsOf,
                                               language: .en, snippets: true)
            }
            if let map, let occurrence = map.occurrence(in: "fuzz/plan.yaml", at: offset) {
                _ = map.occurrences(of: occurrence.id)
                if let item = map.project.items[occurrence.id] { _ = map.describe(item, language: .zh) }
            }
        }
    }
    return 0
}
