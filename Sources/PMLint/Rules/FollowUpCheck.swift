/// An item that must be followed up within a window after its date: a kickoff by minutes to
/// the client, a conflict by any linked entry, a change request by an answer.
struct FollowUpCheck: CheckKind {
    static let hasWindow = true
    static let name = "follow-up"
    static let fields = [
        Field("from", .text, "the date the window starts at (default `date`)."),
        Field("within", .text, "the window."),
        Field("window", .choice(["within", "open"]), "`open` counts follow-ups up to the as-of date."),
        Field("answered_by", .texts, "item date fields that count as an answer within the window."),
        Field("settled_by", .texts, "item date fields that, within the window, make a follow-up unnecessary (a risk closed before it had to be shared); after the window they change nothing."),
        Field("followed_by", .mapping(followedBy), "what counts as a follow-up."),
    ]

    static let followedBy = Shape("follow-up", zh: "跟进", [
        Field("where", .any, "Which log entries count as a follow-up."),
        Field("linked", .choice(["true", "false"]), "Whether a follow-up must name the item in `re`."),
        Field("otherwise", .choice(["none", "any", "people"]),
              "For an item without an id: `any` matching entry in the window, or entries naming its `people`."),
        Field("people", .text, "With `otherwise: people`: the item's field whose people a follow-up must name."),
        Field("otherwise_where", .any, "Which log entries count for an item without an id (default: `where`)."),
        Field("or_naming", .mapping(naming), "Entries that count without being linked, because their text names the item."),
    ])

    static let naming = Shape("naming", zh: "提及", [
        Field("where", .any, "Which log entries may name the item."),
        Field("in", .texts, required: true, "The entry's text fields searched (`topic`, `summary`, `done`, ...)."),
        Field("names", .texts, "The item's text fields whose value, contained in the text, names it (case-insensitive); its `id` names it always, as a whole word."),
    ])

    /// Entries whose text names the item count as its follow-up (a report saying "M2 delivered").
    struct Naming: Sendable {
        let entries: Predicate
        let fields: [String]
        let names: [String]

        /// For each item, the dates of the entries (`positions`, in date order) whose text names
        /// it: its id as a whole word (case-insensitive), or one of its names contained. One pass
        /// over the entries' texts, looking ids up by word and names in a trie, so the work
        /// grows with the text, not with items × entries.
        func dates(naming items: [Item], in positions: [Int], of index: ProjectIndex) -> [[Day]] {
            // Work on UTF-8 bytes, ASCII letters folded to lower case: ids are ASCII words, and a
            // name matches as written (case-insensitive in its Latin letters).
            func folded(_ text: String) -> [UInt8] { text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 } }
            func isWordByte(_ byte: UInt8) -> Bool {
                (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
            var byID: [[UInt8]: [Int]] = [:]
            var trie = ByteTrie()
            for (offset, item) in items.enumerated() {
                if let id = item.id, !id.isEmpty { byID[folded(id), default: []].append(offset) }
                for key in names {
                    if let name = item.text(key), !name.isEmpty { trie.insert(folded(name), value: offset) }
                }
            }
            var dates = [[Day]](repeating: [], count: items.count)
            for position in positions {
                let entry = index.entries[position]
                guard let date = entry.date("date") else { continue }
                var named = Set<Int>()
                for text in fields.flatMap({ entry[$0]?.value.texts ?? [] }) {
                    let bytes = folded(text)
                    var start = 0
                    while start < bytes.count {
                        // An id is a whole word: bounded by bytes that are not ASCII letters, digits, `_` or `-`.
                        if isWordByte(bytes[start]), start == 0 || !isWordByte(bytes[start - 1]) {
                            var end = start
                            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                            named.formUnion(byID[Array(bytes[start..<end])] ?? [])
                        }
                        // A name anywhere, from the start of a character.
                        if bytes[start] & 0xC0 != 0x80 { trie.forEachValue(startingAt: start, in: bytes) { named.insert($0) } }
                        start += 1
                    }
                }
                for offset in named where items[offset] !== entry { dates[offset].append(date) }
            }
            return dates
    }
    }
    static let required: Set<String> = ["items", "within"]
    static let bindings: Set<String> = ["due", "within", "answered_on", "days_after"]
    static let variants: Set<FindingVariant> = [.late]

