/// A file pmlint read: its bytes (for showing source lines), its tree and libyaml's problems.
public final class SourceFile: Sendable {
    /// The path as the user named it: the command-line path joined with the file's name.
    public let path: String
    public let bytes: [UInt8]
    public let tree: YAMLTree
    public let problems: [YAMLProblem]

    public init(path: String, bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) {
        self.path = path
        self.bytes = bytes
        let parsed = YAMLParser.parse(bytes, limits: limits)
        self.tree = parsed.tree
        self.problems = parsed.problems
    }

    public func span(_ node: NodeID) -> Span { tree.span(node) }
}
