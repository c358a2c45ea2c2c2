/// Reads one YAML tree against a shape of the schema: builds typed items and reports
/// `schema`, `unknown-key` and `duplicate-key` findings at the offending nodes. Aliases are
/// followed; the parser refuses a file whose aliases expand to more than a few times its
/// nodes, so a read stays linear in the file.
struct DocumentReader {
    let source: SourceFile
    private(set) var findings: [Finding] = []
    /// `x-pmlint-ignore` entries met on the way.
    private(set) var suppressions: [Suppression] = []
    /// The tree, held here rather than read through `source` at each use (that would copy it).
    private let tree: YAMLTree
    /// How many items without an id have had each content identity so far.
    private var contentIdentities: [String: Int] = [:]

    init(source: SourceFile) {
        self.source = source
        self.tree = source.tree
    }

    /// Reads the file's root as `shape`; nil when the file has no usable root mapping.
    mutating func readRoot(as shape: Shape, node rootNode: NodeID? = nil) -> Item? {
        if rootNode == nil, let extra = tree.extraDocument {
            report(.schema, span: extra, path: "", identity: "second-document",
                   en: "a file holds one YAML document; a second one starts here",
                   zh: "一个文件只能有一个 YAML 文档，这里开始了第二个",
                   fix: LocalizedText(en: "remove the `---` line and merge the documents, or move the second one to its own file",
                                      zh: "删除 `---` 并合并文档，或把第二个文档移到单独的文件"))
        }
        guard let root = rootNode ?? tree.root, !tree.isNull(root) else {
            let start = Mark(line: 1, column: 1, offset: 0)
            let required = shape.fields.filter(\.required).map { "`\($0.key):`" }.joined(separator: ", ")
            report(.schema, span: Span(at: start), path: "", identity: "empty",
                   en: "the file is empty: a \(shape.name) needs \(required)",
                   zh: "文件是空的：\(shape.zhName)至少需要 \(required)")
            return nil
        }
        return readItem(root, shape: shape, at: Place(path: "", stable: ""))
    }

