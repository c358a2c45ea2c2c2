/// The log's entries up to as-of in date order: the project's list itself when that is what
/// it holds (a log written in order, nothing after as-of), else the list in `order`, positions
/// in it four bytes each rather than an item's sixteen.
struct DatedEntries: RandomAccessCollection, Sendable {
    private let list: ItemList
    private let order: [Int32]?

    /// `order`: positions in `list`, nil for all of them as they are.
    init(_ list: ItemList, order: [Int32]?) {
        self.list = list
        self.order = order
    }

    var startIndex: Int { 0 }
    var endIndex: Int { order?.count ?? list.count }

    subscript(position: Int) -> Item {
        if let order { return list[Int(order[position])] }
        return list[position]
    }

    /// The entry at a position of the index's lists of positions.
    subscript(position: Int32) -> Item { self[Int(position)] }
}

/// The project indexed once for every rule: log entries up to the as-of date sorted by date,
/// and lookups by id, by `re` and by person, so no check scans the log once per item.
final class ProjectIndex: Sendable {
    let project: Project
    let asOf: Day
    let plan: Item
    /// Entries dated on or before as-of, by date (stable: file order within a day).
    let entries: DatedEntries
    /// The date of each of `entries`, kept apart so that searches by date touch no item.
    let dates: Days
    /// Indexes into `entries` of the entries naming an id in `re`, by the id's number.
    private let linked: PositionLists
    /// Indexes into `entries` of the entries naming a person in with/to/from, by the person's number.
    private let mentions: PositionLists
    /// Positions in `entries` by the value of each of `indexedChoices` (by type, by meeting
    /// kind), so a check that looks at conflicts, or at kickoff meetings, reads only those:
    /// for each key in order, for each code (see `choiceCodes`), the positions in order.
    private let byChoice: [[[Int32]]]
    /// Choice fields of log entries that checks select on; none has a default, so an entry
    /// without the field has no value to be found by.
    static let indexedChoices = ["type", "kind"]
    /// The words each of `indexedChoices` can take (the format's), in the same order.
    static let choiceWords: [[String]] = indexedChoices.map { key in
        if case .choice(let words)? = Schema.entry.field(key)?.type { return words }
        return []
    }
    /// For each of `indexedChoices`, in order, every entry's word as its position in
    /// `choiceWords` plus one (0: not given), so a condition on it reads a byte, not the entry.
    private let choiceCodes: [[UInt8]]
    let actions: [Item]
    /// Whether each of `entries` names a client-side stakeholder in with/to/from.
    let clientFacing: [Bool]
    let isOver: Bool
    /// Whether each id number is a client-side stakeholder's.
    private let clientSide: [Bool]
    /// "Retrospective held": `closure.retrospective` with `held_on`, and retrospective meetings.
    let retrospectives: [Item]

