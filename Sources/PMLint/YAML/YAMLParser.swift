import CYAML

/// A parsed file: the tree of its first document, and the problems that stopped parsing.
/// When `problems` is not empty the tree has no root: a broken file is never half-read.
struct YAMLFile: Sendable {
    var tree: YAMLTree
    var problems: [YAMLProblem]
}

/// The one place that talks to libyaml through pointers.
enum YAMLParser {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func parse(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) -> YAMLFile {
        if bytes.count > limits.maxFileSize {
            let problem = YAMLProblem(message: "the file is larger than the limit of \(limits.maxFileSize) bytes",
                                      span: Span(at: Mark(line: 1, column: 1, offset: 0)), isLimit: true)
            return YAMLFile(tree: YAMLTree(), problems: [problem])
        }
        let bomLength = bytes.starts(with: byteOrderMark) ? 3 : 0
        var tree = YAMLTree()
        tree.input = bytes
        tree.lines = LineIndex(bytes: bytes, bodyStart: bomLength)
        // A node takes two bytes of YAML at the least (`a,`), so this never regrows; pages of
        // the reservation that are never written are never touched, so cost no memory.
        let most = min(bytes.count / 2 + 16, limits.maxNodes + 1)
        tree.records.reserveCapacity(most)
        tree.children.reserveCapacity(most)
        return bytes.withUnsafeBufferPointer { whole in
            let body = UnsafeBufferPointer(rebasing: whole[bomLength...])
            if body.isEmpty { return YAMLFile(tree: tree, problems: []) }
            var builder = TreeBuilder(body: body, base: bomLength, limits: limits, tree: tree)
            builder.run()
            var file = YAMLFile(tree: builder.tree, problems: builder.problems)
            // Aliases of aliases (`&b [*a, *a]`, `&c [*b, *b]`, ...) make a small file stand for
            // exponentially many nodes: whoever walks it, a reader or a rule's compiler, is
            // bounded by what reading the file costs.
            if file.problems.isEmpty, !file.tree.expands(within: file.tree.nodeCount * 4 + 10_000) {
                file.problems.append(YAMLProblem(message: "aliases in this file expand to far more nodes than it holds",
                                                 span: Span(at: Mark(line: 1, column: 1, offset: 0)), isLimit: true))
                file.tree.root = nil
            }
            return file
        }
    }
}

@inline(__always)
func utf8SequenceLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xF0...: return 4
    case 0xE0...: return 3
    case 0xC0...: return 2
    default: return 1
    }
}
