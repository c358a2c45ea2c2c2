/// An item that must be followed up within a window after its date: a kickoff by minutes to
/// the client, a conflict by any linked entry, a change request by an answer.
struct FollowUpCheck: CheckKind {
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

        /// Whether the entry's text names the item: its id as a whole word, or one of its names.
        func names(_ item: Item, in entry: Item) -> Bool {
            let texts = fields.flatMap { entry[$0]?.value.texts ?? [] }.map { $0.lowercased() }
            guard !texts.isEmpty else { return false }
            let names = self.names.compactMap { item.text($0)?.lowercased() }.filter { !$0.isEmpty }
            let id = item.id?.lowercased()
            return texts.contains { text in
                names.contains { text.contains($0) } || id.map { text.containsWord($0) } ?? false
            }
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
        let naming = self.naming.map { ($0, run.entryPositions(matching: $0.entries)) }
        var hits: [Hit] = []
        for (subject, bindings) in run.selected() {
            guard let anchor = evaluation.date(from, for: subject),
                  let window = evaluation.duration(within, for: subject) else { continue }
            let due = window.added(to: anchor, calendar: run.index.calendar)
            // Nothing is late before its window has passed.
            guard evaluation.asOf > due else { continue }
            let last = openWindow ? evaluation.asOf : due
            /// The first answer or follow-up dated in `range`.
            func firstFollowUp(in range: ClosedRange<Day>) -> Day? {
                var first = answeredBy.compactMap { subject.item.date($0) }.filter(range.contains).min()
                guard followUps != nil else { return first }
                let candidates: [Int]
                if linked, let id = subject.item.id {
                    candidates = (index.linked[id] ?? []).filter(matchingSet.contains)
                } else if !linked {
                    candidates = matching
                } else if otherwise != .none {
                    candidates = unlinkedMatching
                } else {
                    candidates = []
                }
                let peopleToName = Set((people.map { subject.item.refs($0) } ?? []).map(\.id))
                var position = run.firstEntry(onOrAfter: range.lowerBound, in: candidates)
                while position < candidates.count {
                    let entry = index.entries[candidates[position]]
                    position += 1
                    guard let date = entry.date("date"), date <= range.upperBound else { break }
                    guard entry !== subject.item else { continue }
                    if linked, subject.item.id == nil, otherwise == .people,
                       !(entry.refs("with") + entry.refs("to")).contains(where: { peopleToName.contains($0.id) }) {
                        continue
                    }
                    if first.map({ date < $0 }) ?? true { first = date }
                    break
                }
                if let (naming, positions) = naming {
                    var position = run.firstEntry(onOrAfter: range.lowerBound, in: positions)
                    while position < positions.count {
                        let entry = index.entries[positions[position]]
                        position += 1
                        guard let date = entry.date("date"), date <= range.upperBound, first.map({ date < $0 }) ?? true else { break }
                        if entry !== subject.item, naming.names(subject.item, in: entry) {
                            first = date
                            break
                        }
                    }
                }
                return first
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

extension FieldType {
    /// A text or a list of texts: what can name an item.
    var holdsText: Bool {
        switch self {
        case .text, .texts: return true
        default: return false
        }
    }
}

private extension String {
    /// Whether `word` occurs here with no ASCII letter, digit, `_` or `-` on either side
    /// (`m2` in "M2 delivered" and in "M2交付", not in "m20" or "pm2-beta").
    func containsWord(_ word: String) -> Bool {
        let text = Array(utf8)
        let word = Array(word.utf8)
        guard !word.isEmpty, word.count <= text.count else { return false }
        func isWordByte(_ index: Int) -> Bool {
            guard index >= 0, index < text.count else { return false }
            let byte = text[index]
            return (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        for start in 0...(text.count - word.count) where text[start] == word[0] {
            guard text[start..<start + word.count].elementsEqual(word) else { continue }
            if !isWordByte(start - 1), !isWordByte(start + word.count) { return true }
        }
        return false
    }
}
