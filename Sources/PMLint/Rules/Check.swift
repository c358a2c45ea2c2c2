/// A compiled check of a rule file.
struct Check: Sendable {
    enum Body: Sendable {
        case each(unless: Predicate?)
        case absent(given: (Selector, Predicate)?)
        case followUp(FollowUpCheck)
        case recency(RecencyCheck)
        case gaps(GapsCheck)
        case overlap(OverlapCheck)
        case terms(TermsCheck)
        case links(allMatch: Predicate)
    }

    let kind: CheckKind
    let selector: Selector?
    let filter: Predicate
    let when: Predicate?
    let at: FieldPath?
    let message: LocalizedText?
    let body: Body
    /// The names a message may use besides fields and parameters.
    var bindings: Set<String> {
        switch kind {
        case .followUp: return ["due", "within"]
        case .recency: return ["last", "since", "due", "days", "every", "grace"]
        case .gaps: return ["previous", "gap", "limit"]
        case .overlap: return ["other", "other_name", "other_due"]
        case .terms: return ["term", "field"]
        case .links: return ["count"]
        case .each, .absent: return []
        }
    }
}

/// Where a finding points and what its message can say.
struct Hit {
    var subject: Subject?
    var source: SourceFile
    var span: Span
    var path: String
    var identity: String
    var bindings: [String: Binding] = [:]
}

/// The subjects of a check that pass a predicate, each with what it bound, found as they are
/// walked: checks walk them once, so no list of them all is made (on a long log, a list of
/// every meeting or action with its bindings, for each rule).
struct Selection: Sequence, IteratorProtocol {
    /// What is walked; a subject is made from it as it is reached.
    enum Walked {
        case subjects([Subject])
        /// Items that are subjects as they are (a long log's actions, by the hundred thousand).
        case items([Item])
        /// Log entries, by their positions in the index.
        case entries([Int32])
    }

    private let walked: Walked
    private let predicate: Predicate?
    private let evaluation: Evaluation
    private var position = 0

    /// Everything walked that passes the predicate; with none, everything.
    init(_ walked: Walked, passing predicate: Predicate? = nil, in evaluation: Evaluation) {
        self.walked = walked
        self.predicate = predicate
        self.evaluation = evaluation
    }

    private var count: Int {
        switch walked {
        case .subjects(let subjects): return subjects.count
        case .items(let items): return items.count
        case .entries(let entries): return entries.count
        }
    }

    private func subject(at position: Int) -> Subject {
        switch walked {
        case .subjects(let subjects): return subjects[position]
        case .items(let items): return Subject(item: items[position])
        case .entries(let entries): return Subject(entry: entries[position], in: evaluation.index)
        }
    }

    mutating func next() -> (Subject, [String: Binding])? {
        while position < count {
            defer { position += 1 }
            let subject = subject(at: position)
            guard let predicate else { return (subject, [:]) }
            var bindings: [String: Binding] = [:]
            if evaluation.holds(predicate, for: subject, bindings: &bindings) { return (subject, bindings) }
        }
        return nil
    }

    /// The first subject that passes, if any.
    var first: (Subject, [String: Binding])? {
        var walk = self
        return walk.next()
    }
}

/// Runs one check of one rule on one project.
struct CheckRun {
    let check: Check
    let evaluation: Evaluation

    var index: ProjectIndex { evaluation.index }
    var planSubject: Subject { Subject(item: index.plan) }

    func run() -> [Hit] {
        if let when = check.when {
            var ignored: [String: Binding] = [:]
            guard evaluation.holds(when, for: planSubject, bindings: &ignored) else { return [] }
        }
        switch check.body {
        case .each(let unless): return each(unless: unless)
        case .absent(let given): return absent(given: given)
        case .followUp(let spec): return spec.run(self)
        case .recency(let spec): return spec.run(self)
        case .gaps(let spec): return spec.run(self)
        case .overlap(let spec): return spec.run(self)
        case .terms(let spec): return spec.run(self)
        case .links(let allMatch): return links(allMatch: allMatch)
        }
    }

    /// The selected subjects that pass the check's `where`, each with what the filter bound.
    func selected() -> Selection {
        guard let selector = check.selector else { return Selection(.subjects([planSubject]), in: evaluation) }
        return matching(selector, check.filter)
    }