    mutating func readItem(_ written: NodeID, shape: Shape, at place: Place) -> Item? {
        let node = tree.resolved(written)
        let path = place.path
        let stablePath = place.stable
        guard tree.kind(node) == .mapping else {
            let what = path.isEmpty ? "the \(shape.name)" : "`\(path)`"
            let whatZh = path.isEmpty ? shape.zhName : "`\(path)`"
            report(.schema, node: written, path: path, identity: stablePath + "|mapping",
                   en: "\(what) must be a mapping of `key: value` fields, not \(describe(node))",
                   zh: "\(whatZh) 应为 `键: 值` 形式的映射，而不是\(describeZh(node))")
            return nil
        }
        var fields = [FieldValue?](repeating: nil, count: shape.fields.count)
        let members = tree.children(node)
        // The item's id first, so the stable paths of its fields can use it.
        var stable = stablePath
        if let idPosition = shape.idPosition, let idNode = value(in: members, at: idPosition, of: shape),
           let value = readValue(idNode, field: shape.fields[idPosition], at: Place(path: path, stable: stablePath, key: "id")) {
            fields[idPosition] = FieldValue(value: value, node: idNode, position: idPosition)
            if case .text(let id) = value, let collection = path.split(separator: "[").first {
                stable = "\(collection)#\(id)"
            }
        } else if shape.idPosition != nil, place.index != nil, let collection = path.split(separator: "[").first {
            stable = "\(collection)@" + contentIdentity(of: members, shape: shape)
        }
        // Known keys are told apart by position; only other keys need a dictionary.
        var seenPositions = [Bool](repeating: false, count: shape.fields.count)
        var seenOther: [String: NodeID] = [:]
        var member = members.startIndex
        while member + 1 < members.endIndex {
            let keyNode = members[member]
            let valueNode = members[member + 1]
            member += 2
            let resolvedKey = tree.resolved(keyNode)
            guard tree.kind(resolvedKey) == .scalar else {
                report(.schema, node: keyNode, path: path, identity: stable + "|complex-key",
                       en: "keys must be plain names, not \(describe(resolvedKey))",
                       zh: "键必须是简单的名字，而不是\(describeZh(resolvedKey))")
                continue
            }
            let keyBytes = tree.scalarBytes(resolvedKey)
            if let position = shape.position(ofKey: keyBytes) {
                guard !seenPositions[position] else {
                    let first = key(in: members, at: position, of: shape) ?? keyNode
                    reportDuplicate(shape.fields[position].key, node: keyNode, first: first, path: path, stable: stable)
                    continue
                }
                seenPositions[position] = true
                if position == shape.idPosition { continue }
                let field = shape.fields[position]
                if let value = readValue(valueNode, field: field, at: Place(path: path, stable: stable, key: field.key)) {
                    fields[position] = FieldValue(value: value, node: valueNode, position: position)
                }
                continue
            }
            let key = String(decoding: keyBytes, as: UTF8.self)
            if key.utf8.count > 200 {
                reportUnknownKey(excerpt(key), node: keyNode, shape: shape, path: path, stablePath: stable)
                continue
            }
            if let first = seenOther[key] {
                reportDuplicate(key, node: keyNode, first: first, path: path, stable: stable)
                continue
            }
            seenOther[key] = keyNode
            if key == "x-pmlint-ignore" { readSuppressions(valueNode, at: keyNode, itemPath: path) }
            if key.hasPrefix("x-") { continue }
            reportUnknownKey(key, node: keyNode, shape: shape, path: path, stablePath: stable)
        }
        for (position, field) in shape.fields.enumerated() where fields[position] == nil {
            var required = field.required
            if let (otherKey, otherValue) = field.requiredWhen,
               case .choice(otherValue)? = shape.position(of: otherKey).flatMap({ fields[$0]?.value }) {
                required = true
            }
            guard required, !isGivenButInvalid(position, in: members, of: shape) else { continue }
            let label = path.isEmpty ? "the \(shape.name)" : "\(shape.name) `\(path)`"
            let labelZh = path.isEmpty ? shape.zhName : "\(shape.zhName) `\(path)`"
            let condition = field.requiredWhen.map { " when `\($0.key)` is `\($0.value)`" } ?? ""
            let conditionZh = field.requiredWhen.map { "（`\($0.key)` 为 `\($0.value)` 时必填）" } ?? ""
            report(.schema, node: node, path: join(path, field.key), identity: join(stable, field.key) + "|missing",
                   en: "\(label) has no `\(field.key)`, which is required\(condition)",
                   zh: "\(labelZh) 缺少必填字段 `\(field.key)`\(conditionZh)",
                   fix: LocalizedText(en: "add `\(field.key):` to it", zh: "为它加上 `\(field.key):`"))
        }
        return Item(shape: shape, source: source, node: node, path: path, stablePath: stable, fields: fields.compactMap { $0 })
    }

    /// The first key node for the field at `position` of `shape` among a mapping's members.
    private func key(in members: ArraySlice<NodeID>, at position: Int, of shape: Shape) -> NodeID? {
        var member = members.startIndex
        while member + 1 < members.endIndex {
            let key = tree.resolved(members[member])
            if tree.kind(key) == .scalar, shape.position(ofKey: tree.scalarBytes(key)) == position { return members[member] }
            member += 2
        }
        return nil
    }

    /// The value of that key.
    private func value(in members: ArraySlice<NodeID>, at position: Int, of shape: Shape) -> NodeID? {
        key(in: members, at: position, of: shape).map { members[members.firstIndex(of: $0)! + 1] }
    }

