/// A value a finding's message can show.
enum Binding: Sendable {
    case text(String)
    case day(Day)
    case duration(Duration)
    case number(Int)
    case list([String])

    func rendered(_ language: Language) -> String {
        switch self {
        case .text(let text): return text
        case .day(let day): return day.description
        case .duration(let duration): return duration.spelled(language)
        case .number(let number): return String(number)
        case .list(let items): return items.joined(separator: language == .zh ? "、" : ", ")
        }
    }
}

/// One rule's view of one project: the index, the rule's parameters for this project, and
/// how predicates and expressions evaluate.
struct Evaluation {
    let index: ProjectIndex
    let parameters: [String: ParameterValue]

    var project: Project { index.project }
    var asOf: Day { index.asOf }

    func duration(_ expression: DurationExpression, for subject: Subject?) -> Duration? {
        switch expression {
        case .literal(let duration): return duration
        case .parameter(let name): return parameters[name]?.duration
        case .field(let path):
            if case .field(let value, let owner)? = project.resolve(path, from: subject),
               case .duration(let duration) = owner.spelled(value).value {
                return duration
            }
            return nil
        }
    }

    func date(_ expression: DateExpression, for subject: Subject?) -> Day? {
        guard case .day(let day)? = operand(.date(expression), for: subject) else { return nil }
        return day
    }

    enum OperandValue: Comparable {
        case day(Day)
        case number(Double)
    }

    func operand(_ operand: Operand, for subject: Subject?) -> OperandValue? {
        switch operand {
        case .number(let number):
            return .number(number)
        case .date(let expression):
            var day: Day?
            switch expression.base {
            case .asOf:
                day = asOf
            case .fields(let paths):
                for path in paths {
                    // A log entry's date is read from the index, without touching the entry.
                    if let position = subject?.entry, !path.fromPlan, path.keys == ["date"] {
                        day = index.dates[position]
                        break
                    }
                    guard case .field(let value, _)? = project.resolve(path, from: subject) else { continue }
                    if case .date(let ordinal) = value.value { day = Day(ordinal: Int(ordinal)); break }
                    if case .integer(let number) = value.value, expression.offsets.isEmpty { return .number(Double(number)) }
                }
            }
            guard var result = day else { return nil }
            for offset in expression.offsets {
                guard let duration = duration(offset.duration, for: subject) else { return nil }
                result = duration.added(to: result, times: offset.sign)
            }
            return .day(result)
        }
    }

    /// Whether the predicate holds; `bindings` receives what a condition found (`missing`).
    func holds(_ predicate: Predicate, for subject: Subject?, bindings: inout [String: Binding]) -> Bool {
        switch predicate {
        case .all(let parts):
            return parts.allSatisfy { holds($0, for: subject, bindings: &bindings) }
        case .any(let parts):
            return parts.contains { holds($0, for: subject, bindings: &bindings) }
        case .not(let inner):
            var ignored: [String: Binding] = [:]
            return !holds(inner, for: subject, bindings: &ignored)
        case .clientFacing(let wanted):
            guard let subject else { return !wanted }
            if let position = subject.entry { return index.clientFacing[position] == wanted }
            return index.isClientFacing(subject.item) == wanted
        case .projectOver(let wanted):
            return index.isOver == wanted
        case .compare(let left, let comparison, let right):
            guard let a = operand(left, for: subject), let b = operand(right, for: subject) else { return false }
            switch (a, b) {
            case (.day, .day), (.number, .number): return comparison.holds(a, b)
            default: return false
            }
        case .field(let path, let condition):
            return holds(condition, at: path, for: subject, bindings: &bindings)
        }
    }

    /// The text or choice a path reads from a subject (a log entry's type or meeting kind
    /// from the index), for matching entries to items by a field.
    func word(_ path: FieldPath, for subject: Subject) -> String? {
        if let position = subject.entry, !path.fromPlan, path.keys.count == 1,
           let word = index.choice(path.keys[0], ofEntry: position) {
            return word
        }
        switch project.resolve(path, from: subject) {
        case .text(let text)?: return text.text
        case .field(let field, let owner)?: return owner.word(of: field)
        case nil: return nil
        }
    }

