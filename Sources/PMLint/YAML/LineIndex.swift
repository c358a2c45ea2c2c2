#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines and columns of byte offsets, counted as libyaml counts them: lines break at LF, CR,
/// CRLF, NEL, LS and PS; columns count characters; a byte order mark is not on line 1. Nodes
/// keep byte offsets only, and a finding's line and column come from here.
struct LineIndex: Sendable {
    private static let blockSize = 1024
    /// The file's bytes, of which a mark reads at most a block's (or two, on a long line).
    let bytes: SourceBytes
    private let bodyStart: Int
    /// Whether the file holds a break other than LF (CR, NEL, LS, PS): lines are then found by
    /// the slower walk that knows them all.
    private let hasRareBreaks: Bool
    /// For each block of `blockSize` bytes, at its first byte: the line breaks ended before it,
    /// where its line starts, and the characters before it. Twelve bytes a block, not four a
    /// line: a line and column are found from the block's entry and a scan of at most a block.
    private let breaksBefore: [UInt32]
    private let lineStartBefore: [UInt32]
    private let charactersBefore: [UInt32]

    init(bytes: [UInt8], bodyStart: Int) {
        self.bytes = SourceBytes(bytes)
        self.bodyStart = bodyStart
        let blocks = bytes.count / LineIndex.blockSize + 1
        var breaksBefore: [UInt32] = []
        var lineStartBefore: [UInt32] = []
        var charactersBefore: [UInt32] = []
        breaksBefore.reserveCapacity(blocks)
        lineStartBefore.reserveCapacity(blocks)
        charactersBefore.reserveCapacity(blocks + 1)
        var rare = false
        bytes.withUnsafeBufferPointer { buffer in
            rare = LineIndex.hasRareBreak(buffer)
            var characters = 0
            var breaks = 0
            var lineStart = bodyStart
            var block = 0
            while block <= buffer.count {
                breaksBefore.append(UInt32(truncatingIfNeeded: breaks))
                lineStartBefore.append(UInt32(truncatingIfNeeded: lineStart))
                charactersBefore.append(UInt32(truncatingIfNeeded: characters))
                guard block < buffer.count else { break }
                let end = min(block + LineIndex.blockSize, buffer.count)
                characters &+= LineIndex.characters(in: buffer, from: block, to: end)
                if rare {
                    LineIndex.breaks(in: buffer, endingAfter: block, through: end, bodyStart: bodyStart) { breakEnd in
                        breaks += 1
                        lineStart = breakEnd
                    }
                } else if let (count, lastEnd) = LineIndex.lineFeeds(in: buffer, from: max(bodyStart, block), to: end) {
                    breaks += count
                    lineStart = lastEnd
                }
                block = end
            }
        }
        hasRareBreaks = rare
        self.breaksBefore = breaksBefore
        self.lineStartBefore = lineStartBefore
        self.charactersBefore = charactersBefore
    }

    /// Calls `found` with the end (the next line's first byte) of every line break that ends in
    /// `(after, through]`, in order, for a file with breaks other than LF (`lineFeeds` counts a
    /// file's LFs faster). The walk starts two bytes early, so that a break begun in the block
    /// before (CR of a CRLF, the lead of NEL, LS or PS) is seen whole.
    private static func breaks(in buffer: UnsafeBufferPointer<UInt8>, endingAfter after: Int, through limit: Int, bodyStart: Int,
                               _ found: (Int) -> Void) {
        var index = max(bodyStart, after - 2)
        while index < limit {
            let byte = buffer[index]
            var length = 0
            if byte == 0x0A {
                length = 1
            } else if byte == 0x0D {
                length = index + 1 < buffer.count && buffer[index + 1] == 0x0A ? 2 : 1
            } else if byte == 0xC2, index + 1 < buffer.count, buffer[index + 1] == 0x85 {
                length = 2
            } else if byte == 0xE2, index + 2 < buffer.count, buffer[index + 1] == 0x80,
                      buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9 {
                length = 3
            }
            guard length > 0 else {
                index += 1
                continue
            }
            let end = index + length
            if end > after, end <= limit { found(end) }
            index = end
        }
    }