    private mutating func reportDuplicate(_ key: String, node keyNode: NodeID, first: NodeID, path: String, stable: String) {
        report(.duplicateKey, node: keyNode, path: join(path, key), identity: join(stable, key),
               en: "`\(key)` is given twice in this mapping (first at line \(tree.span(first).start.line)); YAML keeps only one of them",
               zh: "`\(key)` 在同一映射中出现了两次（第一次在第 \(tree.span(first).start.line) 行），YAML 只会保留其中一个",
               fix: LocalizedText(en: "keep one `\(key):` and merge the values", zh: "只保留一个 `\(key):`，合并两处的值"))
    }

    /// `x-pmlint-ignore: {RULE: reason}` hides RULE's findings in this item.
    private mutating func readSuppressions(_ written: NodeID, at keyNode: NodeID, itemPath: String) {
        let node = tree.resolved(written)
        guard tree.kind(node) == .mapping else {
            suppressions.append(Suppression(rule: "", reason: nil, scope: .item(path: itemPath), file: source.path, span: tree.span(keyNode)))
            return
        }
        for (ruleNode, reasonNode) in tree.pairs(node) {
            let reasonValue = tree.resolved(reasonNode)
            let reason = tree.kind(reasonValue) == .scalar && !tree.isNull(reasonValue) ? tree.string(reasonValue) : ""
            suppressions.append(Suppression(rule: tree.string(tree.resolved(ruleNode)),
                                            reason: reason.trimmingSpacesAndTabs.isEmpty ? nil : reason,
                                            scope: .item(path: itemPath), file: source.path, span: tree.span(ruleNode)))
        }
    }

    /// A key that is present but whose value was rejected already has its finding.
    private func isGivenButInvalid(_ position: Int, in members: ArraySlice<NodeID>, of shape: Shape) -> Bool {
        guard let value = value(in: members, at: position, of: shape) else { return false }
        return !tree.isNull(tree.resolved(value))
    }