    private func holds(_ condition: FieldCondition, at path: FieldPath, for subject: Subject?, bindings: inout [String: Binding]) -> Bool {
        // A log entry's type or meeting kind is read from the index, without touching the entry.
        if let position = subject?.entry, !path.fromPlan, path.keys.count == 1,
           let word = index.choice(path.keys[0], ofEntry: position) {
            switch condition {
            case .among(let words): return word.map(words.contains) ?? false
            case .notAmong(let words): return !(word.map(words.contains) ?? false)
            case .exists(let wanted): return (word != nil) == wanted
            default: break
            }
        }
        // Resolved by the case that needs the value: whether it exists is read from the row.
        var resolved: ResolvedValue? { project.resolve(path, from: subject) }
        switch condition {
        case .exists(let wanted):
            return project.isGiven(path, from: subject) == wanted
        case .empty(let wanted):
            return isEmpty(resolved) == wanted
        case .among(let words):
            return containsWord(resolved, defaultFrom: path, subject: subject) { words.contains($0) }
        case .notAmong(let words):
            return !containsWord(resolved, defaultFrom: path, subject: subject) { words.contains($0) }
        case .person(let predicate):
            guard case .field(let value, let owner)? = resolved else { return false }
            return owner.anyReference(in: value.value) { id in
                guard let person = project.stakeholder(id) else { return false }
                var ignored: [String: Binding] = [:]
                return holds(predicate, for: Subject(item: person), bindings: &ignored)
            }
        case .includes(let other):
            let have = Set(refs(resolved))
            let missing = refs(project.resolve(other, from: subject)).filter { !have.contains($0) }
            if !missing.isEmpty { bindings["missing"] = .list(missing) }
            return missing.isEmpty
        case .containsAny(let ranges):
            return texts(resolved).contains { text in text.unicodeScalars.contains { scalar in ranges.contains { $0.contains(scalar) } } }
        }
    }

    private func isEmpty(_ resolved: ResolvedValue?) -> Bool {
        guard let resolved else { return true }
        switch resolved {
        case .text(let text): return text.text.isEmpty
        case .field(let value, let owner): return owner.isEmpty(value.value)
        }
    }

    /// Whether any of the words a value compares as satisfies `test`; an absent choice takes
    /// the format's default. Called for every subject of every filter, so nothing is collected.
    private func containsWord(_ resolved: ResolvedValue?, defaultFrom path: FieldPath, subject: Subject?,
                              where test: (String) -> Bool) -> Bool {
        guard let resolved else {
            let owner = path.keys.count > 1
                ? project.resolveItem(path.parent, from: subject)
                : (path.fromPlan ? index.plan : subject?.item)
            return owner?.choice(path.last).map(test) ?? false
        }
        switch resolved {
        case .text(let text): return test(text.text)
        case .field(let value, let owner):
            switch value.value {
            case .text, .choice: return owner.word(of: value).map(test) ?? false
            case .texts, .longTexts: return owner.texts(of: value).contains { test($0.text) }
            case .refs, .longRefs: return owner.anyReference(in: value.value, where: test)
            case .date(let ordinal): return test(Day(ordinal: Int(ordinal)).description)
            case .integer(let number): return test(String(number))
            case .duration:
                guard case .duration(let duration) = owner.spelled(value).value else { return false }
                return test(duration.description)
            default: return false
            }
        }
    }

    private func refs(_ resolved: ResolvedValue?) -> [String] {
        if case .field(let value, let owner)? = resolved, case .refs(let refs) = owner.spelled(value).value { return refs.map(\.id) }
        return []
    }

    private func texts(_ resolved: ResolvedValue?) -> [String] {
        switch resolved {
        case .text(let text)?: return [text.text]
        case .field(let value, let owner)?:
            if case .text(let text) = owner.spelled(value).value { return [text] }
            return owner.texts(of: value).map(\.text)
        default: return []
        }
    }
}
