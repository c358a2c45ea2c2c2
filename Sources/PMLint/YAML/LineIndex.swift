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
    private let bytes: [UInt8]
    /// The offset of each line's first byte.
    private let starts: [UInt32]
    /// Characters before each block of `blockSize` bytes, so a column on a long line costs at
    /// most a block's scan.
    private let charactersBefore: [UInt32]

    init(bytes: [UInt8], bodyStart: Int) {
        self.bytes = bytes
        var starts: [UInt32] = [UInt32(bodyStart)]
        var charactersBefore: [UInt32] = []
        charactersBefore.reserveCapacity(bytes.count / LineIndex.blockSize + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var characters = 0
            var rareBreaks = false
            var block = 0
            while block < buffer.count {
                charactersBefore.append(UInt32(truncatingIfNeeded: characters))
                let end = min(block + LineIndex.blockSize, buffer.count)
                var index = block
                while index < end {
                    let byte = buffer[index]
                    characters &+= byte & 0xC0 == 0x80 ? 0 : 1
                    rareBreaks = rareBreaks || byte == 0x0D || byte == 0x85 || byte == 0xA8 || byte == 0xA9
                    index += 1
                }
                block = end
            }
            charactersBefore.append(UInt32(truncatingIfNeeded: characters))
            if rareBreaks {
                LineIndex.scanAllBreaks(buffer, from: bodyStart, into: &starts)
            } else {
                var index = bodyStart
                while index < buffer.count, let found = LineIndex.newline(in: buffer, from: index) {
                    starts.append(UInt32(truncatingIfNeeded: found + 1))
                    index = found + 1
                }
            }
        }
        self.starts = starts
        self.charactersBefore = charactersBefore
    }

    private static func newline(in buffer: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
        guard let base = buffer.baseAddress,
              let found = memchr(base + index, 0x0A, buffer.count - index) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// CR, NEL, LS and PS break lines too; files holding any of their bytes take this walk.
    private static func scanAllBreaks(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, into starts: inout [UInt32]) {
        var index = start
        while index < buffer.count {
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
            if length > 0 {
                index += length
                starts.append(UInt32(truncatingIfNeeded: index))
            } else {
                index += 1
            }
        }
    }

    func mark(at offset: Int) -> Mark {
        let offset = max(0, min(offset, bytes.count))
        // The last line starting at or before the offset.
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if Int(starts[middle]) <= offset { low = middle } else { high = middle }
        }
        let lineStart = min(Int(starts[low]), offset)
        return Mark(line: low + 1, column: characters(from: lineStart, to: offset) + 1, offset: offset)
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
        var characters = 0
        var index = start
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { characters += 1 }
            index += 1
        }
        return characters
    }
}
