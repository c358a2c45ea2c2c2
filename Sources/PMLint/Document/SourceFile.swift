/// A file pmlint read: its bytes (for showing source lines), its tree and libyaml's problems.
final class SourceFile: Sendable {
    /// The path as the user named it: the command-line path joined with the file's name.
    let path: String
    let bytes: [UInt8]
    let tree: YAMLTree
    let problems: [YAMLProblem]

    init(path: String, bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) {
        self.path = path
        self.bytes = bytes
        let parsed = YAMLParser.parse(bytes, limits: limits)
        self.tree = parsed.tree
        self.problems = parsed.problems
    }

    func span(_ node: NodeID) -> Span { tree.span(node) }
}
