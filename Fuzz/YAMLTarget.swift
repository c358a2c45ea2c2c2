// libFuzzer target: the YAML layer alone. Built by Fuzz/build.sh together with the PMLint sources.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let file = YAMLParser.parse(Array(UnsafeBufferPointer(start: data, count: size)))
    // Walk every node, as the document layer would.
    for node in 0..<NodeID(file.tree.nodeCount) {
        _ = file.tree.span(node)
        _ = file.tree.string(file.tree.resolved(node))
        _ = file.tree.children(node).count
    }
    return 0
}
