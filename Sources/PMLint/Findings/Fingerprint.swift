/// A stable identity for a finding across edits: rule, project and the finding's identity
/// (item-id based path and message key), hashed with 64-bit FNV-1a. Never a line number.
/// Kept as its number and written as sixteen hex digits, as reports and baselines show it.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public let hash: UInt64

    public init(hash: UInt64) {
        self.hash = hash
    }

    public init(rule: String, project: String, identity: String) {
        // FNV-1a over rule, NUL, project, NUL, identity, without building the joined text.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        rule.utf8.forEach(add)
        add(0)
        project.utf8.forEach(add)
        add(0)
        identity.utf8.forEach(add)
        self.hash = hash
    }

    public var description: String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