    private mutating func readValue(_ written: NodeID, field: Field, at place: Place) -> Value? {
        let node = tree.resolved(written)
        if case .any = field.type { return .node(written) }
        if tree.isNull(node) {
            // An empty list field says "none"; any other empty field counts as absent.
            if case .texts = field.type { return .texts([]) }
            if case .list = field.type { return .items([]) }
            if field.required {
                report(.schema, node: written, path: place.path, identity: place.stable + "|empty",
                       en: "`\(field.key)` has no value, but it is required",
                       zh: "`\(field.key)` 没有值，它是必填的")
            }
            return nil
        }
        switch field.type {
        case .mapping(let shape):
            return readItem(written, shape: shape, at: place).map { .item($0) }
        case .list(let shape):
            guard tree.kind(node) == .sequence else {
                return mismatch(written, at: place, expected: "a list of \(shape.name)s (one `- ` item each)", expectedZh: "\(shape.zhName)列表（每项以 `- ` 开头）")
            }
            var items: [Item] = []
            for (index, child) in tree.children(node).enumerated() {
                if let item = readItem(child, shape: shape, at: place.element(index)) {
                    items.append(item)
                }
            }
            return .items(items)
        case .texts:
            if tree.kind(node) == .scalar { return .texts([TextValue(text: tree.string(node), node: written)]) }
            guard tree.kind(node) == .sequence else {
                return mismatch(written, at: place, expected: "a list of texts", expectedZh: "文本列表")
            }
            var texts: [TextValue] = []
            for (index, child) in tree.children(node).enumerated() {
                let resolved = tree.resolved(child)
                if tree.kind(resolved) == .scalar, !tree.isNull(resolved) {
                    texts.append(TextValue(text: tree.string(resolved), node: child))
                } else {
                    _ = mismatch(child, at: place.element(index), expected: "text", expectedZh: "文本")
                }
            }
            return .texts(texts)
        case .dates:
            guard tree.kind(node) == .scalar || tree.kind(node) == .sequence else {
                return mismatch(written, at: place, expected: "a list of dates", expectedZh: "日期列表")
            }
            let elements = tree.kind(node) == .scalar ? [written] : tree.children(node)
            var days: [Day] = []
            for (index, child) in elements.enumerated() {
                let resolved = tree.resolved(child)
                let text = tree.kind(resolved) == .scalar ? tree.string(resolved) : ""
                if let range = DocumentReader.dayRange(text) {
                    days += range
                } else {
                    let at = tree.kind(node) == .scalar ? place : place.element(index)
                    report(.schema, node: child, path: at.path, identity: at.stable + "|invalid",
                           en: "`\(excerpt(text))` is neither a date nor a range of dates: write 2025-10-01, or 2025-10-01..2025-10-08 (at most a year)",
                           zh: "`\(excerpt(text))` 既不是日期也不是日期区间：请写 2025-10-01，或 2025-10-01..2025-10-08（最长一年）")
                }
            }
            return .days(days)
        case .people, .items:
            if tree.kind(node) == .scalar {
                return identifier(written, at: place).map { .refs([$0]) }
            }
            guard tree.kind(node) == .sequence else {
                return mismatch(written, at: place, expected: "an id or a list of ids", expectedZh: "一个 id 或 id 列表")
            }
            var refs: [Reference] = []
            for (index, child) in tree.children(node).enumerated() {
                if let ref = identifier(child, at: place.element(index)) { refs.append(ref) }
            }
            return .refs(refs)
        default:
            break
        }
        guard tree.kind(node) == .scalar else {
            return mismatch(written, at: place, expected: expectedName(field.type).en, expectedZh: expectedName(field.type).zh)
        }
        let text = tree.string(node)
        switch field.type {
        case .text:
            return .text(text)
        case .identifier:
            return identifier(written, at: place).map { .text($0.id) }
        case .person:
            return identifier(written, at: place).map { .refs([$0]) }
        case .date:
            if let day = Day(parsing: text) { return .date(day) }
            return invalid(written, at: place,
                           en: "`\(excerpt(text))` is not a valid date: write a real calendar date as YYYY-MM-DD, e.g. 2026-09-01",
                           zh: "`\(excerpt(text))` 不是有效日期：请按 YYYY-MM-DD 写一个真实存在的日期，例如 2026-09-01")
        case .duration:
            if let duration = Duration(parsing: text) { return .duration(duration) }
            return invalid(written, at: place,
                           en: "`\(excerpt(text))` is not a duration: write 2d, 3w, 1mo or 5wd (days, weeks, months, working days), or daily, weekly, biweekly, monthly, quarterly",
                           zh: "`\(excerpt(text))` 不是有效时长：请写 2d、3w、1mo 或 5wd（天、周、月、工作日），或 daily、weekly、biweekly、monthly、quarterly")
        case .number:
            if tree.style(node) == .plain, let value = Double(text), value.isFinite { return .number(value) }
            return invalid(written, at: place,
                           en: "`\(excerpt(text))` is not a number", zh: "`\(excerpt(text))` 不是数字")
        case .integer(let range):
            if tree.style(node) == .plain, let value = Int(text), range.contains(value) { return .integer(value) }
            return invalid(written, at: place,
                           en: "`\(excerpt(text))` is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                           zh: "`\(excerpt(text))` 不是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数")
        case .choice(let words):
            if words.contains(text) { return .choice(text) }
            let hint = nearest(to: text, in: words).first.map { " (did you mean `\($0)`?)" } ?? ""
            let hintZh = nearest(to: text, in: words).first.map { "（是不是想写 `\($0)`？）" } ?? ""
            return invalid(written, at: place,
                           en: "`\(excerpt(text))` is not a valid `\(field.key)`: use one of \(words.joined(separator: ", "))\(hint)",
                           zh: "`\(excerpt(text))` 不是有效的 `\(field.key)`：可用值为 \(words.joined(separator: "、"))\(hintZh)")
        default:
            return nil
        }
    }

    private mutating func identifier(_ written: NodeID, at place: Place) -> Reference? {
        let node = tree.resolved(written)
        guard tree.kind(node) == .scalar, !tree.isNull(node) else {
            _ = mismatch(written, at: place, expected: "an id", expectedZh: "一个 id")
            return nil
        }
        let text = tree.string(node)
        guard DocumentReader.isValidIdentifier(text) else {
            _ = invalid(written, at: place,
                        en: "`\(excerpt(text))` is not a valid id: an id starts with a letter or digit and holds only letters, digits, `.`, `_` and `-`",
                        zh: "`\(excerpt(text))` 不是有效的 id：id 以字母或数字开头，只能包含字母、数字、`.`、`_` 和 `-`")
            return nil
        }
        return Reference(id: text, node: written)
    }

    static func isValidIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, isAlphanumeric(first) else { return false }
        return text.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private mutating func reportUnknownKey(_ key: String, node: NodeID, shape: Shape, path: String, stablePath: String) {
        let suggestion = nearest(to: key, in: shape.fields.map(\.key)).first
        let known = shape.fields.map { "`\($0.key)`" }.joined(separator: ", ")
        let where_ = path.isEmpty ? "a \(shape.name)" : "`\(path)` (\(shape.name))"
        let whereZh = path.isEmpty ? shape.zhName : "`\(path)`（\(shape.zhName)）"
        let message: LocalizedText
        let fix: LocalizedText
        if let suggestion {
            message = LocalizedText(en: "unknown key `\(key)` in \(where_); did you mean `\(suggestion)`?",
                                    zh: "\(whereZh) 中的键 `\(key)` 未定义，是不是想写 `\(suggestion)`？")
            fix = LocalizedText(en: "rename it to `\(suggestion)`, or to `x-\(key)` to keep it as your own field",
                                zh: "改名为 `\(suggestion)`；如果是自己的字段，改名为 `x-\(key)`")
        } else {
            message = LocalizedText(en: "unknown key `\(key)` in \(where_); known keys are \(known)",
                                    zh: "\(whereZh) 中的键 `\(key)` 未定义；可用的键有 \(known)")
            fix = LocalizedText(en: "rename it to `x-\(key)` to keep it as your own field; every field of the format: `pmlint schema --markdown` (docs/format.md)",
                                zh: "如果是自己的字段，改名为 `x-\(key)`；格式中的全部字段见 `pmlint schema --markdown`（docs/format.md）")
        }
        findings.append(finding(.unknownKey, span: tree.span(node), path: join(path, key),
                                identity: join(stablePath, key), message: message, fix: fix))
    }

    // MARK: Reporting

    private mutating func mismatch(_ node: NodeID, at place: Place, expected: String, expectedZh: String) -> Value? {
        let path = place.path
        let resolved = tree.resolved(node)
        // The classic slip: `Week 1: done` in a list is a one-key mapping, not a text.
        let colonHint = tree.kind(resolved) == .mapping && tree.children(resolved).count == 2
        return invalid(node, at: place,
                       en: "`\(path)` should be \(expected), not \(describe(resolved))"
                           + (colonHint ? " (a `: ` inside text makes YAML read a mapping; put the text in quotes)" : ""),
                       zh: "`\(path)` 应为\(expectedZh)，而不是\(describeZh(resolved))"
                           + (colonHint ? "（文本中的 `: ` 会被 YAML 读成映射，请给文本加引号）" : ""))
    }

    /// The days of `2025-10-01` or `2025-10-01..2025-10-08` (a range of at most a year).
    static func dayRange(_ text: String) -> [Day]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 1 { return Day(parsing: text).map { [$0] } }
        guard parts.count == 3, parts[1].isEmpty, let first = Day(parsing: parts[0]), let last = Day(parsing: parts[2]),
              first <= last, last.days(since: first) <= 366 else { return nil }
        return (0...last.days(since: first)).map { first.adding(days: $0) }
    }

