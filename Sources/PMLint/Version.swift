/// The version of pmlint, and the commit it was built from (embedded by the EmbedRules plugin
/// from the checkout's `.git`; nil in a build from a source archive).
public enum Version {
    public static let number = "0.1.0"

    public static var commit: String? { embeddedCommit.isEmpty ? nil : embeddedCommit }

    /// What `pmlint --version` prints: `0.1.0 (commit 4258ce4abcd1)`.
    public static var description: String {
        "\(number) (\(commit.map { "commit " + $0.prefix(12) } ?? "commit unknown: not built from a git checkout"))"
    }
}