    init(project: Project, plan: Item, asOf: Day) {
        self.project = project
        self.plan = plan
        self.asOf = asOf
        var order: [Int32] = []
        order.reserveCapacity(project.entryDates.count)
        var dates = Days(reservingCapacity: project.entryDates.count)
        for (position, date) in project.entryDates.enumerated() {
            guard let date, date <= asOf else { continue }
            order.append(Int32(position))
            dates.append(date)
        }
        // A log is written in date order, mostly: sorted only when it is not.
        let isSorted = !zip(dates, dates.dropFirst()).contains(where: { $0 > $1 })
        if !isSorted {
            let sorted = dates.indices.sorted { (dates[$0], $0) < (dates[$1], $1) }
            order = sorted.map { order[$0] }
            dates = dates.picking(sorted)
        }
        // Every entry, in the order written: the project's list as it is.
        let isWhole = isSorted && order.count == project.entries.count
        self.entries = DatedEntries(project.entries, order: isWhole ? nil : order)
        self.dates = dates
        let ids = project.items
        var clientSide = [Bool](repeating: false, count: ids.count)
        for stakeholder in plan.items("stakeholders") {
            if let id = stakeholder.id, let number = ids.number(of: id) { clientSide[Int(number)] = stakeholder.choice("side") == "client" }
        }
        self.clientSide = clientSide

        // What the entries name, as the reference check found it: the project's own lists when
        // the entries are the log as written, else the lists with positions moved.
        if isWhole {
            linked = project.linked
            mentions = project.mentions
        } else {
            var moved = [Int32](repeating: -1, count: project.entries.count)
            for (position, inLog) in order.enumerated() { moved[Int(inLog)] = Int32(position) }
            linked = project.linked.moving(moved)
            mentions = project.mentions.moving(moved)
        }
        var clientFacing = [Bool](repeating: false, count: entries.count)
        for number in clientSide.indices where clientSide[number] {
            for position in mentions[Int32(number)] { clientFacing[Int(position)] = true }
        }
        self.clientFacing = clientFacing
        let sorted = entries

        // Slices of the log indexed on all cores, then joined in order (positions stay ascending).
        let parts = concurrentSlices(Array(sorted.indices), minimumSlice: 4096) { slice in
            var part = (byChoice: ProjectIndex.choiceWords.map { [[Int32]](repeating: [], count: $0.count + 1) },
                        actions: [Item](), retrospectives: [Item](),
                        codes: [[UInt8]](repeating: [], count: ProjectIndex.indexedChoices.count))
            let fields = EntryFields.positions
            for index in slice {
                let entry = sorted[index]
                // By position in the entry's shape, values as kept: a log's entries are read
                // field by field here.
                let isEntry = entry.withShape { $0 === Schema.entry }
                func value(_ key: String, _ position: Int) -> StoredValue? {
                    guard let position = isEntry ? position : entry.withShape({ $0.position(of: key) }) else { return nil }
                    return entry.stored(at: position)?.value
                }
                if let actions = value("actions", fields.actions) { part.actions += entry.children(of: actions) }
                var isRetrospective = true
                for (number, key) in ProjectIndex.indexedChoices.enumerated() {
                    var code = 0
                    if case .choice(let word)? = value(key, fields.choices[number]) {
                        // The entry's choices are `choiceWords`, in order.
                        code = isEntry ? Int(word) + 1 : entry.choice(key).flatMap(ProjectIndex.choiceWords[number].firstIndex(of:)).map { $0 + 1 } ?? 0
                    }
                    isRetrospective = isRetrospective && code == EntryFields.retrospectiveCodes[number]
                    part.codes[number].append(UInt8(code))
                    if code > 0 { part.byChoice[number][code].append(Int32(index)) }
                }
                if isRetrospective { part.retrospectives.append(entry) }
            }
            return part
        }
        var byChoice = ProjectIndex.choiceWords.map { [[Int32]](repeating: [], count: $0.count + 1) }
        // Joined into arrays made to size: a long log's actions are a hundred thousand items.
        var actions: [Item] = []
        actions.reserveCapacity(parts.reduce(0) { $0 + $1.actions.count })
        var meetings: [Item] = []
        var choiceCodes = [[UInt8]](repeating: [], count: ProjectIndex.indexedChoices.count)
        for number in choiceCodes.indices { choiceCodes[number].reserveCapacity(entries.count) }
        for part in parts {
            for number in choiceCodes.indices { choiceCodes[number] += part.codes[number] }
            meetings += part.retrospectives
            actions += part.actions
            for number in byChoice.indices {
                for code in byChoice[number].indices { byChoice[number][code] += part.byChoice[number][code] }
            }
        }
        self.byChoice = byChoice
        self.actions = actions
        self.choiceCodes = choiceCodes

        let projectItem = plan.item("project")
        if let closed = projectItem?.date("closed_on"), closed <= asOf {
            isOver = true
        } else if let phase = projectItem?.choice("phase") {
            isOver = phase == "closed"
        } else if let end = projectItem?.date("end") {
            isOver = end.adding(days: 14) < asOf
        } else {
            isOver = false
        }

        var retrospectives: [Item] = []
        if let retrospective = plan.item("closure")?.item("retrospective"),
           let held = retrospective.date("held_on"), held <= asOf {
            retrospectives.append(retrospective)
        }
        retrospectives += meetings
        self.retrospectives = retrospectives
    }

