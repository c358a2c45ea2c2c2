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

/// A parsed file: the tree of its first document, and the problems that stopped parsing.
/// When `problems` is not empty the tree has no root: a broken file is never half-read.
public struct YAMLFile: Sendable {
    public var tree: YAMLTree
    public var problems: [YAMLProblem]
}

/// The one place that talks to libyaml through pointers.
public enum YAMLParser {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) -> YAMLFile {
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
            return YAMLFile(tree: builder.tree, problems: builder.problems)
        }
    }
}

/// Runs libyaml's event loop over a buffer and builds the flat tree.
private struct TreeBuilder {
    let body: UnsafeBufferPointer<UInt8>
    let base: Int
    let limits: YAMLLimits
    var tree: YAMLTree
    var problems: [YAMLProblem] = []
    var cursor: CharacterCursor
    var anchors: [String: NodeID] = [:]
    /// Open collections, each with where its children start in `pending`.
    var open: [(node: NodeID, firstChild: Int)] = []
    var pending: [NodeID] = []
    var documents = 0
    var aliases = 0

    init(body: UnsafeBufferPointer<UInt8>, base: Int, limits: YAMLLimits, tree: YAMLTree) {
        self.body = body
        self.base = base
        self.limits = limits
        self.tree = tree
        self.cursor = CharacterCursor(bytes: body)
    }

    mutating func run() {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            problems.append(YAMLProblem(message: "out of memory", span: Span(at: Mark(line: 1, column: 1, offset: 0))))
            return
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, body.baseAddress, body.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var event = yaml_event_t()
        var done = false
        while !done {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                problems.append(problem(of: &parser))
                break
            }
            done = handle(&event) || !problems.isEmpty
            yaml_event_delete(&event)
        }
        if !problems.isEmpty {
            tree.root = nil
        }
    }

    /// Handles one event; true when parsing should stop.
    private mutating func handle(_ event: inout yaml_event_t) -> Bool {
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                tree.extraDocument = Span(at: tree.mark(at: offset(event.start_mark)))
                return true
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let start = offset(event.start_mark)
            var end = offset(event.end_mark)
            let style = scalarStyle(scalar.style)
            if style == .literal || style == .folded {
                end = trimmedEnd(start: start, end: end)
            }
            let value = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
            let node = tree.appendScalar(value, style: style, start: start, end: end)
            remember(anchor: scalar.anchor, for: node)
            attach(node)
        case YAML_ALIAS_EVENT:
            let start = offset(event.start_mark)
            let end = offset(event.end_mark)
            let span = Span(start: tree.mark(at: start), end: tree.mark(at: end))
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            aliases += 1
            if aliases > limits.maxAliases {
                problems.append(YAMLProblem(message: "more than \(limits.maxAliases) aliases", span: span, isLimit: true))
                return true
            }
            guard let target = anchors[name] else {
                problems.append(YAMLProblem(message: "found undefined alias *\(name)", span: span))
                return true
            }
            attach(tree.appendAlias(target: target, start: start, end: end))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let start = offset(event.start_mark)
            if open.count >= limits.maxDepth {
                problems.append(YAMLProblem(
                    message: "nesting is deeper than \(limits.maxDepth) levels", span: Span(at: tree.mark(at: start)), isLimit: true))
                return true
            }
            let isSequence = event.type == YAML_SEQUENCE_START_EVENT
            let isFlow = isSequence
                ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
            let node = tree.appendCollection(isSequence ? .sequence : .mapping, isFlow: isFlow, start: start)
            remember(anchor: isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor, for: node)
            attach(node)
            open.append((node, pending.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let (node, firstChild) = open.popLast() else { return true }
            let end = tree.isFlow(node) ? offset(event.end_mark) : 0
            tree.close(node, children: pending[firstChild...], end: end)
            pending.removeSubrange(firstChild...)
        default:
            break
        }
        return false
    }

    private mutating func attach(_ node: NodeID) {
        if tree.nodeCount > limits.maxNodes, !problems.contains(where: \.isLimit) {
            problems.append(YAMLProblem(message: "more than \(limits.maxNodes) nodes", span: tree.span(node), isLimit: true))
        }
        if open.isEmpty {
            if tree.root == nil { tree.root = node }
        } else {
            pending.append(node)
        }
    }

    private mutating func remember(anchor: UnsafeMutablePointer<yaml_char_t>?, for node: NodeID) {
        guard let anchor else { return }
        anchors[String(cString: anchor)] = node
    }

    private func scalarStyle(_ style: yaml_scalar_style_t) -> YAMLTree.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    /// The byte offset in the file of a libyaml mark (which counts characters).
    private mutating func offset(_ mark: yaml_mark_t) -> Int {
        base + cursor.byteOffset(ofCharacter: Int(mark.index))
    }

    /// A block scalar's end mark includes its trailing line breaks; report up to its last
    /// non-blank character instead.
    private func trimmedEnd(start: Int, end: Int) -> Int {
        var offset = end - base
        let floor = start - base
        while offset > floor, let byte = Optional(body[offset - 1]), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            offset -= 1
        }
        return base + offset
    }

    private mutating func problem(of parser: inout yaml_parser_t) -> YAMLProblem {
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot parse the file"
        switch parser.error {
        case YAML_READER_ERROR:
            let offset = min(Int(parser.problem_offset), body.count)
            var message = problem
            if parser.problem_value != -1 {
                message += " (byte 0x\(String(UInt8(truncatingIfNeeded: parser.problem_value), radix: 16, uppercase: true)))"
            }
            return YAMLProblem(message: message, span: Span(at: tree.mark(at: base + offset)))
        case YAML_MEMORY_ERROR:
            return YAMLProblem(message: "out of memory", span: Span(at: Mark(line: 1, column: 1, offset: base)))
        default:
            let at = tree.mark(at: offset(parser.problem_mark))
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                let contextMark = parser.context_mark
                message += " (\(context) at line \(contextMark.line + 1), column \(contextMark.column + 1))"
            }
            return YAMLProblem(message: message, span: Span(at: at))
        }
    }
}

/// Converts libyaml's character indexes to byte offsets. Marks arrive nearly in order, so a
/// cursor that walks forward (and back, a little) makes the whole conversion one pass.
private struct CharacterCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var character = 0
    var byte = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func byteOffset(ofCharacter target: Int) -> Int {
        while character < target, byte < bytes.count {
            byte += utf8SequenceLength(bytes[byte])
            character += 1
        }
        while character > target, byte > 0 {
            byte -= 1
            while byte > 0, bytes[byte] & 0xC0 == 0x80 { byte -= 1 }
            character -= 1
        }
        return min(byte, bytes.count)
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
