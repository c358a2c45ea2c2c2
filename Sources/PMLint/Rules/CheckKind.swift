/// One of the fixed vocabulary of generic checks. Every rule, built-in or a team's, is one of
/// these over selectors, filters and parameters; no rule has Swift code of its own. A kind
/// declares, in its own file, the keys a rule file gives it, how they compile, the values its
/// findings can show, and how it runs; `CheckKinds.all` registers it.
protocol CheckKind: Sendable {
    /// The `kind:` that names it in a rule file.
    static var name: String { get }
    /// The keys it reads besides `CheckKinds.commonKeys`, as the rule schema documents them.
    static var fields: [Field] { get }
    static var required: Set<String> { get }
    /// The names a message may use besides fields and parameters.
    static var bindings: Set<String> { get }
    /// The findings it can word apart (`late:`, `never:`).
    static var variants: Set<FindingVariant> { get }
    /// `at` is a path into the plan rather than into the selected items.
    static var pointsIntoPlan: Bool { get }

    init(_ spec: CheckSpec) throws(LocatedError)
    func run(_ run: CheckRun) -> [Hit]
    /// The shape whose fields a message may name (nil: a string of a `texts` field).
    func messageShape(selector: Selector?) -> Shape?
    /// A log entry counts for an item only when its `re` names the item's id.
    var linksByID: Bool { get }
    /// Its findings come with time: a window after an item, a cadence, a time since.
    static var hasWindow: Bool { get }
}

extension CheckKind {
    static var keys: Set<String> { Set(fields.map(\.key)) }
    static var required: Set<String> { ["items"] }
    static var bindings: Set<String> { [] }
    static var pointsIntoPlan: Bool { false }
    static var variants: Set<FindingVariant> { [] }
    static var hasWindow: Bool { false }
    func messageShape(selector: Selector?) -> Shape? { selector == nil ? Schema.plan : selector?.shape }
    var linksByID: Bool { false }
}

enum CheckKinds {
    static let all: [any CheckKind.Type] = [
        EachCheck.self, AbsentCheck.self, FollowUpCheck.self, RecencyCheck.self,
        GapsCheck.self, OverlapCheck.self, TermsCheck.self, LinksCheck.self,
    ]

    static let commonKeys: Set<String> = ["kind", "items", "where", "when", "at", "message"]

    /// Every kind's fields for the rule schema; a key several kinds read is documented once,
    /// naming them all.
    static var fields: [Field] {
        var order: [String] = []
        var readers: [String: (field: Field, kinds: [String])] = [:]
        for kind in all {
            for field in kind.fields {
                if readers[field.key] == nil { order.append(field.key) }
                readers[field.key, default: (field, [])].kinds.append(kind.name)
            }
        }
        return order.compactMap { key in
            readers[key].map { Field(key, $0.field.type, "\($0.kinds.joined(separator: ", ")): \($0.field.doc)") }
        }
    }

    static func named(_ name: String) -> (any CheckKind.Type)? { all.first { $0.name == name } }
}

/// A check as a rule file writes it, with what compiling it needs: its item, the rule's
/// parameters, the shape of the items it selects, and located errors.
struct CheckSpec {
    let item: Item
    let source: SourceFile
    let predicates: PredicateCompiler
    let kind: any CheckKind.Type
    /// The shape of what `items` selects (the plan when it selects nothing).
    let shape: Shape?

    var tree: YAMLTree { source.tree }

    func error(_ node: NodeID, _ message: String) -> LocatedError {
        LocatedError(file: source.path, span: source.span(node), message: message)
    }

    /// An error about the check as a whole.
    func error(_ message: String) -> LocatedError { error(item.node, message) }

    /// Where a key is written, for errors about its value.
    func place(_ key: String, in item: Item? = nil) -> NodeID {
        let owner = item ?? self.item
        return owner[key]?.node ?? owner.node
    }

    /// A key's value as written (a condition, a mapping).
    func node(_ key: String, in item: Item? = nil) -> NodeID? {
        (item ?? self.item)[key]?.value.node
    }

    /// The condition under `key`, over items of `shape`.
    func predicate(_ key: String, in item: Item? = nil, shape: Shape?) throws(LocatedError) -> Predicate? {
        try node(key, in: item).map { n throws(LocatedError) in try predicates.compile(n, shape: shape) }
    }

    func dateExpression(_ key: String, default fallback: String) throws(LocatedError) -> DateExpression {
        try predicates.dateExpression(item.text(key) ?? fallback, at: place(key), shape: shape)
    }

    func durationExpression(_ key: String) throws(LocatedError) -> DurationExpression? {
        guard let text = item.text(key) else { return nil }
        return try predicates.durationExpression(text, at: place(key), shape: shape)
    }

    func requiredDuration(_ key: String) throws(LocatedError) -> DurationExpression {
        guard let value = try durationExpression(key) else { throw error("a `\(kind.name)` check needs `\(key)`") }
        return value
    }

    /// `{items: ..., where: ...}` under `key`.
    func selection(_ key: String) throws(LocatedError) -> (Selector, Predicate)? {
        guard let group = item.item(key), let text = group.text("items") else { return nil }
        let selected = try Selector.compile(text, at: place("items", in: group), in: source)
        return (selected, try predicate("where", in: group, shape: selected.shape) ?? .always)
    }
}
