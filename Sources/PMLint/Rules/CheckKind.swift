/// The fixed vocabulary of generic checks. Every rule, built-in or a team's, is one of these
/// over selectors, filters and parameters; no rule has Swift code of its own.
enum CheckKind: String, CaseIterable, Sendable {
    /// Fires on every selected item that matches `where` and not `unless`.
    case each
    /// Fires once when no selected item matches.
    case absent
    /// Fires on an item with no follow-up within a window after its date.
    case followUp = "follow-up"
    /// Fires when the last matching log entry is older than a cadence allows.
    case recency
    /// Fires on each stretch between consecutive items longer than a cadence allows.
    case gaps
    /// Fires on an item dated while another item was open (a milestone overdue, say).
    case overlap
    /// Fires on each vague term in the selected texts.
    case terms
    /// Fires on an item whose linked log entries all match a condition.
    case links

    /// The check fields each kind reads besides `kind`, `items`, `where`, `when`, `at`, `message`.
    var fields: Set<String> {
        switch self {
        case .each: return ["unless"]
        case .absent: return ["given"]
        case .followUp: return ["from", "within", "window", "answered_by", "followed_by"]
        case .recency: return ["entries", "since", "every", "grace"]
        case .gaps: return ["every", "factor"]
        case .overlap: return ["on", "others", "open_after", "closed_by"]
        case .terms: return ["in", "terms"]
        case .links: return ["all_match"]
        }
    }

    var required: Set<String> {
        switch self {
        case .each, .absent, .gaps, .links, .overlap: return ["items"]
        case .followUp: return ["items", "within"]
        case .recency: return ["entries", "every"]
        case .terms: return ["in", "terms"]
        }
    }

    static let commonFields: Set<String> = ["kind", "items", "where", "when", "at", "message"]
}
