import CYAML

/// A problem libyaml (or a limit) found in a file, in libyaml's own words where it has them.
public struct YAMLProblem: Sendable, Hashable {
    public var message: String
    public var span: Span
    /// A limit of pmlint's was reached, rather than a YAML syntax error.
    public var isLimit = false
}

/// Bounds that keep hostile input cheap, each generous by default and configurable. Flow
/// nesting is quadratic inside libyaml, so depth is enforced in the event loop, where it also
/// cuts that case short; aliases stay references, and their number is bounded too.
public struct YAMLLimits: Sendable {
    public var maxFileSize: Int
    public var maxDepth: Int
    public var maxNodes: Int
    public var maxAliases: Int

    public init(maxFileSize: Int = 256 << 20, maxDepth: Int = 1000, maxNodes: Int = 20_000_000, maxAliases: Int = 100_000) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliases = maxAliases
    }
}