    enum Otherwise: String, Sendable {
        case none, any, people
    }

    let from: DateExpression
    let within: DurationExpression
    /// Follow-ups count up to the as-of date, not only within the window.
    let openWindow: Bool
    let answeredBy: [String]
    /// Date fields that make the follow-up unnecessary when they fall within the window.
    let settledBy: [String]
    let followUps: Predicate?
    /// What counts for an item without an id, when it differs from `followUps`.
    let unlinkedFollowUps: Predicate?
    let linked: Bool
    let otherwise: Otherwise
    let people: String?
    let naming: Naming?

    init(_ spec: CheckSpec) throws(LocatedError) {
        let item = spec.item
        let followedBy = item.item("followed_by")
        for field in item.texts("answered_by") + item.texts("settled_by") {
            guard case .success(.date?) = (spec.shape ?? Schema.plan).walk([field.text]) else {
                throw spec.error(field.node, "`answered_by` lists date fields of the item; `\(field.text)` is not one")
            }
        }
        people = followedBy?.text("people")
        if let people, let shape = spec.shape, case .failure(let problem) = shape.walk([people]) {
            throw spec.error(spec.place("people", in: followedBy), problem.message)
        }
        from = try spec.dateExpression("from", default: "date")
        within = try spec.requiredDuration("within")
        openWindow = item.choice("window") == "open"
        answeredBy = item.texts("answered_by").map(\.text)
        settledBy = item.texts("settled_by").map(\.text)
        followUps = followedBy == nil ? nil : (try spec.predicate("where", in: followedBy, shape: Schema.entry) ?? .always)
        unlinkedFollowUps = followedBy == nil ? nil : try spec.predicate("otherwise_where", in: followedBy, shape: Schema.entry)
        linked = followedBy?.choice("linked") != "false"
        otherwise = Otherwise(rawValue: followedBy?.choice("otherwise") ?? "none") ?? .none
        if let naming = followedBy?.item("or_naming") {
            for field in naming.texts("in") {
                guard case .success(let type) = Schema.entry.walk([field.text]), type?.holdsText == true else {
                    throw spec.error(field.node, "`in` lists text fields of a log entry; `\(field.text)` is not one")
                }
            }
            for field in naming.texts("names") {
                guard case .success(let type) = (spec.shape ?? Schema.plan).walk([field.text]), type?.holdsText == true else {
                    throw spec.error(field.node, "`names` lists text fields of the item; `\(field.text)` is not one")
                }
            }
            self.naming = Naming(entries: try spec.predicate("where", in: naming, shape: Schema.entry) ?? .always,
                                 fields: naming.texts("in").map(\.text), names: naming.texts("names").map(\.text))
        } else {
            self.naming = nil
        }
    }

    var linksByID: Bool { followUps != nil && linked }

