/// A document's text as bytes, with where its lines start: converts between byte offsets (what
/// pmlint's spans hold) and LSP positions, whose characters are counted in the encoding agreed
/// at initialization (UTF-16 unless the client offers UTF-8 or UTF-32).
struct TextLines: Sendable {
    enum Encoding: String, Sendable {
        case utf8 = "utf-8", utf16 = "utf-16", utf32 = "utf-32"
    }

    private(set) var bytes: [UInt8]
    let encoding: Encoding
    /// The byte offset of each line's first byte. A line ends at `\n`, `\r\n` or a lone `\r`.
    private var starts: [Int]

    init(_ bytes: [UInt8], encoding: Encoding) {
        self.bytes = bytes
        self.encoding = encoding
        starts = [0]
        starts += Self.lineStarts(in: bytes, from: 1, through: bytes.count)
    }

    /// The offsets in `first...last` that start a line: each just after a `\n`, or after a `\r`
    /// not followed by `\n`.
    private static func lineStarts(in bytes: [UInt8], from first: Int, through last: Int) -> [Int] {
        var found: [Int] = []
        var offset = max(1, first)
        while offset <= min(last, bytes.count) {
            let before = bytes[offset - 1]
            if before == 10 || (before == 13 && (offset == bytes.count || bytes[offset] != 10)) { found.append(offset) }
            offset += 1
        }
        return found
    }

    /// Replaces a stretch of bytes, as an editor's change does; the line starts are worked out
    /// again only around it, so a change costs the lines after it, not the whole text.
    mutating func replace(_ range: Swift.Range<Int>, with new: [UInt8]) {
        let lower = max(0, min(range.lowerBound, bytes.count)), upper = max(lower, min(range.upperBound, bytes.count))
        bytes.replaceSubrange(lower..<upper, with: new)
        let delta = new.count - (upper - lower)
        // From the line before the change (a `\r` there may now meet a `\n`), to one byte past it.
        let firstLine = max(0, line(containing: lower) - 1)
        let scanEnd = upper + 1 + delta
        let kept = starts[(starts.firstIndex { $0 > upper + 1 } ?? starts.count)...].map { $0 + delta }
        starts = Array(starts[...firstLine]) + Self.lineStarts(in: bytes, from: starts[firstLine] + 1, through: scanEnd) + kept
    }

    /// The line an offset is on.
    private func line(containing offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The line's bytes, without its line break.
    func line(_ number: Int) -> ArraySlice<UInt8> {
        guard number >= 0, number < starts.count else { return [] }
        var end = number + 1 < starts.count ? starts[number + 1] : bytes.count
        while end > starts[number], bytes[end - 1] == 10 || bytes[end - 1] == 13 { end -= 1 }
        return bytes[starts[number]..<end]
    }

    func lineStart(_ number: Int) -> Int { starts[max(0, min(number, starts.count - 1))] }

    func position(of offset: Int) -> LSP.Position {
        let offset = max(0, min(offset, bytes.count))
        let number = line(containing: offset)
        return LSP.Position(line: number, character: units(from: starts[number], to: offset))
    }

    /// The end of a line's text, before its line break.
    func endOfLine(_ number: Int) -> LSP.Position {
        LSP.Position(line: number, character: units(from: lineStart(number), to: lineStart(number) + line(number).count))
    }

    func range(_ span: Span) -> LSP.Range {
        LSP.Range(start: position(of: span.start.offset), end: position(of: span.end.offset))
    }

    /// The byte offset of a position; a character past the line's end is its end, a line past
    /// the text's end is the end of the text (as LSP asks).
    func offset(of position: LSP.Position) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < starts.count else { return bytes.count }
        let line = self.line(position.line)
        var offset = line.startIndex, counted = 0
        while offset < line.endIndex, counted < position.character {
            let length = Self.sequenceLength(bytes[offset])
            counted += unitCount(ofSequence: length)
            offset = min(offset + length, line.endIndex)
        }
        return offset
    }

    /// Characters between two offsets on one line, in the agreed encoding.
    private func units(from start: Int, to end: Int) -> Int {
        if encoding == .utf8 { return end - start }
        var count = 0, index = start
        while index < end {
            let length = Self.sequenceLength(bytes[index])
            count += unitCount(ofSequence: length)
            index += length
        }
        return count
    }

    private func unitCount(ofSequence length: Int) -> Int {
        switch encoding {
        case .utf8: return length
        case .utf16: return length == 4 ? 2 : 1
        case .utf32: return 1
        }
    }

    /// The length of the UTF-8 sequence a byte starts; 1 for a stray continuation byte.
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }
}