    private mutating func invalid(_ node: NodeID, at place: Place, en: String, zh: String) -> Value? {
        report(.schema, node: node, path: place.path, identity: place.stable + "|invalid", en: en, zh: zh)
        return nil
    }

    private func expectedName(_ type: FieldType) -> (en: String, zh: String) {
        switch type {
        case .date: return ("a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）")
        case .dates: return ("a date or a range of dates", "日期或日期区间")
        case .duration: return ("a duration such as 1w", "时长（如 1w）")
        case .integer: return ("a whole number", "整数")
        case .choice(let words): return ("one of \(words.joined(separator: ", "))", "以下之一：\(words.joined(separator: "、"))")
        case .identifier, .person: return ("an id", "一个 id")
        default: return ("text", "文本")
        }
    }

    private func describe(_ node: NodeID) -> String {
        switch tree.kind(node) {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        default: return "`\(excerpt(tree.string(node)))`"
        }
    }

    private func describeZh(_ node: NodeID) -> String {
        switch tree.kind(node) {
        case .mapping: return "映射"
        case .sequence: return "列表"
        default: return " `\(excerpt(tree.string(node)))`"
        }
    }

    private mutating func report(_ rule: DocumentRule, node: NodeID, path: String, identity: String,
                                 en: String, zh: String, fix: LocalizedText? = nil) {
        report(rule, span: tree.span(node), path: path, identity: identity, en: en, zh: zh, fix: fix)
    }

