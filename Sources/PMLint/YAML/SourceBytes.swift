#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes as pmlint read them, for finding lines and columns and showing source lines.
///
/// A long log's items keep copies of their texts, so once a piece of the log is read its bytes
/// are needed only for the few findings in it. Those pieces are let go (`letGo`): their pages go
/// back to the system, and a checksum of each page is kept. When a finding needs bytes of a page
/// let go, the page is read again from the file and checked against its checksum (the last pages
/// read again are kept for the findings that follow); if the file has changed since, the bytes
/// are not given (`withBytes` returns nil), `changed` is set, and the check reports that the
/// file changed during it, rather than a wrong line or source line.
final class SourceBytes: @unchecked Sendable {
    /// The bytes read; pages let go read as zeros and are never looked at.
    private let bytes: [UInt8]
    /// The memory pages the bytes lie on, as offsets in the file.
    private let pages: PageGrid
    private let state: Locked<State>

    private struct State {
        /// Where to read pages let go again from.
        var path: String?
        var descriptor: Int32 = -1
        /// The checksum of each page let go, by the page's start.
        var letGo: [Int: UInt64] = [:]
        /// Pages read again, by their start: a page's bytes at its slot (its number modulo the
        /// slots) of `cache`.
        var cached: [Int] = []
        var cache: [UInt8] = []
        var changed = false
    }

    /// Pages kept once read again.
    private static let cacheSlots = 64

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // The page boundaries are where the array's storage crosses the system's.
        pages = bytes.withUnsafeBufferPointer { buffer in
            let size = Int(sysconf(Int32(_SC_PAGESIZE)))
            let address = buffer.baseAddress.map { Int(bitPattern: $0) } ?? 0
            return PageGrid(size: size, origin: (size - address % size) % size)
        }
        state = Locked(State())
    }

    deinit {
        let descriptor = state.withLock { $0.descriptor }
        if descriptor >= 0 { close(descriptor) }
    }

    var count: Int { bytes.count }

    /// How many pages have been let go.
    var pagesLetGo: Int { state.withLock { $0.letGo.count } }

    /// Whether bytes let go were found changed in the file when read again.
    var changed: Bool { state.withLock { $0.changed } }

    /// The bytes as they were read, for those who read them all before any is let go (parsing,
    /// cutting into pieces, indexing lines).
    var whole: [UInt8] { bytes }

    /// Hands the whole pages within `range` back to the system, keeping a checksum of each; they
    /// are read again from the file at `path` when asked for. Only for bytes read from that file
    /// and not looked at again by anyone but `withBytes`'s callers.
    func letGo(_ range: Range<Int>, rereadingFrom path: String) {
        let start = pages.end(of: range.lowerBound)
        let end = pages.start(of: range.upperBound)
        guard start < end else { return }
        let checksums = bytes.withUnsafeBufferPointer { buffer in
            stride(from: start, to: end, by: pages.size).map { ($0, SourceBytes.checksum(UnsafeBufferPointer(rebasing: buffer[$0..<$0 + pages.size]))) }
        }
        state.withLock { state in
            state.path = path
            state.letGo.merge(checksums) { $1 }
        }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // The array's storage is this object's alone from here on: no one reads these pages
            // but through `withBytes`, which reads them from the file instead.
            _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
        }
    }

    /// Calls `body` with the bytes of `range` (clamped to the file), the buffer's first byte the
    /// range's first. Nil when some were let go and the file no longer holds them as they were.
    func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        let range = max(0, min(range.lowerBound, count))..<max(0, min(range.upperBound, count))
        // The pages the range touches, and the checksums of those let go.
        let touched = stride(from: pages.start(of: range.lowerBound), to: range.upperBound, by: pages.size)
        let wanted = state.withLock { state -> [(page: Int, checksum: UInt64)] in
            state.letGo.isEmpty ? [] : touched.compactMap { page in state.letGo[page].map { (page, $0) } }
        }
        guard !wanted.isEmpty else {
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count) { window -> Result? in
            /// Copies the part of `range` on the page at `page` from `bytes`, which start at `base`.
            func copy(page: Int, from bytes: UnsafeBufferPointer<UInt8>, at base: Int) {
                let part = max(page, range.lowerBound)..<min(page + pages.size, range.upperBound)
                _ = UnsafeMutableBufferPointer(rebasing: window[(part.lowerBound - range.lowerBound)..<(part.upperBound - range.lowerBound)])
                    .update(fromContentsOf: bytes[(part.lowerBound - base)..<(part.upperBound - base)])
            }
            bytes.withUnsafeBufferPointer { buffer in
                for page in touched where !wanted.contains(where: { $0.page == page }) { copy(page: page, from: buffer, at: 0) }
            }
            for (page, checksum) in wanted {
                let intact = withPage(page, checksum: checksum) { copy(page: page, from: $0, at: page) }
                guard intact else {
                    state.withLock { $0.changed = true }
                    return nil
                }
            }
            return body(UnsafeBufferPointer(window))
        }
    }

    /// Lends the bytes of a page let go, from the pages kept or read again from the file; false
    /// when they are not the bytes read first.
    private func withPage(_ page: Int, checksum: UInt64, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        let size = pages.size
        let slot = (page / size) % SourceBytes.cacheSlots
        let found = state.withLock { state -> Bool in
            guard !state.cached.isEmpty, state.cached[slot] == page else { return false }
            state.cache.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(slot * size)..<(slot * size + size)])) }
            return true
        }
        if found { return true }
        let descriptor = state.withLock { state -> Int32 in
            if state.descriptor < 0, let path = state.path { state.descriptor = open(path, O_RDONLY) }
            return state.descriptor
        }
        guard descriptor >= 0 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { read -> Bool in
            guard let base = read.baseAddress else { return false }
            var done = 0
            while done < size {
                let count = pread(descriptor, base + done, size - done, off_t(page + done))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                done += count
            }
            let bytes = UnsafeBufferPointer(read)
            guard SourceBytes.checksum(bytes) == checksum else { return false }
            body(bytes)
            state.withLock { state in
                if state.cached.isEmpty {
                    state.cached = Array(repeating: -1, count: SourceBytes.cacheSlots)
                    state.cache = Array(repeating: 0, count: SourceBytes.cacheSlots * size)
                }
                state.cached[slot] = page
                state.cache.withUnsafeMutableBufferPointer {
                    _ = UnsafeMutableBufferPointer(rebasing: $0[(slot * size)..<(slot * size + size)]).update(fromContentsOf: bytes)
                }
            }
            return true
        }
    }

    /// A 64-bit checksum of a page, eight bytes at a time: enough to tell a page changed on
    /// disk, which is all it is for.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            hash = (hash ^ UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        while index < bytes.count {
            hash = (hash ^ UInt64(bytes[index])) &* 0xC4CE_B9FE_1A85_EC53
            index += 1
        }
        return hash
    }
}

/// Memory pages as offsets in a file: pages of `size` bytes, one of them starting at `origin`.
private struct PageGrid {
    let size: Int
    let origin: Int

    /// The start of the page holding `offset`.
    func start(of offset: Int) -> Int {
        let into = (offset - origin) % size
        return offset - (into < 0 ? into + size : into)
    }

    /// The first page boundary at or after `offset`.
    func end(of offset: Int) -> Int {
        let start = start(of: offset)
        return start == offset ? offset : start + size
    }
}
