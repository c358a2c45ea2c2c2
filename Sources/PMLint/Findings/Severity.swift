/// How much a finding matters, lowest first.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// One step lower (info stays info): a late follow-up matters less than a missing one.
    var lowered: Severity {
        switch self {
        case .error: return .warning
        case .warning, .info: return .info
        }
    }
}
