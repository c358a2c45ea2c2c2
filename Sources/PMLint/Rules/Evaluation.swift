/// A value a finding's message can show.
enum Binding: Sendable {
    case text(String)
    case day(Day)
    case duration(Duration)
    case number(Int)
    case list([String])
    case localized(LocalizedText)

    func rendered(_ language: Language) -> String {
        switch self {
        case .localized(let text): return text[language]
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

    /// A field as the rules see it: an empty value (an empty text or list, null) is absent, and
    /// so is the date of something that happens after as-of (`done_on` next week is not done).
    /// `keepEmpty` keeps an empty list, for `exists` (`issues: []` says "none").
    func resolve(_ path: FieldPath, from subject: Subject?, keepEmpty: Bool = false) -> ResolvedValue? {
        guard let resolved = project.resolve(path, from: subject) else { return nil }
        if case .field(let field, let owner) = resolved {
            if let day = field.value.day, day > asOf, owner.shape.fields[Int(field.position)].happened { return nil }
            if field.value.isEmpty, !(keepEmpty && field.value.isList) { return nil }
        } else if resolved.value.isEmpty, !keepEmpty {
            return nil
        }
        return resolved
    }

    func duration(_ expression: DurationExpression, for subject: Subject?) -> Duration? {
        switch expression {
        case .literal(let duration): return duration
        case .parameter(let name): return parameters[name]?.duration
        case .field(let path):
            return resolve(path, from: subject)?.value.duration
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
        case .parameter(let name):
            guard case .number(let number)? = parameters[name] else { return nil }
            return .number(number)
        case .date(let expression):
            var day: Day?
            switch expression.base {
            case .asOf:
                day = asOf
            case .fields(let paths):
                for path in paths {
                    guard case .field(let field, _)? = resolve(path, from: subject) else { continue }
                    if let found = field.value.day { day = found; break }
                    if let number = field.value.integer, expression.offsets.isEmpty { return .number(Double(number)) }
                }
            }
            guard var result = day else { return nil }
            for offset in expression.offsets {
                guard let duration = duration(offset.duration, for: subject) else { return nil }
                result = duration.added(to: result, times: offset.sign, calendar: index.calendar)
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
            guard let item = subject?.item else { return !wanted }
            return index.isClientFacing(item) == wanted
        case .addressedToClient(let wanted):
            guard let item = subject?.item else { return !wanted }
            return index.isAddressedToClient(item) == wanted
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

    private func holds(_ condition: FieldCondition, at path: FieldPath, for subject: Subject?, bindings: inout [String: Binding]) -> Bool {
        if case .exists(let wanted) = condition {
            return (resolve(path, from: subject, keepEmpty: true) != nil) == wanted
        }
        let resolved = resolve(path, from: subject)?.value
        switch condition {
        case .exists:
            return false
        case .empty(let wanted):
            return (resolved?.isEmpty ?? true) == wanted
        case .among(let words):
            return containsWord(resolved, defaultFrom: path, subject: subject) { words.contains($0) }
        case .notAmong(let words):
            return !containsWord(resolved, defaultFrom: path, subject: subject) { words.contains($0) }
        case .person(let predicate):
            return (resolved?.ids ?? []).contains { id in
                guard let person = project.stakeholder(id) else { return false }
                var ignored: [String: Binding] = [:]
                return holds(predicate, for: Subject(item: person), bindings: &ignored)
            }
        case .includes(let other):
            let have = Set(resolved?.ids ?? [])
            let missing = (resolve(other, from: subject)?.value.ids ?? []).filter { !have.contains($0) }
            if !missing.isEmpty { bindings["missing"] = .list(missing) }
            return missing.isEmpty
        case .amongPlanValues(let selector, let key):
            let values = Set(index.subjects(selector).flatMap { resolve(FieldPath(fromPlan: false, keys: [key]), from: $0)?.value.words ?? [] })
            return containsWord(resolved, defaultFrom: path, subject: subject) { values.contains($0) }
        case .containsAny(let ranges):
            return (resolved?.texts ?? []).contains { text in text.unicodeScalars.contains { scalar in ranges.contains { $0.contains(scalar) } } }
        }
    }

    /// Whether any of the words a value compares as satisfies `test`; an absent choice takes
    /// the format's default. Called for every subject of every filter, so nothing is collected.
    private func containsWord(_ resolved: Value?, defaultFrom path: FieldPath, subject: Subject?,
                              where test: (String) -> Bool) -> Bool {
        guard let resolved else {
            let owner = path.keys.count > 1
                ? project.resolveItem(path.parent, from: subject)
                : (path.fromPlan ? index.plan : subject?.item)
            return owner?.choice(path.last).map(test) ?? false
        }
        return resolved.words.contains(where: test)
    }
}
