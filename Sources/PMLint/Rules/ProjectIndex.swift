/// The project indexed once for every rule: log entries up to the as-of date sorted by date,
/// and lookups by id, by `re` and by person, so no check scans the log once per item.
final class ProjectIndex: Sendable {
    let project: Project
    let asOf: Day
    let plan: Item
    /// Entries dated on or before as-of, by date (stable: file order within a day).
    let entries: [Item]
    /// Indexes into `entries` of the entries naming an id in `re`, by that id.
    let linked: [String: [Int]]
    /// Indexes into `entries` of the entries naming a person in with/to/from, by that person.
    let mentions: [String: [Int]]
    /// Positions in `entries` by entry type, so a check that looks at conflicts reads only them.
    let byType: [String: [Int]]
    let actions: [Item]
    let isOver: Bool
    private let clientSide: [String: Bool]
    /// "Retrospective held": `closure.retrospective` with `held_on`, and retrospective meetings.
    let retrospectives: [Item]
    /// The plan's working calendar; a day in both of its lists (a `schema` error) is in neither.
    let calendar: WorkingCalendar

    init(project: Project, plan: Item, asOf: Day) {
        self.project = project
        self.plan = plan
        self.asOf = asOf
        let holidays = Set(plan.item("calendar")?["holidays"]?.value.days ?? [])
        let workdays = Set(plan.item("calendar")?["workdays"]?.value.days ?? [])
        calendar = WorkingCalendar(holidays: holidays.subtracting(workdays), workdays: workdays.subtracting(holidays))
        let dated = project.entries.enumerated().compactMap { offset, entry -> (Day, Int, Item)? in
            guard let date = entry.date("date"), date <= asOf else { return nil }
            return (date, offset, entry)
        }
        let entries = dated.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        self.entries = entries
        var linked: [String: [Int]] = [:]
        var mentions: [String: [Int]] = [:]
        var byType: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            if let type = entry.choice("type") { byType[type, default: []].append(index) }
            for ref in entry.refs("re") where linked[ref.id]?.last != index { linked[ref.id, default: []].append(index) }
            for key in ["with", "to", "from"] {
                for ref in entry.refs(key) where mentions[ref.id]?.last != index { mentions[ref.id, default: []].append(index) }
            }
        }
        self.linked = linked
        self.mentions = mentions
        self.byType = byType
        actions = entries.flatMap { $0.items("actions") }

        let projectItem = plan.item("project")
        // With `closed_on`, the project is over exactly from that day: checked as of an earlier
        // date, it was running then, whatever `phase` says now.
        if let closed = projectItem?.date("closed_on") {
            isOver = closed <= asOf
        } else if let phase = projectItem?.choice("phase") {
            isOver = phase == "closed"
        } else if let end = projectItem?.date("end") {
            isOver = end.adding(days: 14) < asOf
        } else {
            isOver = false
        }
        var clientSide: [String: Bool] = [:]
        for stakeholder in plan.items("stakeholders") {
            if let id = stakeholder.id { clientSide[id] = stakeholder.choice("side") == "client" }
        }
        self.clientSide = clientSide

        var retrospectives: [Item] = []
        if let retrospective = plan.item("closure")?.item("retrospective"),
           let held = retrospective.date("held_on"), held <= asOf {
            retrospectives.append(retrospective)
        }
        retrospectives += (byType["meeting"] ?? []).map { entries[$0] }.filter { $0.choice("kind") == "retrospective" }
        self.retrospectives = retrospectives
    }

    func isClientSide(_ id: String) -> Bool { clientSide[id] ?? false }

    /// With/to/from names at least one client-side stakeholder.
    func isClientFacing(_ entry: Item) -> Bool {
        ["with", "to", "from"].contains { entry.refs($0).contains { isClientSide($0.id) } }
    }

    /// With/to names a client-side stakeholder and from names none: the team speaking to the
    /// client, not the client speaking (an answer, a report or a reply must be this).
    func isAddressedToClient(_ entry: Item) -> Bool {
        !entry.refs("from").contains { isClientSide($0.id) }
            && ["with", "to"].contains { entry.refs($0).contains { isClientSide($0.id) } }
    }

    /// Positions in `entries` of the entries that can satisfy `predicate`, judged by the entry
    /// types it requires (every entry when it requires none); the predicate still decides.
    func candidatePositions(for predicate: Predicate) -> [Int] {
        guard let types = predicate.requiredTypes else { return Array(entries.indices) }
        if types.count == 1, let type = types.first { return byType[type] ?? [] }
        return types.flatMap { byType[$0] ?? [] }.sorted()
    }

    /// The subjects a selector names.
    func subjects(_ selector: Selector) -> [Subject] {
        switch selector.source {
        case .log: return entries.map(Subject.init(item:))
        case .actions: return actions.map(Subject.init(item:))
        case .retrospectives: return retrospectives.map(Subject.init(item:))
        case .plan(let keys): return walk(keys, from: [plan])
        }
    }

    private func walk(_ keys: [String], from items: [Item]) -> [Subject] {
        guard let key = keys.first else { return items.map(Subject.init(item:)) }
        var next: [Item] = []
        for item in items {
            switch item[key]?.value {
            case .item(let child)?: next.append(child)
            case .items(let children)?: next += children
            case .texts? where keys.count == 1:
                return items.flatMap { owner in owner.texts(key).enumerated().map { Subject(text: $1, index: $0, key: key, in: owner) } }
            default: break
            }
        }
        return walk(Array(keys.dropFirst()), from: next)
    }
}

/// What a check walks: `log`, `actions`, `retrospectives`, or a path into the plan
/// (`plan`, `milestones`, `scope`, `scope.objectives`, `milestones.deliverables`).
struct Selector: Sendable {
    enum Source: Sendable, Equatable {
        case log, actions, retrospectives
        case plan([String])
    }

    let source: Source
    /// The shape of the selected items; nil when they are strings of a `texts` field.
    let shape: Shape?
    let name: String

    static func compile(_ text: String, at node: NodeID, in source: SourceFile) throws(LocatedError) -> Selector {
        switch text {
        case "log": return Selector(source: .log, shape: Schema.entry, name: text)
        case "actions": return Selector(source: .actions, shape: Schema.action, name: text)
        case "retrospectives": return Selector(source: .retrospectives, shape: Schema.retrospective, name: text)
        case "plan": return Selector(source: .plan([]), shape: Schema.plan, name: text)
        default: break
        }
        let keys = text.split(separator: ".").map(String.init)
        var shape = Schema.plan
        for (index, key) in keys.enumerated() {
            guard let field = shape.field(key) else {
                let hint = nearest(to: key, in: shape.fields.map(\.key) + (index == 0 ? ["log", "actions", "retrospectives", "plan"] : [])).first
                throw LocatedError(file: source.path, span: source.span(node),
                                    message: "`\(text)` selects nothing: `\(key)` is not a field of a \(shape.name)" + (hint.map { "; did you mean `\($0)`?" } ?? ""))
            }
            switch field.type {
            case .mapping(let child), .list(let child):
                shape = child
            case .texts where index == keys.count - 1:
                return Selector(source: .plan(keys), shape: nil, name: text)
            default:
                throw LocatedError(file: source.path, span: source.span(node),
                                    message: "`\(text)` selects nothing: `\(key)` holds neither items nor texts")
            }
        }
        if keys.first == "log" { return Selector(source: .log, shape: Schema.entry, name: text) }
        return Selector(source: .plan(keys), shape: shape, name: text)
    }
}
