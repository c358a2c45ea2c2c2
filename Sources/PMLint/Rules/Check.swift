/// A compiled check of a rule file: what it selects and filters, and its kind.
struct Check: Sendable {
    let kind: any CheckKind
    let selector: Selector?
    let filter: Predicate
    let when: Predicate?
    let at: FieldPath?
    let message: LocalizedText?

    /// The names a message may use besides fields and parameters.
    var bindings: Set<String> { type(of: kind).bindings }
}

/// A kind of finding a rule may word apart from its message: a follow-up that came after its
/// window (`late:`, one severity lower), a cadence for which nothing ever happened (`never:`:
/// no "since" or "last" for what never was).
enum FindingVariant: String, CaseIterable, Sendable {
    case late, never
    /// The stretch from the last item to a closing date (`closing:`): a team that went dark before closing.
    case closing

    var lowersSeverity: Bool { self == .late }

    /// What the rule file's key of this name holds, for the rule schema.
    var doc: String {
        switch self {
        case .late: return "follow-up checks: the message and fix when the follow-up came after its window, `{answered_on}` (one severity lower)."
        case .never: return "recency checks, and each checks with `never_when`: the message and fix when what the rule looks for never happened (no \"since\" or \"last\" for it)."
        case .closing: return "gaps checks with `until`: the message and fix for the stretch from the last item to that date."
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
    /// A finding the rule may put in words of its own (`late:`, `never:`).
    var variant: FindingVariant?
}

/// Runs one check of one rule on one project.
struct CheckRun {
    public let check: Check
    let evaluation: Evaluation

    var index: ProjectIndex { evaluation.index }
    var planSubject: Subject { Subject(item: index.plan) }

    func run() -> [Hit] {
        if let when = check.when {
            var ignored: [String: Binding] = [:]
            guard evaluation.holds(when, for: planSubject, bindings: &ignored) else { return [] }
        }
        return check.kind.run(self)
    }

    /// The selected subjects that pass the check's `where`, each with what the filter bound.
    func selected() -> [(Subject, [String: Binding])] {
        guard let selector = check.selector else { return [(planSubject, [:])] }
        return matching(selector, check.filter)
    }

    /// The subjects of a selector that satisfy a predicate, each with what it bound. Log entries
    /// are narrowed by type through the index first.
    func matching(_ selector: Selector, _ predicate: Predicate) -> [(Subject, [String: Binding])] {
        guard selector.source == .log else { return filtered(index.subjects(selector), by: predicate) }
        return filtered(index.candidatePositions(for: predicate).lazy.map { Subject(item: index.entries[$0]) }, by: predicate)
    }

    private func filtered(_ subjects: some Sequence<Subject>, by predicate: Predicate) -> [(Subject, [String: Binding])] {
        subjects.compactMap { subject in
            var bindings: [String: Binding] = [:]
            return evaluation.holds(predicate, for: subject, bindings: &bindings) ? (subject, bindings) : nil
        }
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
                    return Hit(subject: subject, source: owner.source, span: owner.source.span(value.node),
                               path: logical, identity: stable + key, bindings: bindings)
                }
                keys.removeLast()
            }
        }
        return Hit(subject: subject, source: subject.source, span: subject.source.span(subject.node),
                   path: subject.path, identity: subject.stablePath + key, bindings: bindings)
    }

    /// Positions in the date-sorted log of the entries matching a condition, found once per check.
    func entryPositions(matching predicate: Predicate) -> [Int] {
        index.candidatePositions(for: predicate).filter { position in
            var ignored: [String: Binding] = [:]
            return evaluation.holds(predicate, for: Subject(item: index.entries[position]), bindings: &ignored)
        }
    }

    /// Index of the first entry dated on or after `day` (entries are sorted by date).
    func firstEntry(onOrAfter day: Day, in indexes: [Int]) -> Int {
        var low = 0
        var high = indexes.count
        while low < high {
            let middle = (low + high) / 2
            if (index.entries[indexes[middle]].date("date") ?? day) < day { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
