/// A dotted path to a field: relative to the item a check looks at, or to the plan (`plan.`).
struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    var fromPlan: Bool
    var keys: [String]

    init?(_ text: String) {
        var keys = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !keys.isEmpty, keys.allSatisfy({ !$0.isEmpty }) else { return nil }
        fromPlan = keys.first == "plan"
        if fromPlan { keys.removeFirst() }
        guard !keys.isEmpty || fromPlan else { return nil }
        self.keys = keys
    }

    init(fromPlan: Bool, keys: [String]) {
        self.fromPlan = fromPlan
        self.keys = keys
    }

    /// The path of the item holding this path's field (`plan.scope` for `plan.scope.objectives`).
    var parent: FieldPath { FieldPath(fromPlan: fromPlan, keys: Array(keys.dropLast())) }

    var description: String { (fromPlan ? ["plan"] : []).joined() + (fromPlan && !keys.isEmpty ? "." : "") + keys.joined(separator: ".") }

    var last: String { keys.last ?? "plan" }
}

/// A duration in a rule: a literal (`2d`), a parameter (`$within`) or a field (`every`).
enum DurationExpression: Sendable {
    case literal(Duration)
    case parameter(String)
    case field(FieldPath)

    init?(_ text: String) {
        let text = text.trimmingSpacesAndTabs
        if text.hasPrefix("$") {
            self = .parameter(String(text.dropFirst()))
        } else if let duration = Duration(parsing: text) {
            self = .literal(duration)
        } else if let path = FieldPath(text) {
            self = .field(path)
        } else {
            return nil
        }
    }
}

/// A date in a rule: `as_of`, a field with fallbacks (`closed_on|end`), plus or minus durations:
/// `plan.project.closed_on|plan.project.end + $grace`.
struct DateExpression: Sendable {
    enum Base: Sendable {
        case asOf
        case fields([FieldPath])
    }

    var base: Base
    var offsets: [(sign: Int, duration: DurationExpression)]

    init?(_ text: String) {
        var parts: [(Int, String)] = []
        var sign = 1
        var current = ""
        for character in text {
            if character == "+" || (character == "-" && current.trimmingSpacesAndTabs.isEmpty == false && current.last == " ") {
                parts.append((sign, current))
                sign = character == "+" ? 1 : -1
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append((sign, current))
        let head = parts[0].1.trimmingSpacesAndTabs
        if head == "as_of" {
            base = .asOf
        } else {
            let paths = head.split(separator: "|").map { FieldPath($0.trimmingSpacesAndTabs) }
            guard !paths.isEmpty, paths.allSatisfy({ $0 != nil }) else { return nil }
            base = .fields(paths.compactMap { $0 })
        }
        var offsets: [(sign: Int, duration: DurationExpression)] = []
        for (sign, part) in parts.dropFirst() {
            guard let duration = DurationExpression(part) else { return nil }
            offsets.append((sign, duration))
        }
        self.offsets = offsets
    }

    /// The fields this expression reads, for messages that point at them.
    var firstField: FieldPath? {
        if case .fields(let paths) = base { return paths.first }
        return nil
    }
}
