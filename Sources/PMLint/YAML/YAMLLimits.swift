import CYAML

/// A problem libyaml (or a limit) found in a file, in libyaml's own words where it has them.
struct YAMLProblem: Sendable, Hashable {
    var message: String
    var span: Span
    /// A limit of pmlint's was reached, rather than a YAML syntax error.
    var isLimit = false
}

/// Bounds that keep hostile input cheap, each generous by default and configurable. Flow
/// nesting is quadratic inside libyaml, so depth is enforced in the event loop, where it also
/// cuts that case short; aliases stay references, and their number is bounded too.
public struct YAMLLimits: Sendable {
    var maxFileSize: Int
    var maxDepth: Int
    var maxNodes: Int
    var maxAliases: Int

    public init(maxFileSize: Int = 256 << 20, maxDepth: Int = 1000, maxNodes: Int = 20_000_000, maxAliases: Int = 100_000) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliases = maxAliases
    }
}