    /// Where the fields the index reads sit in a log entry's shape, found once.
    private enum EntryFields {
        static let positions = (
            actions: position("actions"), choices: ProjectIndex.indexedChoices.map(position))
        /// The codes of a retrospective meeting (`type: meeting`, `kind: retrospective`).
        static let retrospectiveCodes = ProjectIndex.indexedChoices.enumerated().map { number, key in
            let word = ["type": "meeting", "kind": "retrospective"][key]
            return (ProjectIndex.choiceWords[number].firstIndex { $0 == word } ?? -1) + 1
        }

        private static func position(_ key: String) -> Int { Schema.entry.position(of: key) ?? 0 }
    }

    func isClientSide(_ id: String) -> Bool { project.items.number(of: id).map { clientSide[Int($0)] } ?? false }

    /// Positions in `entries` of the entries naming `id` in `re`, ascending.
    func entries(linkedTo id: String) -> ArraySlice<Int32> {
        project.items.number(of: id).map { linked[$0] } ?? []
    }

    /// Positions in `entries` of the entries naming the person `id` in with/to/from, ascending.
    func entries(mentioning id: String) -> ArraySlice<Int32> {
        project.items.number(of: id).map { mentions[$0] } ?? []
    }

    /// An indexed choice of the entry at `position` (`.some(nil)`: not given), or nil when
    /// `key` is not indexed.
    func choice(_ key: String, ofEntry position: Int) -> String?? {
        guard let number = ProjectIndex.indexedChoices.firstIndex(of: key) else { return nil }
        let code = Int(choiceCodes[number][position])
        return .some(code == 0 ? nil : ProjectIndex.choiceWords[number][code - 1])
    }

    /// The fields of a log entry that name people.
    static let peopleKeys = ["with", "to", "from"]

    /// With/to/from names at least one client-side stakeholder.
    func isClientFacing(_ entry: Item) -> Bool {
        ProjectIndex.peopleKeys.contains { entry.refs($0).contains { isClientSide($0.id) } }
    }

    /// Positions in `entries` of the entries that can satisfy `predicate`, judged by the values
    /// it requires of the indexed choice fields (the fewest entries of those it names; every
    /// entry when it requires none); the predicate still decides.
    func candidatePositions(for predicate: Predicate) -> [Int32] {
        var fewest: [Int32]?
        for (number, key) in ProjectIndex.indexedChoices.enumerated() {
            guard let values = predicate.requiredValues(of: key) else { continue }
            let words = ProjectIndex.choiceWords[number]
            let lists = values.map { value in words.firstIndex(of: value).map { byChoice[number][$0 + 1] } ?? [] }
            let candidates = lists.count == 1 ? lists[0] : lists.flatMap { $0 }.sorted()
            if candidates.count < fewest?.count ?? Int.max { fewest = candidates }
        }
        return fewest ?? Array(0..<Int32(entries.count))
    }

    /// What a selector names, walked a subject at a time.
    func walked(_ selector: Selector) -> Selection.Walked {
        switch selector.source {
        case .log: return .entries(Array(0..<Int32(entries.count)))
        case .actions: return .items(actions)
        case .retrospectives: return .items(retrospectives)
        case .plan(let keys): return .subjects(walk(keys, from: [plan]))
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

    static func compile(_ text: String, at place: SourceRange, in source: SourceFile) throws(LocatedError) -> Selector {
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
                throw LocatedError(file: source.path, span: source.span(place),
                                    message: "`\(text)` selects nothing: `\(key)` is not a field of a \(shape.name)" + (hint.map { "; did you mean `\($0)`?" } ?? ""))
            }
            switch field.type {
            case .mapping(let child), .list(let child):
                shape = child
            case .texts where index == keys.count - 1:
                return Selector(source: .plan(keys), shape: nil, name: text)
            default:
                throw LocatedError(file: source.path, span: source.span(place),
                                    message: "`\(text)` selects nothing: `\(key)` holds neither items nor texts")
            }
        }
        if keys.first == "log" { return Selector(source: .log, shape: Schema.entry, name: text) }
        return Selector(source: .plan(keys), shape: shape, name: text)
    }
}
