/// JSON string literals, written straight into the report's bytes.
enum JSONWriter {
    /// Appends `text` as a JSON string. Runs of bytes that need no escape are copied whole;
    /// quotes, backslashes and control characters are escaped, and so are U+2028 and U+2029,
    /// which JavaScript reads as line breaks.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            var index = 0
            func escape(_ replacement: String, skipping length: Int) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                out.append(contentsOf: replacement.utf8)
                index += length
                run = index
            }
            while index < bytes.count {
                // Eight bytes at a time past those that need no escape (most of every text).
                while index + 8 <= bytes.count, let base = bytes.baseAddress,
                      !mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                }
                guard index < bytes.count else { break }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): escape("\\\"", skipping: 1)
                case UInt8(ascii: "\\"): escape("\\\\", skipping: 1)
                case UInt8(ascii: "\n"): escape("\\n", skipping: 1)
                case UInt8(ascii: "\r"): escape("\\r", skipping: 1)
                case UInt8(ascii: "\t"): escape("\\t", skipping: 1)
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    escape("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, skipping: 1)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", skipping: 3)
                default:
                    index += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether a byte of `word` is a control character, a quote, a backslash or the lead of
    /// U+2028 or U+2029 (0xE2): never false when one is.
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let hasControl = (word &- ones &* 0x20) & ~word & highs != 0
        return hasControl || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) || hasZero(word ^ (ones &* 0xE2))
    }
}

/// A JSON value built in order; rendered with two-space indentation.
enum JSON: Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSON])
    /// An array whose elements are made as they are written, a slice at a time on all cores:
    /// a large report's findings are never all held as values at once.
    case elements(count: Int, element: @Sendable (Int) -> JSON)
    case object([(String, JSON)])

    /// Two-space indented JSON and a final line break, as a file holds it.
    func rendered() -> String {
        var chunks: [[UInt8]] = []
        write { chunks.append($0); return true }
        let total = chunks.reduce(0) { $0 + $1.count }
        return String(unsafeUninitializedCapacity: total) { buffer in
            var written = 0
            for chunk in chunks {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(from: chunk)
                written += chunk.count
            }
            return written
        }
    }

    /// Writes the JSON and a final line break to `sink`, in order, a chunk of bytes at a time.
    /// A long array (a large report's findings) is made and written a batch of elements at a
    /// time, each batch in slices on all cores: at no moment is the whole report held, as
    /// values or as bytes. Stops when `sink` fails; returns whether all was written.
    @discardableResult
    func write(to sink: ([UInt8]) -> Bool) -> Bool {
        var current: [UInt8] = []
        let written = withoutActuallyEscaping(sink) { sink in write(into: &current, depth: 0, sink: sink) }
        guard written else { return false }
        current.append(UInt8(ascii: "\n"))
        return sink(current)
    }

    private static let batchLength = 4096

    /// Writes into `current`. With a sink, a long array, wherever it is, sends what is written
    /// so far, then its batches; without one (inside a batch's slice) all is written in place.
    private func write(into current: inout [UInt8], depth: Int, sink: (([UInt8]) -> Bool)? = nil) -> Bool {
        switch self {
        case .string(let text): JSONWriter.appendQuoted(text, to: &current)
        case .int(let value): current += String(value).utf8
        case .bool(let value): current += (value ? "true" : "false").utf8
        case .null: current += "null".utf8
        case .array, .elements:
            let count = elementCount ?? 0
            guard count > 0 else {
                current += "[]".utf8
                return true
            }
            current += "[\n".utf8
            if let sink, count >= JSON.concurrentArrayLength {
                guard sink(current) else { return false }
                current = []
                for batch in stride(from: 0, to: count, by: JSON.batchLength) {
                    let indexes = Array(batch..<min(batch + JSON.batchLength, count))
                    let slices = concurrentSlices(indexes) { slice in write(elements: slice, of: count, into: depth) }
                    for slice in slices {
                        guard sink(slice) else { return false }
                    }
                }
            } else {
                for index in 0..<count {
                    JSON.indent(&current, depth + 1)
                    guard element(index).write(into: &current, depth: depth + 1, sink: sink) else { return false }
                    current += (index == count - 1 ? "\n" : ",\n").utf8
                }
            }
            JSON.indent(&current, depth)
            current.append(UInt8(ascii: "]"))
        case .object(let pairs):
            guard !pairs.isEmpty else {
                current += "{}".utf8
                return true
            }
            current += "{\n".utf8
            for index in pairs.indices {
                JSON.indent(&current, depth + 1)
                JSONWriter.appendQuoted(pairs[index].0, to: &current)
                current += ": ".utf8
                guard pairs[index].1.write(into: &current, depth: depth + 1, sink: sink) else { return false }
                current += (index == pairs.count - 1 ? "\n" : ",\n").utf8
            }
            JSON.indent(&current, depth)
            current.append(UInt8(ascii: "}"))
        }
        return true
    }

    private static let concurrentArrayLength = 4096

    /// How many elements an array has.
    private var elementCount: Int? {
        switch self {
        case .array(let items): return items.count
        case .elements(let count, _): return count
        default: return nil
        }
    }

    private func element(_ index: Int) -> JSON {
        switch self {
        case .array(let items): return items[index]
        case .elements(_, let element): return element(index)
        default: return .null
        }
    }

    /// The elements at `indexes` of an array of `count`, one a line, each followed by a comma
    /// but the last.
    private func write(elements indexes: some Sequence<Int>, of count: Int, into depth: Int) -> [UInt8] {
        var out: [UInt8] = []
        for index in indexes {
            JSON.indent(&out, depth + 1)
            _ = element(index).write(into: &out, depth: depth + 1)
            out += (index == count - 1 ? "\n" : ",\n").utf8
        }
        return out
    }

    private static func indent(_ out: inout [UInt8], _ depth: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
}
