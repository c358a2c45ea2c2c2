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
    private let initialBudget: Int
    /// Field values of the items being read, innermost last, each item's in the order read;
    /// their texts and ids, the texts' bytes and lists of nested items likewise. An item's
    /// share moves into `store` when it is made.
    private var read: [StoredField] = []
    private var texts: [TextSpan] = []
    private var textBytes: [UInt8] = []
    private var nested: [ListRun] = []
    private var keyPositions: [Int] = []
    /// Where the items read are kept, as rows.
    private let store: ItemStore
    /// The lists and fields items were read from, which the items' places number.
    var places: PlaceTable { store.places }
    /// The tree being read; the items keep only byte ranges of it.
    private var tree: YAMLTree
    private let continuation: ListContinuation?

    init(_ file: ParsedFile) {
        self.source = file.source
        self.store = ItemStore(source: file.source)
        self.tree = file.tree
        self.continuation = file.continuation
        self.initialBudget = file.tree.nodeCount * 4 + 10_000
        self.budget = initialBudget
    }

    /// A reader of items handed over a batch at a time, each batch in a tree of its own
    /// (`read(_:of:_:)`), from a stretch of `source` of `nodes` nodes at the most.
    init(itemsOf source: SourceFile, nodes: Int) {
        self.source = source
        self.store = ItemStore(source: source)
        self.tree = YAMLTree()
        self.continuation = nil
        self.initialBudget = nodes * 4 + 10_000
        self.budget = initialBudget
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
        return readItem(root, shape: shape, at: ItemPlace(base: places.add(path: "", stable: ""), index: -1))
    }

    /// Reads `nodes` of a tree lent for them alone (a piece read a batch of items at a time).
    mutating func read(_ nodes: [NodeID], of lent: inout YAMLTree, _ body: (inout DocumentReader, NodeID) -> Void) {
        swap(&tree, &lent)
        defer { swap(&tree, &lent) }
        for node in nodes { body(&self, node) }
    }

    mutating func readItem(_ written: NodeID, shape: Shape, at place: ItemPlace) -> Item? {
        let node = tree.resolved(written)
        guard spend() else { return nil }
        // The item's paths are spelled only for a finding: most items have none.
        let places = places
        var path: String { places.path(of: place) }
        guard tree.kind(node) == .mapping else {
            let path = path
            let what = path.isEmpty ? "the \(shape.name)" : "`\(path)`"
            let whatZh = path.isEmpty ? shape.zhName : "`\(path)`"
            report(.schema, node: written, path: path, identity: places.stablePath(of: place) + "|mapping",
                   en: "\(what) must be a mapping of `key: value` fields, not \(describe(node))",
                   zh: "\(whatZh) 应为 `键: 值` 形式的映射，而不是\(describeZh(node))")
            return nil
        }
        // This item's values go on the reader's stack (nested items push theirs above) as they
        // are read, rather than into arrays allocated for every item; bits tell which fields
        // were seen and which were read.
        let base = read.count
        let textBase = texts.count
        let textByteBase = textBytes.count
        let nestedBase = nested.count
        var seen: UInt64 = 0
        var given: UInt64 = 0
        defer {
            read.removeSubrange(base...)
            texts.removeSubrange(textBase...)
            textBytes.removeSubrange(textByteBase...)
            nested.removeSubrange(nestedBase...)
        }
        let members = tree.children(node)
        // Each key's position in the shape, found once (-1: not a field of the shape, -2: not a
        // scalar); the positions sit on the reader's stack like the values. (A closure, not the
        // method `shape.position(ofKey:)`: a method taken as a value counts the shared shape.)
        let keysBase = keyPositions.count
        var member = members.startIndex
        var idMember: Int?
        while member + 1 < members.endIndex {
            let key = tree.resolved(members[member])
            let position = tree.kind(key) != .scalar ? -2 : tree.withScalarBytes(key) { shape.position(ofKey: $0) } ?? -1
            if position >= 0, position == shape.idPosition, idMember == nil { idMember = member }
            keyPositions.append(position)
            member += 2
        }
        defer { keyPositions.removeSubrange(keysBase...) }
        // The item's id first, so the stable paths of its fields can use it.
        var stableByID: String?
        if let idPosition = shape.idPosition, let idMember, let value = readValue(
            members[idMember + 1], field: shape.fields[idPosition], at: Place(item: place, key: "id", keyInStable: false)) {
            read.append(StoredField(value: value, position: UInt8(idPosition), range: tree.range(members[idMember + 1])))
            given |= 1 << UInt64(idPosition)
            if case .text(let id) = value { stableByID = Item.stablePath(byID: string(of: texts[Int(id)]), path: path) }
        }
        var stable: String { stableByID ?? places.stablePath(of: place) }
        // Known keys are told apart by position; only other keys need a dictionary.
        var seenOther: [String: NodeID] = [:]
        member = members.startIndex
        var keyIndex = keysBase
        while member + 1 < members.endIndex {
            let keyNode = members[member]
            let valueNode = members[member + 1]
            let position = keyPositions[keyIndex]
            member += 2
            keyIndex += 1
            let resolvedKey = tree.resolved(keyNode)
            guard position != -2 else {
                report(.schema, node: keyNode, path: path, identity: stable + "|complex-key",
                       en: "keys must be plain names, not \(describe(resolvedKey))",
                       zh: "键必须是简单的名字，而不是\(describeZh(resolvedKey))")
                continue
            }
            if position >= 0 {
                guard seen & 1 << UInt64(position) == 0 else {
                    let first = key(in: members, at: position, of: shape) ?? keyNode
                    reportDuplicate(shape.fields[position].key, node: keyNode, first: first, path: path, stable: stable)
                    continue
                }
                seen |= 1 << UInt64(position)
                if position == shape.idPosition { continue }
                // The reader is handed to the closure rather than captured by it: a closure that
                // captures a mutating `self` has every access to it checked at run time.
                let value = shape.withField(at: position, lending: &self) { field, reader in
                    reader.readValue(valueNode, field: field, at: Place(item: place, stableByID: stableByID, key: field.key))
                }
                if let value {
                    read.append(StoredField(value: value, position: UInt8(position), range: tree.range(valueNode)))
                    given |= 1 << UInt64(position)
                }
                continue
            }
            let key = tree.string(resolvedKey)
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
        for position in shape.requirable where given & 1 << UInt64(position) == 0 {
            let field = shape.fields[position]
            var required = field.required
            if let (otherKey, otherValue) = field.requiredWhen, let other = shape.position(of: otherKey),
               given & 1 << UInt64(other) != 0, case .choice(let index)? = read[base...].first(where: { Int($0.position) == other })?.value,
               case .choice(let words) = shape.fields[other].type,
               words[Int(index)] == otherValue {
                required = true
            }
            guard required, !isGivenButInvalid(position, in: members, of: shape) else { continue }
            let path = path
            let label = path.isEmpty ? "the \(shape.name)" : "\(shape.name) `\(path)`"
            let labelZh = path.isEmpty ? shape.zhName : "\(shape.zhName) `\(path)`"
            let condition = field.requiredWhen.map { " when `\($0.key)` is `\($0.value)`" } ?? ""
            let conditionZh = field.requiredWhen.map { "（`\($0.key)` 为 `\($0.value)` 时必填）" } ?? ""
            report(.schema, node: node, path: join(path, field.key), identity: join(stable, field.key) + "|missing",
                   en: "\(label) has no `\(field.key)`, which is required\(condition)",
                   zh: "\(labelZh) 缺少必填字段 `\(field.key)`\(conditionZh)",
                   fix: LocalizedText(en: "add `\(field.key):` to it", zh: "为它加上 `\(field.key):`"))
        }
        // In the order of the shape, as an item keeps them (a mapping is usually written so).
        if zip(read[base...], read[base...].dropFirst()).contains(where: { $0.position > $1.position }) {
            read[base...].sort { $0.position < $1.position }
        }
        return store.add(shape: shape, range: tree.range(node), place: place, given: given, fields: &read, from: base,
                         texts: &texts, from: textBase, bytes: &textBytes, from: textByteBase, lists: &nested, from: nestedBase)
    }

    /// A scalar's text, its value copied onto the reader's stack of bytes.
    private mutating func text(_ written: NodeID) -> TextSpan {
        let node = tree.resolved(written)
        let start = textBytes.count
        tree.withScalarBytes(node) { textBytes.append(contentsOf: $0) }
        return TextSpan(range: tree.range(written), value: start..<textBytes.count)
    }

    /// A value kept as its text (read again when asked), made by `value` from the text's index.
    private mutating func kept(_ written: NodeID, _ value: (Int32) -> StoredValue) -> StoredValue {
        texts.append(text(written))
        return value(Int32(texts.count - 1))
    }

    /// Items or a list of them, kept with the item being read.
    /// Adds a list of the item being read: `items`, then `more`.
    private mutating func nest(_ items: [Item], _ more: [Item] = []) -> Int32 {
        nested.append(store.addList(items, more))
        return Int32(nested.count - 1)
    }

    /// A text of the item being read, before it is stored.
    private func string(of text: TextSpan) -> String {
        textBytes.withUnsafeBufferPointer { text.string(in: $0) }
    }

    /// Where the first key for the field at `position` of `shape` sits among a mapping's
    /// members (its value follows it).
    private func memberIndex(in members: ArraySlice<NodeID>, at position: Int, of shape: Shape) -> Int? {
        var member = members.startIndex
        while member + 1 < members.endIndex {
            let key = tree.resolved(members[member])
            if tree.kind(key) == .scalar, tree.withScalarBytes(key, { shape.position(ofKey: $0) }) == position { return member }
            member += 2
        }
        return nil
    }

    private func key(in members: ArraySlice<NodeID>, at position: Int, of shape: Shape) -> NodeID? {
        memberIndex(in: members, at: position, of: shape).map { members[$0] }
    }

    private func value(in members: ArraySlice<NodeID>, at position: Int, of shape: Shape) -> NodeID? {
        memberIndex(in: members, at: position, of: shape).map { members[$0 + 1] }
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
                                            reason: reason.trimmingSpaces().isEmpty ? nil : reason,
                                            scope: .item(path: itemPath), file: source.path, span: tree.span(ruleNode)))
        }
    }

    /// A key that is present but whose value was rejected already has its finding.
    private func isGivenButInvalid(_ position: Int, in members: ArraySlice<NodeID>, of shape: Shape) -> Bool {
        guard let value = value(in: members, at: position, of: shape) else { return false }
        return !tree.isNull(tree.resolved(value))
    }

    private mutating func readValue(_ written: NodeID, field: Field, at place: Place) -> StoredValue? {
        let node = tree.resolved(written)
        guard spend() else { return nil }
        if case .any = field.type { return .node(written) }
        if tree.isNull(node) {
            // An empty list field says "none"; any other empty field counts as absent.
            if case .texts = field.type { return .texts(Int32(texts.count), 0) }
            if case .list = field.type { return .items(nest([])) }
            if field.required {
                report(.schema, node: written, path: path(place), identity: stablePath(place) + "|empty",
                       en: "`\(field.key)` has no value, but it is required",
                       zh: "`\(field.key)` 没有值，它是必填的")
            }
            return nil
        }
        switch field.type {
        case .mapping(let shape):
            return readItem(written, shape: shape, at: ItemPlace(base: base(place), index: -1)).map { .item(nest([$0])) }
        case .list(let shape):
            guard tree.kind(node) == .sequence else {
                return mismatch(written, at: place, expected: "a list of \(shape.name)s (one `- ` item each)", expectedZh: "\(shape.zhName)列表（每项以 `- ` 开头）")
            }
            let children = tree.children(node)
            var items: [Item]
            if children.count >= DocumentReader.concurrentListLength, !tree.hasAliases {
                items = readConcurrently(children, shape: shape, at: (path(place), stablePath(place)))
            } else {
                items = []
                items.reserveCapacity(children.count)
                let list = base(place)
                for (index, child) in children.enumerated() {
                    if let item = readItem(child, shape: shape, at: ItemPlace(base: list, index: Int32(index))) {
                        items.append(item)
                    }
                }
            }
            // The rest of a list read piece by piece, read already (not copied into `items`:
            // each copy of an item counts its store).
            if let continuation, node == continuation.sequence {
                findings += continuation.findings
                suppressions += continuation.suppressions
                return .items(nest(items, continuation.items))
            }
            return .items(nest(items))
        case .texts:
            let first = texts.count
            if tree.kind(node) == .scalar {
                texts.append(text(written))
                return .texts(Int32(first), 1)
            }
            guard tree.kind(node) == .sequence else {
                return mismatch(written, at: place, expected: "a list of texts", expectedZh: "文本列表")
            }
            for (index, child) in tree.children(node).enumerated() {
                let resolved = tree.resolved(child)
                guard spend() else { return nil }
                if tree.kind(resolved) == .scalar, !tree.isNull(resolved) {
                    texts.append(text(child))
                } else {
                    _ = mismatch(child, at: place.element(index), expected: "text", expectedZh: "文本")
                }
            }
            return TextRun.value(.texts, from: first, of: &texts)
        case .people, .items:
            let first = texts.count
            if tree.kind(node) == .scalar {
                return identifier(written, at: place).map { texts.append($0); return .refs(Int32(first), 1) }
            }
            guard tree.kind(node) == .sequence else {
                return mismatch(written, at: place, expected: "an id or a list of ids", expectedZh: "一个 id 或 id 列表")
            }
            for (index, child) in tree.children(node).enumerated() {
                guard spend() else { return nil }
                if let ref = identifier(child, at: place.element(index)) { texts.append(ref) }
            }
            return TextRun.value(.refs, from: first, of: &texts)
        default:
            break
        }
        guard tree.kind(node) == .scalar else {
            return mismatch(written, at: place, expected: expectedName(field.type).en, expectedZh: expectedName(field.type).zh)
        }
        switch field.type {
        case .text:
            return kept(written) { .text($0) }
        case .identifier:
            return identifier(written, at: place).map { texts.append($0); return .text(Int32(texts.count - 1)) }
        case .person:
            return identifier(written, at: place).map { texts.append($0); return .refs(Int32(texts.count - 1), 1) }
        default:
            break
        }
        let text = tree.string(node)
        switch field.type {
        case .date:
            if let day = Day(parsing: text) { return .date(Int32(day.ordinal)) }
            return invalid(written, at: place,
                           en: "`\(excerpt(text))` is not a valid date: write a real calendar date as YYYY-MM-DD, e.g. 2026-09-01",
                           zh: "`\(excerpt(text))` 不是有效日期：请按 YYYY-MM-DD 写一个真实存在的日期，例如 2026-09-01")
        case .duration:
            if Duration(parsing: text) != nil { return kept(written) { .duration($0) } }
            return invalid(written, at: place,
                           en: "`\(excerpt(text))` is not a duration: write 2d, 3w, 1mo or 5wd (days, weeks, months, working days), or daily, weekly, biweekly, monthly, quarterly",
                           zh: "`\(excerpt(text))` 不是有效时长：请写 2d、3w、1mo 或 5wd（天、周、月、工作日），或 daily、weekly、biweekly、monthly、quarterly")
        case .number:
            if tree.style(node) == .plain, let value = Double(text), value.isFinite { return kept(written) { .number($0) } }
            return invalid(written, at: place,
                           en: "`\(excerpt(text))` is not a number", zh: "`\(excerpt(text))` 不是数字")
        case .integer(let range):
            if tree.style(node) == .plain, let value = Int(text), range.contains(value), let small = Int32(exactly: value) {
                return .integer(small)
            }
            return invalid(written, at: place,
                           en: "`\(excerpt(text))` is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                           zh: "`\(excerpt(text))` 不是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数")
        case .choice(let words):
            if let index = words.firstIndex(of: text) { return .choice(UInt8(index)) }
            let hint = nearest(to: text, in: words).first.map { " (did you mean `\($0)`?)" } ?? ""
            let hintZh = nearest(to: text, in: words).first.map { "（是不是想写 `\($0)`？）" } ?? ""
            return invalid(written, at: place,
                           en: "`\(excerpt(text))` is not a valid `\(field.key)`: use one of \(words.joined(separator: ", "))\(hint)",
                           zh: "`\(excerpt(text))` 不是有效的 `\(field.key)`：可用值为 \(words.joined(separator: "、"))\(hintZh)")
        default:
            return nil
        }
    }

    /// A list this long (a log) is read in slices on all cores.
    static let concurrentListLength = 4096

    /// The items of a long list, read in slices on all cores, each by a reader of its own, and
    /// joined in order with their findings and suppressions: the result of reading them one by
    /// one. Only for a file without aliases, where no item can reach into another's nodes.
    private mutating func readConcurrently(_ children: ArraySlice<NodeID>, shape: Shape, at list: (path: String, stable: String)) -> [Item] {
        let file = ParsedFile(source: source, tree: tree)
        let first = children.startIndex
        let read = concurrentSlices(Array(children.indices)) { slice -> (items: [Item], reader: DocumentReader) in
            var reader = DocumentReader(file)
            let base = reader.places.add(path: list.path, stable: list.stable)
            var items: [Item] = []
            items.reserveCapacity(slice.count)
            for position in slice {
                if let item = reader.readItem(children[position], shape: shape, at: ItemPlace(base: base, index: Int32(position - first))) {
                    items.append(item)
                }
            }
            return (items, reader)
        }
        var items: [Item] = []
        items.reserveCapacity(children.count)
        for (sliceItems, reader) in read {
            items += sliceItems
            findings += reader.findings
            suppressions += reader.suppressions
            budget -= reader.spent
        }
        return items
    }

    /// Nodes this reader has visited.
    private var spent: Int { initialBudget - budget }

    private mutating func identifier(_ written: NodeID, at place: Place) -> TextSpan? {
        let node = tree.resolved(written)
        guard tree.kind(node) == .scalar, !tree.isNull(node) else {
            _ = mismatch(written, at: place, expected: "an id", expectedZh: "一个 id")
            return nil
        }
        guard tree.withScalarBytes(node, DocumentReader.isValidIdentifier(_:)) else {
            let text = tree.string(node)
            _ = invalid(written, at: place,
                        en: "`\(excerpt(text))` is not a valid id: an id starts with a letter or digit and holds only letters, digits, `.`, `_` and `-`",
                        zh: "`\(excerpt(text))` 不是有效的 id：id 以字母或数字开头，只能包含字母、数字、`.`、`_` 和 `-`")
            return nil
        }
        return text(written)
    }

    static func isValidIdentifier(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isValidIdentifier(_:))
    }

    /// An id starts with a letter or digit and holds only letters, digits, `.`, `_` and `-`.
    static func isValidIdentifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, isAlphanumeric(first) else { return false }
        for byte in bytes where !(isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")) {
            return false
        }
        return true
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
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

    private mutating func mismatch(_ node: NodeID, at place: Place, expected: String, expectedZh: String) -> StoredValue? {
        let path = path(place)
        let resolved = tree.resolved(node)
        // The classic slip: `Week 1: done` in a list is a one-key mapping, not a text.
        let colonHint = tree.kind(resolved) == .mapping && tree.children(resolved).count == 2
        return invalid(node, at: place,
                       en: "`\(path)` should be \(expected), not \(describe(resolved))"
                           + (colonHint ? " (a `: ` inside text makes YAML read a mapping; put the text in quotes)" : ""),
                       zh: "`\(path)` 应为\(expectedZh)，而不是\(describeZh(resolved))"
                           + (colonHint ? "（文本中的 `: ` 会被 YAML 读成映射，请给文本加引号）" : ""))
    }

    private mutating func invalid(_ node: NodeID, at place: Place, en: String, zh: String) -> StoredValue? {
        report(.schema, node: node, path: path(place), identity: stablePath(place) + "|invalid", en: en, zh: zh)
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

    /// A place's logical path: `log[3].actions[0].due`.
    private func path(_ place: Place) -> String {
        spelled(places.path(of: place.item), key: place.key, index: place.index)
    }

    /// A place's stable path: by id where its item has one (`milestones#m1.due`).
    private func stablePath(_ place: Place) -> String {
        let item = place.stableByID ?? places.stablePath(of: place.item)
        return place.keyInStable ? spelled(item, key: place.key, index: place.index) : item
    }

    private func spelled(_ base: String, key: String?, index: Int?) -> String {
        var text = base
        if let key {
            if !text.isEmpty { text += "." }
            text += key
        }
        if let index {
            text += "["
            text += String(index)
            text += "]"
        }
        return text
    }

    /// The field at `place` as a list or field that items are read from: its number in `places`.
    private func base(_ place: Place) -> Int32 {
        guard let key = place.key, place.index == nil, place.keyInStable else {
            return places.add(path: path(place), stable: stablePath(place))
        }
        return places.add(field: key, of: place.item, stableByID: place.stableByID)
    }
}

/// Where a value sits: its item, and the key and list index below it. Spelled out by the reader
/// only when a finding or a nested item needs it, not for every field read.
struct Place {
    let item: ItemPlace
    /// The item's stable path when its id gives it one (`milestones#m1`).
    var stableByID: String?
    var key: String?
    var index: Int?
    /// False for an item's `id`, read before the item's stable path is known: its findings keep
    /// the item's stable path (fingerprints in baselines rely on it).
    var keyInStable = true

    init(item: ItemPlace, stableByID: String? = nil, key: String? = nil, keyInStable: Bool = true) {
        self.item = item
        self.stableByID = stableByID
        self.key = key
        self.keyInStable = keyInStable
    }

    func element(_ index: Int) -> Place {
        var place = self
        place.index = index
        return place
    }
}
