import Foundation

/// Reads one YAML tree against a shape of the schema: builds typed items and reports
/// `schema`, `unknown-key` and `duplicate-key` findings at the offending nodes.
struct DocumentReader {
    let source: SourceFile
    private(set) var findings: [Finding] = []
    /// `x-pmlint-ignore` entries met on the way.
    private(set) var suppressions: [Suppression] = []
    /// Nodes left to visit. Aliases are followed, so a small file could name a huge tree; the
    /// budget keeps the whole read linear in the file's size.
    private var budget: Int

    init(source: SourceFile) {
        self.source = source
        self.budget = source.tree.nodeCount * 4 + 10_000
    }

    private var tree: YAMLTree { source.tree }

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
        return readItem(root, shape: shape, path: "", stablePath: "")
    }

    mutating func readItem(_ written: NodeID, shape: Shape, path: String, stablePath: String) -> Item? {
        let node = tree.resolved(written)
        guard spend() else { return nil }
        guard tree.kind(node) == .mapping else {
            let what = path.isEmpty ? "the \(shape.name)" : "`\(path)`"
            let whatZh = path.isEmpty ? shape.zhName : "`\(path)`"
            report(.schema, node: written, path: path, identity: stablePath + "|mapping",
                   en: "\(what) must be a mapping of `key: value` fields, not \(describe(node))",
                   zh: "\(whatZh) 应为 `键: 值` 形式的映射，而不是\(describeZh(node))")
            return nil
        }
        var fields = [FieldValue?](repeating: nil, count: shape.fields.count)
        var seen: [String: NodeID] = [:]
        let pairs = tree.pairs(node)
        // The item's id first, so the stable paths of its fields can use it.
        var stable = stablePath
        if let idPosition = shape.position(of: "id"),
           let idNode = pairs.first(where: { tree.kind($0.key) == .scalar && tree.string($0.key) == "id" })?.value,
           let value = readValue(idNode, field: shape.fields[idPosition], path: "\(path).id", stablePath: stablePath) {
            fields[idPosition] = FieldValue(value: value, node: idNode)
            if case .text(let id) = value, let collection = path.split(separator: "[").first {
                stable = "\(collection)#\(id)"
            }
        }
        for (keyNode, valueNode) in pairs {
            guard tree.kind(tree.resolved(keyNode)) == .scalar else {
                report(.schema, node: keyNode, path: path, identity: stable + "|complex-key",
                       en: "keys must be plain names, not \(describe(tree.resolved(keyNode)))",
                       zh: "键必须是简单的名字，而不是\(describeZh(tree.resolved(keyNode)))")
                continue
            }
            let key = tree.string(tree.resolved(keyNode))
            if key.utf8.count > 200 {
                reportUnknownKey(excerpt(key), node: keyNode, shape: shape, path: path, stablePath: stable)
                continue
            }
            if let first = seen[key] {
                report(.duplicateKey, node: keyNode, path: join(path, key), identity: join(stable, key),
                       en: "`\(key)` is given twice in this mapping (first at line \(tree.span(first).start.line)); YAML keeps only one of them",
                       zh: "`\(key)` 在同一映射中出现了两次（第一次在第 \(tree.span(first).start.line) 行），YAML 只会保留其中一个",
                       fix: LocalizedText(en: "keep one `\(key):` and merge the values", zh: "只保留一个 `\(key):`，合并两处的值"))
                continue
            }
            seen[key] = keyNode
            if key == "x-pmlint-ignore" { readSuppressions(valueNode, at: keyNode, itemPath: path) }
            if key.hasPrefix("x-") { continue }
            guard let position = shape.position(of: key) else {
                reportUnknownKey(key, node: keyNode, shape: shape, path: path, stablePath: stable)
                continue
            }
            if key == "id", shape.position(of: "id") == position { continue }
            let field = shape.fields[position]
            if let value = readValue(valueNode, field: field, path: join(path, key), stablePath: join(stable, key)) {
                fields[position] = FieldValue(value: value, node: valueNode)
            }
        }
        for (position, field) in shape.fields.enumerated() where fields[position] == nil {
            var required = field.required
            if let (otherKey, otherValue) = field.requiredWhen,
               case .choice(otherValue)? = shape.position(of: otherKey).flatMap({ fields[$0]?.value }) {
                required = true
            }
            guard required, !isGivenButInvalid(field.key, in: pairs) else { continue }
            let label = path.isEmpty ? "the \(shape.name)" : "\(shape.name) `\(path)`"
            let labelZh = path.isEmpty ? shape.zhName : "\(shape.zhName) `\(path)`"
            let condition = field.requiredWhen.map { " when `\($0.key)` is `\($0.value)`" } ?? ""
            let conditionZh = field.requiredWhen.map { "（`\($0.key)` 为 `\($0.value)` 时必填）" } ?? ""
            report(.schema, node: node, path: join(path, field.key), identity: join(stable, field.key) + "|missing",
                   en: "\(label) has no `\(field.key)`, which is required\(condition)",
                   zh: "\(labelZh) 缺少必填字段 `\(field.key)`\(conditionZh)",
                   fix: LocalizedText(en: "add `\(field.key):` to it", zh: "为它加上 `\(field.key):`"))
        }
        return Item(shape: shape, source: source, node: node, path: path, stablePath: stable, fields: fields)
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
                                            reason: reason.trimmingCharacters(in: .whitespaces).isEmpty ? nil : reason,
                                            scope: .item(path: itemPath), file: source.path, span: tree.span(ruleNode)))
        }
    }

    /// A key that is present but whose value was rejected already has its finding.
    private func isGivenButInvalid(_ key: String, in pairs: [(key: NodeID, value: NodeID)]) -> Bool {
        pairs.contains { tree.kind(tree.resolved($0.key)) == .scalar && tree.string(tree.resolved($0.key)) == key && !tree.isNull(tree.resolved($0.value)) }
    }

    private mutating func readValue(_ written: NodeID, field: Field, path: String, stablePath: String) -> Value? {
        let node = tree.resolved(written)
        guard spend() else { return nil }
        if case .any = field.type { return .node(written) }
        if tree.isNull(node) {
            // An empty list field says "none"; any other empty field counts as absent.
            if case .texts = field.type { return .texts([]) }
            if case .list = field.type { return .items([]) }
            if field.required {
                report(.schema, node: written, path: path, identity: stablePath + "|empty",
                       en: "`\(field.key)` has no value, but it is required",
                       zh: "`\(field.key)` 没有值，它是必填的")
            }
            return nil
        }
        switch field.type {
        case .mapping(let shape):
            return readItem(written, shape: shape, path: path, stablePath: stablePath).map { .item($0) }
        case .list(let shape):
            guard tree.kind(node) == .sequence else {
                return mismatch(written, path: path, stablePath: stablePath, expected: "a list of \(shape.name)s (one `- ` item each)", expectedZh: "\(shape.zhName)列表（每项以 `- ` 开头）")
            }
            var items: [Item] = []
            for (index, child) in tree.children(node).enumerated() {
                if let item = readItem(child, shape: shape, path: "\(path)[\(index)]", stablePath: "\(stablePath)[\(index)]") {
                    items.append(item)
                }
            }
            return .items(items)
        case .texts:
            if tree.kind(node) == .scalar { return .texts([TextValue(text: tree.string(node), node: written)]) }
            guard tree.kind(node) == .sequence else {
                return mismatch(written, path: path, stablePath: stablePath, expected: "a list of texts", expectedZh: "文本列表")
            }
            var texts: [TextValue] = []
            for (index, child) in tree.children(node).enumerated() {
                let resolved = tree.resolved(child)
                guard spend() else { return nil }
                if tree.kind(resolved) == .scalar, !tree.isNull(resolved) {
                    texts.append(TextValue(text: tree.string(resolved), node: child))
                } else {
                    _ = mismatch(child, path: "\(path)[\(index)]", stablePath: "\(stablePath)[\(index)]", expected: "text", expectedZh: "文本")
                }
            }
            return .texts(texts)
        case .people, .items:
            if tree.kind(node) == .scalar {
                return identifier(written, path: path, stablePath: stablePath).map { .refs([$0]) }
            }
            guard tree.kind(node) == .sequence else {
                return mismatch(written, path: path, stablePath: stablePath, expected: "an id or a list of ids", expectedZh: "一个 id 或 id 列表")
            }
            var refs: [Reference] = []
            for (index, child) in tree.children(node).enumerated() {
                guard spend() else { return nil }
                if let ref = identifier(child, path: "\(path)[\(index)]", stablePath: "\(stablePath)[\(index)]") { refs.append(ref) }
            }
            return .refs(refs)
        default:
            break
        }
        guard tree.kind(node) == .scalar else {
            return mismatch(written, path: path, stablePath: stablePath, expected: expectedName(field.type).en, expectedZh: expectedName(field.type).zh)
        }
        let text = tree.string(node)
        switch field.type {
        case .text:
            return .text(text)
        case .identifier:
            return identifier(written, path: path, stablePath: stablePath).map { .text($0.id) }
        case .person:
            return identifier(written, path: path, stablePath: stablePath).map { .refs([$0]) }
        case .date:
            if let day = Day(parsing: text) { return .date(day) }
            return invalid(written, path: path, stablePath: stablePath,
                           en: "`\(excerpt(text))` is not a valid date: write a real calendar date as YYYY-MM-DD, e.g. 2026-09-01",
                           zh: "`\(excerpt(text))` 不是有效日期：请按 YYYY-MM-DD 写一个真实存在的日期，例如 2026-09-01")
        case .duration:
            if let duration = Duration(parsing: text) { return .duration(duration) }
            return invalid(written, path: path, stablePath: stablePath,
                           en: "`\(excerpt(text))` is not a duration: write 2d, 3w, 1mo or 5wd (days, weeks, months, working days), or daily, weekly, biweekly, monthly, quarterly",
                           zh: "`\(excerpt(text))` 不是有效时长：请写 2d、3w、1mo 或 5wd（天、周、月、工作日），或 daily、weekly、biweekly、monthly、quarterly")
        case .number:
            if tree.style(node) == .plain, let value = Double(text), value.isFinite { return .number(value) }
            return invalid(written, path: path, stablePath: stablePath,
                           en: "`\(excerpt(text))` is not a number", zh: "`\(excerpt(text))` 不是数字")
        case .integer(let range):
            if tree.style(node) == .plain, let value = Int(text), range.contains(value) { return .integer(value) }
            return invalid(written, path: path, stablePath: stablePath,
                           en: "`\(excerpt(text))` is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                           zh: "`\(excerpt(text))` 不是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数")
        case .choice(let words):
            if words.contains(text) { return .choice(text) }
            let hint = nearest(to: text, in: words).first.map { " (did you mean `\($0)`?)" } ?? ""
            let hintZh = nearest(to: text, in: words).first.map { "（是不是想写 `\($0)`？）" } ?? ""
            return invalid(written, path: path, stablePath: stablePath,
                           en: "`\(excerpt(text))` is not a valid `\(field.key)`: use one of \(words.joined(separator: ", "))\(hint)",
                           zh: "`\(excerpt(text))` 不是有效的 `\(field.key)`：可用值为 \(words.joined(separator: "、"))\(hintZh)")
        default:
            return nil
        }
    }

    private mutating func identifier(_ written: NodeID, path: String, stablePath: String) -> Reference? {
        let node = tree.resolved(written)
        guard tree.kind(node) == .scalar, !tree.isNull(node) else {
            _ = mismatch(written, path: path, stablePath: stablePath, expected: "an id", expectedZh: "一个 id")
            return nil
        }
        let text = tree.string(node)
        guard DocumentReader.isValidIdentifier(text) else {
            _ = invalid(written, path: path, stablePath: stablePath,
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
            fix = LocalizedText(en: "rename it to `x-\(key)` to keep it as your own field", zh: "如果是自己的字段，改名为 `x-\(key)`")
        }
        findings.append(finding(.unknownKey, span: tree.span(node), path: join(path, key),
                                identity: join(stablePath, key), message: message, fix: fix))
    }

    // MARK: Reporting

    private mutating func mismatch(_ node: NodeID, path: String, stablePath: String, expected: String, expectedZh: String) -> Value? {
        let resolved = tree.resolved(node)
        // The classic slip: `Week 1: done` in a list is a one-key mapping, not a text.
        let colonHint = tree.kind(resolved) == .mapping && tree.children(resolved).count == 2
        return invalid(node, path: path, stablePath: stablePath,
                       en: "`\(path)` should be \(expected), not \(describe(resolved))"
                           + (colonHint ? " (a `: ` inside text makes YAML read a mapping; put the text in quotes)" : ""),
                       zh: "`\(path)` 应为\(expectedZh)，而不是\(describeZh(resolved))"
                           + (colonHint ? "（文本中的 `: ` 会被 YAML 读成映射，请给文本加引号）" : ""))
    }

    private mutating func invalid(_ node: NodeID, path: String, stablePath: String, en: String, zh: String) -> Value? {
        report(.schema, node: node, path: path, identity: stablePath + "|invalid", en: en, zh: zh)
        return nil
    }

    private func expectedName(_ type: FieldType) -> (en: String, zh: String) {
        switch type {
        case .date: return ("a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）")
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

    private mutating func spend() -> Bool {
        budget -= 1
        if budget == 0 {
            report(.limitExceeded, span: Span(at: Mark(line: 1, column: 1, offset: 0)), path: "", identity: "alias-budget",
                   en: "aliases in this file expand to far more nodes than it holds; pmlint stopped reading it",
                   zh: "此文件中的别名展开后节点数远超文件本身，pmlint 已停止读取")
        }
        return budget > 0
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