    /// The subjects of a selector that satisfy a predicate, each with what it bound. Log entries
    /// are narrowed by type through the index first.
    func matching(_ selector: Selector, _ predicate: Predicate) -> Selection {
        guard selector.source == .log else { return Selection(index.walked(selector), passing: predicate, in: evaluation) }
        return Selection(.entries(index.candidatePositions(for: predicate)), passing: predicate, in: evaluation)
    }

    /// A hit on a subject, at the check's `at` field when it is there (else the nearest
    /// ancestor that is, else the subject itself).
    func hit(_ subject: Subject, at override: FieldPath? = nil, bindings: [String: Binding] = [:], key: String = "") -> Hit {
        if let at = override ?? check.at {
            var keys = at.keys
            while let last = keys.last {
                let path = FieldPath(fromPlan: at.fromPlan, keys: keys)
                if case .field(let value, let owner)? = index.project.resolve(path, from: subject) {
                    let logical = path.fromPlan ? keys.joined(separator: ".") : owner.path(of: last)
                    let stable = path.fromPlan ? keys.joined(separator: ".") : owner.stablePath(of: last)
                    return Hit(subject: subject, source: owner.source, span: owner.source.span(value.range),
                               path: logical, identity: stable + key, bindings: bindings)
                }
                keys.removeLast()
            }
        }
        return Hit(subject: subject, source: subject.source, span: subject.source.span(subject.range),
                   path: subject.path, identity: subject.stablePath + key, bindings: bindings)
    }

    func entryHit(_ entry: Item, subject: Subject, bindings: [String: Binding], key: String = "") -> Hit {
        Hit(subject: subject, source: entry.source, span: entry.source.span(entry["date"]?.range ?? entry.range),
            path: entry.path, identity: subject.stablePath + key, bindings: bindings)
    }

    private func each(unless: Predicate?) -> [Hit] {
        selected().compactMap { subject, bindings in
            guard let unless else { return hit(subject, bindings: bindings) }
            var found = bindings
            return evaluation.holds(unless, for: subject, bindings: &found) ? nil : hit(subject, bindings: found)
        }
    }

    /// Fires at the check's `at` in the plan, or, with `given`, at the first given item.
    private func absent(given: (Selector, Predicate)?) -> [Hit] {
        guard let (selector, predicate) = given else {
            return selected().first == nil ? [hit(planSubject)] : []
        }
        guard let (anchor, _) = matching(selector, predicate).first, selected().first == nil else { return [] }
        return [Hit(subject: anchor, source: anchor.source, span: anchor.source.span(anchor.range),
                    path: anchor.path, identity: anchor.stablePath)]
    }

    private func links(allMatch: Predicate) -> [Hit] {
        selected().compactMap { subject, bindings in
            guard let id = subject.item.id else { return nil }
            let linked = index.entries(linkedTo: id)
            let entries = linked.filter { index.entries[$0] != subject.item }
            guard !entries.isEmpty else { return nil }
            let all = entries.allSatisfy { position in
                var ignored: [String: Binding] = [:]
                return evaluation.holds(allMatch, for: Subject(entry: position, in: index), bindings: &ignored)
            }
            guard all else { return nil }
            var found = bindings
            found["count"] = .number(entries.count)
            return hit(subject, bindings: found)
        }
    }

    /// Positions in the date-sorted log of the entries matching a condition, found once per check.
    func entryPositions(matching predicate: Predicate) -> [Int32] {
        index.candidatePositions(for: predicate).filter { position in
            var ignored: [String: Binding] = [:]
            return evaluation.holds(predicate, for: Subject(entry: position, in: index), bindings: &ignored)
        }
    }

    /// Index of the first entry dated on or after `day` (entries are sorted by date).
    func firstEntry(onOrAfter day: Day, in indexes: ArraySlice<Int32>) -> Int {
        var low = indexes.startIndex
        var high = indexes.endIndex
        while low < high {
            let middle = (low + high) / 2
            if index.dates[Int(indexes[middle])] < day { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether one of the positions (ascending in the date-sorted log) is dated within the
    /// range and passes `accept`.
    func anyEntry(in positions: ArraySlice<Int32>, from first: Day, through last: Day, where accept: (Int32) -> Bool) -> Bool {
        var cursor = firstEntry(onOrAfter: first, in: positions)
        while cursor < positions.endIndex, index.dates[Int(positions[cursor])] <= last {
            if accept(positions[cursor]) { return true }
            cursor += 1
        }
        return false
    }
}
