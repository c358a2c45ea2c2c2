#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CYAML

/// libyaml's event parser over a stretch of a file, and the event it parsed last: the one place
/// that holds libyaml's parser and events. Marks come back as byte offsets of the file (libyaml
/// counts characters). The parser and the event live at fixed addresses, since libyaml keeps
/// pointers into its parser.
struct YAMLEvents: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let current: UnsafeMutablePointer<yaml_event_t>
    private var holdsEvent = false
    /// Whether libyaml's parser could be made (it allocates its buffers).
    let isReady: Bool
    /// The stretch parsed, starting at `base` in the file.
    let body: UnsafeBufferPointer<UInt8>
    let base: Int
    private var cursor: CharacterCursor

    init(body: UnsafeBufferPointer<UInt8>, base: Int) {
        self.body = body
        self.base = base
        cursor = CharacterCursor(bytes: body)
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        current = .allocate(capacity: 1)
        current.initialize(to: yaml_event_t())
        isReady = yaml_parser_initialize(parser) == 1
        if isReady {
            yaml_parser_set_input_string(parser, body.baseAddress, body.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        }
    }

    deinit {
        if holdsEvent { yaml_event_delete(current) }
        if isReady { yaml_parser_delete(parser) }
        parser.deallocate()
        current.deallocate()
    }

    /// Parses the next event; false at an error (`problem()` says which) or once the parser
    /// could not be made.
    mutating func next() -> Bool {
        if holdsEvent {
            yaml_event_delete(current)
            holdsEvent = false
        }
        guard isReady, yaml_parser_parse(parser, current) == 1 else { return false }
        holdsEvent = true
        return true
    }

    /// The event parsed last.
    var event: yaml_event_t { current.pointee }
    var type: yaml_event_type_t { current.pointee.type }

    /// Where the event starts, in bytes of the file.
    mutating func start() -> Int { offset(current.pointee.start_mark) }
    /// Where the event ends, in bytes of the file.
    mutating func end() -> Int { offset(current.pointee.end_mark) }

    /// Whether the collection just started is written in flow style (`[a, b]`, `{a: 1}`).
    var isFlow: Bool {
        let event = current.pointee
        return event.type == YAML_SEQUENCE_START_EVENT
            ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
            : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
    }

    /// The anchor of the node just started (a scalar, sequence or mapping), if it has one.
    var anchor: UnsafeMutablePointer<yaml_char_t>? {
        let event = current.pointee
        switch event.type {
        case YAML_SCALAR_EVENT: return event.data.scalar.anchor
        case YAML_SEQUENCE_START_EVENT: return event.data.sequence_start.anchor
        case YAML_MAPPING_START_EVENT: return event.data.mapping_start.anchor
        default: return nil
        }
    }

    /// The scalar just parsed: where it is written, its style and value, and, `locatingValue`,
    /// whether its value is its source text (most are: a plain scalar as is, a quoted one
    /// inside its quotes).
    mutating func scalar(locatingValue: Bool = true) -> ScalarEvent {
        let scalar = current.pointee.data.scalar
        let style = ScalarEvent.style(scalar.style)
        let start = offset(current.pointee.start_mark)
        var end = offset(current.pointee.end_mark)
        if style == .literal || style == .folded { end = trimmedEnd(start: start, end: end) }
        let value = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
        let textStart = style == .singleQuoted || style == .doubleQuoted ? start + 1 : start
        let offset = textStart - base
        var inFile = false
        if locatingValue, style == .plain || style == .singleQuoted || style == .doubleQuoted, offset >= 0, offset + value.count <= body.count {
            if let written = body.baseAddress, let bytes = value.baseAddress {
                inFile = memcmp(written + offset, bytes, value.count) == 0
            } else {
                inFile = value.isEmpty
            }
        }
        return ScalarEvent(start: start, end: end, style: style, value: value, valueStart: inFile ? textStart : nil)
    }

    /// Why parsing stopped, in libyaml's own words, and where (nil: not at a place in the file).
    mutating func problem() -> (message: String, offset: Int?) {
        let parser = parser.pointee
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot parse the file"
        switch parser.error {
        case YAML_READER_ERROR:
            var message = problem
            if parser.problem_value != -1 {
                message += " (byte 0x\(String(UInt8(truncatingIfNeeded: parser.problem_value), radix: 16, uppercase: true)))"
            }
            return (message, base + min(Int(parser.problem_offset), body.count))
        case YAML_MEMORY_ERROR:
            return ("out of memory", nil)
        default:
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                let contextMark = parser.context_mark
                message += " (\(context) at line \(contextMark.line + 1), column \(contextMark.column + 1))"
            }
            return (message, offset(parser.problem_mark))
        }
    }

    /// The byte offset in the file of a libyaml mark.
    private mutating func offset(_ mark: yaml_mark_t) -> Int {
        base + cursor.byteOffset(ofCharacter: Int(mark.index))
    }

    /// A block scalar's end mark includes its trailing line breaks; its end is its last
    /// non-blank character instead.
    private func trimmedEnd(start: Int, end: Int) -> Int {
        var offset = end - base
        let floor = start - base
        while offset > floor, let byte = Optional(body[offset - 1]), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            offset -= 1
        }
        return base + offset
    }
}

/// A scalar as `YAMLEvents` reads it. `value` is libyaml's, valid until the next event.
struct ScalarEvent {
    let start: Int
    let end: Int
    let style: YAMLTree.ScalarStyle
    let value: UnsafeBufferPointer<UInt8>
    /// Where the value's bytes sit in the file, when the value is its source text.
    let valueStart: Int?

    /// A plain scalar that YAML reads as null: empty, `~` or `null`.
    var isNull: Bool { YAMLTree.isNull(style: style, value) }

    static func style(_ style: yaml_scalar_style_t) -> YAMLTree.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}

/// Converts libyaml's character indexes to byte offsets. Marks arrive nearly in order, so a
/// cursor that walks forward (and back, a little) makes the whole conversion one pass; over a
/// run of ASCII, where characters and bytes agree, it jumps instead of walking.
struct CharacterCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var character = 0
    var byte = 0
    /// The bytes from `byte` up to here are ASCII (found eight at a time, when needed).
    var asciiEnd = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func byteOffset(ofCharacter target: Int) -> Int {
        while character < target, byte < bytes.count {
            if byte >= asciiEnd { asciiEnd = CharacterCursor.asciiRunEnd(in: bytes, from: byte) }
            if byte < asciiEnd {
                let step = min(target - character, asciiEnd - byte)
                byte += step
                character += step
            } else {
                byte += utf8SequenceLength(bytes[byte])
                character += 1
            }
        }
        if character > target {
            asciiEnd = 0
            while character > target, byte > 0 {
                byte -= 1
                while byte > 0, bytes[byte] & 0xC0 == 0x80 { byte -= 1 }
                character -= 1
            }
        }
        return min(byte, bytes.count)
    }

    /// Where the run of ASCII bytes starting at `start` ends.
    private static func asciiRunEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var index = start
        while index + 8 <= bytes.count,
              UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        return index
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