    func run(_ run: CheckRun) -> [Hit] {
        let evaluation = run.evaluation
        let index = run.index
        // Entries matching the follow-up conditions, once for all items.
        let matching = followUps.map(run.entryPositions(matching:)) ?? []
        let matchingSet = Set(matching)
        let unlinkedMatching = unlinkedFollowUps.map(run.entryPositions(matching:)) ?? matching
        let selected = run.selected()
        // For items without an id followed up by entries naming their people: those entries
        // by person, in date order, so each item looks up its people rather than scanning.
        var byPerson: [String: [Int]] = [:]
        if linked, otherwise == .people {
            for position in unlinkedMatching {
                let entry = index.entries[position]
                for id in Set((entry.refs("with") + entry.refs("to")).map(\.id)) { byPerson[id, default: []].append(position) }
            }
        }
        // The dates of the entries naming each selected item, found in one pass over them.
        let namedOn = naming.map { $0.dates(naming: selected.map { $0.0.item }, in: run.entryPositions(matching: $0.entries), of: index) }
        var hits: [Hit] = []
        for (offset, (subject, bindings)) in selected.enumerated() {
            guard let anchor = evaluation.date(from, for: subject),
                  let window = evaluation.duration(within, for: subject) else { continue }
            let due = window.added(to: anchor, calendar: run.index.calendar)
            // Nothing is late before its window has passed.
            guard evaluation.asOf > due else { continue }
            let last = openWindow ? evaluation.asOf : due
            /// The first of `positions` (entries in date order) dated in `range`, other than the item itself.
            func first(of positions: [Int], in range: ClosedRange<Day>) -> Day? {
                var position = run.firstEntry(onOrAfter: range.lowerBound, in: positions)
                while position < positions.count {
                    let entry = index.entries[positions[position]]
                    position += 1
                    guard let date = entry.date("date"), date <= range.upperBound else { return nil }
                    if entry !== subject.item { return date }
                }
                return nil
            }
            /// The first answer or follow-up dated in `range`.
            func firstFollowUp(in range: ClosedRange<Day>) -> Day? {
                var found = answeredBy.compactMap { subject.item.date($0) }.filter(range.contains)
                guard followUps != nil else { return found.min() }
                if linked, let id = subject.item.id {
                    found += first(of: (index.linked[id] ?? []).filter(matchingSet.contains), in: range).map { [$0] } ?? []
                } else if !linked || otherwise == .any {
                    found += first(of: linked ? unlinkedMatching : matching, in: range).map { [$0] } ?? []
                } else if otherwise == .people {
                    for person in Set((people.map { subject.item.refs($0) } ?? []).map(\.id)) {
                        found += first(of: byPerson[person] ?? [], in: range).map { [$0] } ?? []
                    }
                }
                if let dates = namedOn?[offset] {
                    var low = 0
                    var high = dates.count
                    while low < high {
                        let middle = (low + high) / 2
                        if dates[middle] < range.lowerBound { low = middle + 1 } else { high = middle }
                    }
                    if low < dates.count, dates[low] <= range.upperBound { found.append(dates[low]) }
                }
                return found.min()
            }
            if firstFollowUp(in: anchor...last) != nil { continue }
            if settledBy.contains(where: { subject.item.date($0).map((anchor...last).contains) ?? false }) { continue }
            var values = bindings
            values["due"] = .day(due)
            values["within"] = .duration(window)
            // Done, but after the window: late, not missing.
            if !openWindow, let answered = firstFollowUp(in: due.adding(days: 1)...evaluation.asOf) {
                values["answered_on"] = .day(answered)
                values["days_after"] = .number(answered.days(since: anchor))
                var hit = run.hit(subject, bindings: values)
                hit.variant = .late
                hits.append(hit)
                continue
            }
            hits.append(run.hit(subject, bindings: values))
        }
        return hits
    }
}

/// Byte strings and the values they stand for, as a trie: one walk from a position finds every
/// string that starts there.
struct ByteTrie {
    private var children: [[UInt8: Int]] = [[:]]
    private var values: [[Int]] = [[]]

    mutating func insert(_ bytes: [UInt8], value: Int) {
        var node = 0
        for byte in bytes {
            if let next = children[node][byte] {
                node = next
            } else {
                children.append([:])
                values.append([])
                children[node][byte] = children.count - 1
                node = children.count - 1
            }
        }
        values[node].append(value)
    }

    func forEachValue(startingAt start: Int, in bytes: [UInt8], _ body: (Int) -> Void) {
        var node = 0
        var position = start
        while position < bytes.count, let next = children[node][bytes[position]] {
            node = next
            position += 1
            for value in values[node] { body(value) }
        }
    }
}