    private mutating func report(_ rule: DocumentRule, span: Span, path: String, identity: String,
                                 en: String, zh: String, fix: LocalizedText? = nil) {
        findings.append(finding(rule, span: span, path: path, identity: identity,
                                message: LocalizedText(en: en, zh: zh), fix: fix))
    }

    private func finding(_ rule: DocumentRule, span: Span, path: String, identity: String,
                         message: LocalizedText, fix: LocalizedText?) -> Finding {
        Finding(rule: rule.rawValue, severity: rule.severity, category: DocumentRule.category,
                message: message, fix: fix, file: source.path, span: span, path: path, identity: identity)
    }

    /// Names an item without an id by what it says rather than by its position, so an entry
    /// inserted before it does not make its findings look new: its date, type and first text
    /// (`2026-09-02|meeting|Kickoff`), and the how-manieth such item it is when that repeats.
    private mutating func contentIdentity(of members: ArraySlice<NodeID>, shape: Shape) -> String {
        // One pass over the members: the date, the type, and the text field that comes first
        // in the format's order.
        var date = "", type = "", text = ""
        var textPosition = Int.max
        var member = members.startIndex
        while member + 1 < members.endIndex {
            let key = tree.resolved(members[member])
            let value = tree.resolved(members[member + 1])
            member += 2
            guard tree.kind(key) == .scalar, tree.kind(value) == .scalar,
                  let position = shape.position(ofKey: tree.scalarBytes(key)) else { continue }
            let field = shape.fields[position]
            if field.key == "date" {
                date = tree.string(value)
            } else if field.key == "type" {
                type = tree.string(value)
            } else if field.key != "id", field.type.holdsText, position < textPosition, !tree.scalarBytes(value).isEmpty {
                text = tree.string(value)
                textPosition = position
            }
        }
        let identity = [date, type, text].filter { !$0.isEmpty }.joined(separator: "|")
        contentIdentities[identity, default: 0] += 1
        let count = contentIdentities[identity] ?? 1
        return count == 1 ? identity : "\(identity)#\(count)"
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// Where a value sits: the logical and stable paths of its item, and the key and list index
/// below them. Spelled out only when an item or a finding needs it, not for every field read.
struct Place {
    let itemPath: String
    let itemStable: String
    var key: String?
    var index: Int?

    init(path: String, stable: String, key: String? = nil) {
        itemPath = path
        itemStable = stable
        self.key = key
    }

    func element(_ index: Int) -> Place {
        var place = self
        place.index = index
        return place
    }

    var path: String { spelled(itemPath) }
    var stable: String { spelled(itemStable) }

    private func spelled(_ base: String) -> String {
        var text = base
        if let key { text = text.isEmpty ? key : "\(text).\(key)" }
        if let index { text += "[\(index)]" }
        return text
    }
}

