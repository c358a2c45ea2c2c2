/// A stable identity for a finding across edits: rule, project and the finding's identity
/// (item-id based path and message key), hashed with 64-bit FNV-1a. Never a line number.
func fingerprint(rule: String, project: String, identity: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "\(rule)\u{0}\(project)\u{0}\(identity)".utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