    /// The number of line feeds in `buffer[start..<end]` and the end of the last (the next
    /// line's first byte); nil when there is none. Counted eight bytes at a time: a file whose
    /// only breaks are LF needs no walk from break to break.
    static func lineFeeds(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (count: Int, lastEnd: Int)? {
        guard let base = buffer.baseAddress else { return nil }
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var count = 0
        var last = -1
        var index = start
        while index + 8 <= end {
            // A byte of `word` is zero exactly where the text holds a line feed; `feeds` has
            // the top bit of those bytes set (a little-endian load: the first byte lowest).
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            let feeds = ~(((word & low) &+ low) | word | low)
            if feeds != 0 {
                count += feeds.nonzeroBitCount
                last = index + (63 - feeds.leadingZeroBitCount) / 8
            }
            index += 8
        }
        while index < end {
            if buffer[index] == 0x0A {
                count += 1
                last = index
            }
            index += 1
        }
        return last < 0 ? nil : (count, last + 1)
    }

    /// Characters (bytes that do not continue a UTF-8 sequence) in `buffer[start..<end]`,
    /// eight bytes at a time: a continuation byte is the one with its top bits `10`.
    static func characters(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var characters = 0
        var index = start
        while index + 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            characters += 8 - (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            index += 8
        }
        while index < end {
            if buffer[index] & 0xC0 != 0x80 { characters += 1 }
            index += 1
        }
        return characters
    }

    /// Whether the file holds a CR, NEL (C2 85), LS (E2 80 A8) or PS (E2 80 A9), found by
    /// their first bytes (rare outside these breaks) rather than by a walk over every byte.
    static func hasRareBreak(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        if memchr(base, 0x0D, buffer.count) != nil { return true }
        for (lead, follows) in [(UInt8(0xC2), [[UInt8(0x85)]]), (UInt8(0xE2), [[UInt8(0x80), 0xA8], [0x80, 0xA9]])] {
            var index = 0
            while index < buffer.count, let found = memchr(base + index, Int32(lead), buffer.count - index) {
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let rest = buffer[(position + 1)...]
                if follows.contains(where: { rest.starts(with: $0) }) { return true }
                index = position + 1
            }
        }
        return false
    }

    /// The line and column of a byte offset. Should the bytes it needs have changed in the
    /// file since they were let go (`SourceBytes`), the line of the offset's block and column 1.
    func mark(at offset: Int) -> Mark {
        let offset = max(0, min(offset, bytes.count))
        let block = offset / LineIndex.blockSize
        let blockStart = block * LineIndex.blockSize
        var line = Int(breaksBefore[block]) + 1
        var lineStart = Int(lineStartBefore[block])
        // The block up to the offset, two bytes wider each side: a break begun before the block
        // (the CR of a CRLF, the lead of NEL, LS or PS) is seen whole, and so is one the offset
        // splits.
        let window = max(0, blockStart - 2)..<min(bytes.count, offset + 2)
        let column = bytes.withBytes(window) { buffer -> Int? in
            let shift = window.lowerBound
            if !hasRareBreaks {
                if let (count, lastEnd) = LineIndex.lineFeeds(in: buffer, from: max(bodyStart, blockStart) - shift, to: offset - shift) {
                    line += count
                    lineStart = lastEnd + shift
                }
            } else {
                LineIndex.breaks(in: buffer, endingAfter: blockStart - shift, through: offset - shift, bodyStart: bodyStart - shift) { end in
                    line += 1
                    lineStart = end + shift
                }
            }
            lineStart = min(lineStart, offset)
            guard lineStart >= shift else { return nil }
            return LineIndex.characters(in: buffer, from: lineStart - shift, to: offset - shift)
        }
        guard let column else { return Mark(line: line, column: 1, offset: offset) }
        return Mark(line: line, column: (column ?? characters(from: lineStart, to: offset)) + 1, offset: offset)
    }

    /// Characters in `bytes[from..<to]`: whole blocks from the table, the ends scanned.
    private func characters(from start: Int, to end: Int) -> Int {
        let size = LineIndex.blockSize
        if end - start < 2 * size { return count(start, end) }
        let firstBlock = (start + size - 1) / size
        let lastBlock = end / size
        return count(start, firstBlock * size)
            + Int(charactersBefore[lastBlock] &- charactersBefore[firstBlock])
            + count(lastBlock * size, end)
    }

    private func count(_ start: Int, _ end: Int) -> Int {
        bytes.withBytes(start..<end) { LineIndex.characters(in: $0, from: 0, to: $0.count) } ?? 0
    }
}
