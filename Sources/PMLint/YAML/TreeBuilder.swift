import CYAML

/// Runs libyaml's event loop over a buffer and builds the flat tree.
struct TreeBuilder {
    let body: UnsafeBufferPointer<UInt8>
    let base: Int
    public let limits: YAMLLimits
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
            let problemOffset = offset(parser.problem_mark)
            let at = tree.mark(at: problemOffset)
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                let contextMark = parser.context_mark
                message += " (\(context) at line \(contextMark.line + 1), column \(contextMark.column + 1))"
            }
            // libyaml names the character, not the habit behind it.
            let position = problemOffset - base
            if problem.contains("tab") || (position >= 0 && position < body.count && body[position] == 0x09) {
                message += "; YAML indents with spaces, not tabs"
            }
            return YAMLProblem(message: message, span: Span(at: at))
        }
    }
}

/// Converts libyaml's character indexes to byte offsets. Marks arrive nearly in order, so a
/// cursor that walks forward (and back, a little) makes the whole conversion one pass.
struct CharacterCursor {
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
