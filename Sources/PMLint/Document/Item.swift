#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file pmlint read: its bytes and lines (for locating findings and showing source lines),
/// libyaml's problems and the suppressions its comments hold. The tree is not kept here:
/// readers get it in a `ParsedFile`, and items keep byte ranges and copies of their texts, so a
/// project's trees go once its items are read, and a long log's bytes piece by piece.
public final class SourceFile: Sendable {
    /// The path as the user named it: the command-line path joined with the file's name.
    public let path: String
    let lines: LineIndex
    public let problems: [YAMLProblem]
    /// The `# pmlint-disable` comments, found when the file is read: before any of its bytes
    /// are let go.
    let comments: [Suppression]

    init(path: String, lines: LineIndex, problems: [YAMLProblem]) {
        self.path = path
        self.lines = lines
        self.problems = problems
        comments = SuppressionComments.scan(lines.bytes.whole, path: path)
    }

    var bytes: SourceBytes { lines.bytes }

    public func span(_ range: SourceRange) -> Span {
        Span(start: lines.mark(at: Int(range.start)), end: lines.mark(at: Int(range.end)))
    }

    /// Whether bytes of the file let go were found changed in it when read again.
    public var changedWhileChecked: Bool { bytes.changed }
}

/// A file and the tree libyaml built of it, for as long as it is being read.
public struct ParsedFile: Sendable {
    public let source: SourceFile
    public let tree: YAMLTree
    /// For a long list read piece by piece (`PieceReading`): the items that follow the last
    /// list of `tree`, already read.
    let continuation: ListContinuation?

    init(source: SourceFile, tree: YAMLTree, continuation: ListContinuation? = nil) {
        self.source = source
        self.tree = tree
        self.continuation = continuation
    }

    public init(path: String, bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) {
        let parsed = YAMLParser.parse(bytes, limits: limits)
        tree = parsed.tree
        source = SourceFile(path: path, lines: parsed.tree.lines, problems: parsed.problems)
        continuation = nil
    }

    /// A file to be read as `shape`. A large file whose last field is a long list (a log) is
    /// parsed and read piece by piece on all cores, so its whole tree never exists at once.
    public init(path: String, bytes: [UInt8], limits: YAMLLimits = YAMLLimits(), readingAs shape: Shape, pieces: Int? = nil) {
        let wanted = pieces ?? PieceReading.defaultPieces(forBytes: bytes.count)
        if wanted > 1, case .read(let read) = PieceReading.read(path: path, bytes: bytes, limits: limits, shape: shape, pieces: wanted) {
            self = read
        } else {
            self.init(path: path, bytes: bytes, limits: limits)
        }
    }

    /// The file at `path`, whose bytes pmlint has just read from there, read as `shape`; a long
    /// log's pieces are let go as they are read (`SourceBytes`). Should the pieces turn out not
    /// to stand alone after some were let go, the file is read again, whole.
    static func read(path: String, bytes: [UInt8], limits: YAMLLimits, as shape: Shape, pieces: Int? = nil) throws(UsageError) -> ParsedFile {
        let wanted = pieces ?? PieceReading.defaultPieces(forBytes: bytes.count)
        guard wanted > 1 else { return ParsedFile(path: path, bytes: bytes, limits: limits) }
        switch PieceReading.read(path: path, bytes: bytes, limits: limits, shape: shape, pieces: wanted, lettingGo: true) {
        case .read(let file): return file
        case .declined(let bytesLetGo):
            return ParsedFile(path: path, bytes: bytesLetGo ? try Project.readBytes(path, limit: limits.maxFileSize) : bytes, limits: limits)
        }
    }

    public var path: String { source.path }
    public func span(_ node: NodeID) -> Span { tree.span(node) }
}

/// A string of a `texts` field, with where it is written.
public struct TextValue: Sendable {
    public let text: String
    public let range: SourceRange
}

/// A ref as written, with where.
public struct Reference: Sendable {
    public let id: String
    public let range: SourceRange
}

/// A validated value of a field, typed by the schema.
public enum Value: Sendable {
    case text(String)
    case texts([TextValue])
    case date(Day)
    case duration(Duration)
    case integer(Int)
    case choice(String)
    case refs([Reference])
    case item(Item)
    case items(ItemList)
    case number(Double)
    /// A node kept as written, for its owner to read.
    case node(NodeID)
}

/// A field's value as spelled out for whoever asks (`Item.field(at:)`).
public struct FieldValue: Sendable {
    public let value: Value
    /// Where the value is written (an alias stays the alias, so findings point where it is used).
    public let range: SourceRange
    /// The field's position in its item's shape.
    let position: UInt8

    init(value: Value, range: SourceRange, position: Int) {
        self.value = value
        self.range = range
        self.position = UInt8(position)
    }

    public func field(in shape: Shape) -> Field { shape.fields[Int(position)] }
}

/// A validated mapping of the document: a stakeholder, a milestone, a log entry, the scope...
/// Only the fields given are kept, in the order of the shape (an entry uses a handful of the
/// format's two dozen); a field with a `schema` finding is absent. An item is a row of the store
/// of the reader that read it: its values sit in the store's columns, texts as byte ranges of the
/// file, so an item costs no allocation of its own, and `field(at:)` spells a value out when asked.
public struct Item: Sendable, Hashable {
    let store: ItemStore
    let row: Int32

    private var record: ItemRow { store.rows[Int(row)] }

    public var shape: Shape { record.shape.takeUnretainedValue() }

    /// Lends the item's shape without counting a reference to it, for passes over every item:
    /// shapes are shared by all cores, and counting one from two at once is dear (`Shape.withField`).
    func withShape<Result>(_ body: (Shape) -> Result) -> Result {
        record.shape._withUnsafeGuaranteedRef(body)
    }

    /// Where the item's mapping is written.
    public var range: SourceRange { record.range }
    /// Where the item sits, spelled as `path` and `stablePath` when asked: most items are never
    /// named in a finding, so they keep a number rather than strings of their own.
    var place: ItemPlace { record.place }

    /// The same item: the same row of the same store.
    public static func == (a: Item, b: Item) -> Bool { a.store === b.store && a.row == b.row }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(store))
        hasher.combine(row)
    }

    public var source: SourceFile { store.source }

    /// Logical path: `milestones[1]`, `log[3]`, `scope`, `` for the plan itself.
    public var path: String { store.places.path(of: place) }

    /// Like `path`, but by id where the item has one (`milestones#m1`): stable across reordering.
    public var stablePath: String {
        id.flatMap { Item.stablePath(byID: $0, path: path) } ?? store.places.stablePath(of: place)
    }

    /// The stable path of an item at `path` with the id `id`: its collection and its id
    /// (`milestones#m1`); nil for the file's root.
    static func stablePath(byID id: String, path: String) -> String? {
        path.split(separator: "[").first.map { "\($0)#\(id)" }
    }

    public subscript(key: String) -> FieldValue? {
        withShape { $0.position(of: key) }.flatMap { field(at: $0) }
    }

    public func field(at position: Int) -> FieldValue? {
        stored(at: position).map { FieldValue(value: value(of: $0), range: $0.range, position: position) }
    }

    /// Every field given, in the order of the shape.
    public var fields: [FieldValue] {
        storedFields.map { spelled($0) }
    }

    /// The fields as kept, for passes over every item that need few of the values spelled out.
    /// Valid until the store grows, which it does only while its reader adds to it.
    var storedFields: UnsafeBufferPointer<StoredField> {
        let record = record
        return UnsafeBufferPointer(start: store.fields.base.map { $0 + Int(record.firstField) }, count: record.given.nonzeroBitCount)
    }

    /// The ids of a refs value (UTF-8, decoded), each with where it is written: no string made.
    func forEachReference(in value: StoredValue, _ body: (_ id: UnsafeBufferPointer<UInt8>, _ range: SourceRange) -> Void) {
        let stored = store.bytes.buffer
        for index in run(of: value, .refs) { body(store.texts[index].bytes(in: stored), store.texts[index].range) }
    }

    /// Where the texts of a texts value, or the ids of a refs value, sit in the store's texts;
    /// none for any other value.
    private func run(of value: StoredValue, _ kind: TextRun.Kind) -> Range<Int> {
        switch (value, kind) {
        case (.texts(let start, let count), .texts), (.refs(let start, let count), .refs):
            return Int(start)..<Int(start) + Int(count)
        case (.longTexts(let end), .texts), (.longRefs(let end), .refs):
            return store.texts[Int(end)].lengthRun(endingAt: Int(end))
        default:
            return 0..<0
        }
    }

    /// A kept field spelled out.
    func spelled(_ stored: StoredField) -> FieldValue {
        FieldValue(value: value(of: stored), range: stored.range, position: Int(stored.position))
    }

    /// (Closures, not methods taken as values, here and in every pass over items: a method
    /// taken as a value allocates a context holding the item, every call.)
    func stored(_ key: String) -> StoredField? { withShape { $0.position(of: key) }.flatMap { stored(at: $0) } }

    /// The word a text or choice field holds, without spelling any other kind of value.
    func word(of stored: StoredField) -> String? {
        switch stored.value {
        case .text(let index): return store.string(at: index)
        case .choice(let index): return word(choice: index, at: Int(stored.position))
        default: return nil
        }
    }

    /// Whether a refs value names an id that passes `test`, trying them in order.
    func anyReference(in value: StoredValue, where test: (String) -> Bool) -> Bool {
        run(of: value, .refs).contains { test(store.string(at: $0)) }
    }

    /// Whether a value is empty: no text, an empty list.
    func isEmpty(_ value: StoredValue) -> Bool {
        switch value {
        case .text(let index): return store.texts[Int(index)].value.isEmpty
        case .texts(_, let count), .refs(_, let count): return count == 0
        case .longTexts, .longRefs: return false
        case .items(let list): return self.list(list).isEmpty
        default: return false
        }
    }

    /// The items of an item or list value.
    func children(of value: StoredValue) -> ItemList {
        switch value {
        case .item(let list), .items(let list): return self.list(list)
        default: return ItemList()
        }
    }

    /// Every item nested in the item's fields, in the order of the shape.
    var nestedItems: [Item] {
        storedFields.flatMap { children(of: $0.value) }
    }

    /// The item's `number`th list of items (a mapping field is a list of one).
    private func list(_ number: Int32) -> ItemList {
        ItemList(store: store, run: store.lists[Int(record.firstList + number)])
    }

    /// Whether the field `key` is given, read from the item's row alone: its fields, elsewhere
    /// in memory, are not touched.
    func isGiven(_ key: String) -> Bool {
        guard let position = withShape({ $0.position(of: key) }) else { return false }
        return record.given & 1 << UInt64(position) != 0
    }

    func stored(at position: Int) -> StoredField? {
        let record = record
        let bit: UInt64 = 1 << UInt64(position)
        guard record.given & bit != 0, let fields = store.fields.base else { return nil }
        return fields[Int(record.firstField) + (record.given & (bit - 1)).nonzeroBitCount]
    }

    private func value(of stored: StoredField) -> Value {
        switch stored.value {
        case .text(let index): return .text(store.string(at: index))
        case .texts, .longTexts: return .texts(texts(of: stored))
        case .refs, .longRefs:
            return .refs(run(of: stored.value, .refs).map { Reference(id: store.string(at: $0), range: store.texts[$0].range) })
        case .choice(let index): return .choice(word(choice: index, at: Int(stored.position)))
        case .date(let ordinal): return .date(Day(ordinal: Int(ordinal)))
        case .duration(let index):
            guard let duration = Duration(parsing: store.string(at: index)) else { preconditionFailure("a kept duration that does not read") }
            return .duration(duration)
        case .integer(let number): return .integer(Int(number))
        case .number(let index):
            guard let number = Double(store.string(at: index)) else { preconditionFailure("a kept number that does not read") }
            return .number(number)
        case .item(let list): return .item(self.list(list)[0])
        case .items(let list): return .items(self.list(list))
        case .node(let node): return .node(node)
        }
    }

    public var span: Span { source.span(range) }

    public var id: String? {
        guard let position = withShape(\.idPosition), case .text(let index)? = stored(at: position)?.value else { return nil }
        return store.string(at: index)
    }

    /// The logical path of one of the item's fields.
    public func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    public func stablePath(of key: String) -> String { stablePath.isEmpty ? key : "\(stablePath).\(key)" }

    public func date(_ key: String) -> Day? {
        if case .date(let ordinal)? = stored(key)?.value { return Day(ordinal: Int(ordinal)) }
        return nil
    }

    /// A choice field, or its default where the format gives one.
    public func choice(_ key: String) -> String? {
        guard let position = withShape({ $0.position(of: key) }) else { return nil }
        guard let stored = stored(at: position) else { return withShape { $0.withField(at: position, \.defaultValue) } }
        guard case .choice(let index) = stored.value else { return nil }
        return word(choice: index, at: position)
    }

    /// The word at `index` among the choices of the field at `position`.
    private func word(choice index: UInt8, at position: Int) -> String {
        withShape { shape in
            shape.withField(at: position) { field in
                guard case .choice(let words) = field.type else { preconditionFailure("a choice kept for a field without choices") }
                return words[Int(index)]
            }
        }
    }

    public func item(_ key: String) -> Item? {
        if case .item(let list)? = stored(key)?.value { return self.list(list)[0] }
        return nil
    }

    public func items(_ key: String) -> ItemList {
        if case .items(let list)? = stored(key)?.value { return self.list(list) }
        return ItemList()
    }

    public func refs(_ key: String) -> [Reference] {
        if case .refs(let refs)? = self[key]?.value { return refs }
        return []
    }

    public func texts(_ key: String) -> [TextValue] {
        stored(key).map { texts(of: $0) } ?? []
    }

    /// The texts of a texts field; none for any other kind of value.
    func texts(of stored: StoredField) -> [TextValue] {
        run(of: stored.value, .texts).map { TextValue(text: store.string(at: $0), range: store.texts[$0].range) }
    }

    public func text(_ key: String) -> String? {
        if case .text(let index)? = stored(key)?.value { return store.string(at: index) }
        return nil
    }
}

/// A list of items as an item keeps it: a run of its store's `children`, each a row of that
/// store or of another reader's.
public struct ItemList: RandomAccessCollection, Sendable {
    private let store: ItemStore?
    private let run: ListRun

    init(store: ItemStore, run: ListRun) {
        self.store = store
        self.run = run
    }

    /// No items.
    public init() {
        store = nil
        run = ListRun(start: 0, count: 0)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(run.count) }

    public subscript(position: Int) -> Item {
        guard let store, position >= 0, position < Int(run.count) else { preconditionFailure("an item past the end of its list") }
        let reference = store.children[Int(run.start) + position]
        return Item(store: reference.store < 0 ? store : store.others[Int(reference.store)], row: reference.row)
    }
}

/// A value as an item keeps it: seven bytes, four-byte aligned, with texts and ids as indexes
/// into its store's texts and nested items as the number of a list among the item's own. A
/// duration or a number (rare, and longer) is kept as its text and read again when asked.
enum StoredValue: BitwiseCopyable {
    case text(Int32)
    /// The texts `start..<start + count` of the store.
    case texts(Int32, UInt16)
    /// A list of more texts than `texts` counts: the store's texts before the one at this
    /// index, which holds their number (`TextRun.length`).
    case longTexts(Int32)
    /// The day's ordinal (`Day.ordinal`).
    case date(Int32)
    /// The index of its text.
    case duration(Int32)
    case integer(Int32)
    /// The position of the word among the field's choices.
    case choice(UInt8)
    /// The texts `start..<start + count` of the store, each an id.
    case refs(Int32, UInt16)
    /// A list of more ids than `refs` counts, kept as `longTexts` is.
    case longRefs(Int32)
    /// The number of the item's list holding it (a list of one).
    case item(Int32)
    /// The number of the item's list.
    case items(Int32)
    /// The index of its text.
    case number(Int32)
    case node(NodeID)
}

/// 16 bytes: the value, the field's position, where it is written.
struct StoredField: BitwiseCopyable {
    let value: StoredValue
    /// The field's position in its item's shape.
    let position: UInt8
    /// Where the value is written (an alias stays the alias, so findings point where it is used).
    let range: SourceRange
}

/// An item as its store keeps it, in 40 bytes: its shape, where it is written and where it
/// sits, which fields are given (bit `p` for the field at position `p`: a field is found by
/// counting the bits below its own, never by a scan), and where its fields and lists start.
struct ItemRow: BitwiseCopyable {
    /// Kept alive by the store's `shapes`.
    let shape: Unmanaged<Shape>
    let range: SourceRange
    let place: ItemPlace
    let given: UInt64
    let firstField: Int32
    let firstList: Int32
}

/// A list of items: the run `start..<start + count` of a store's `children`.
struct ListRun: BitwiseCopyable {
    let start: Int32
    let count: Int32
}

/// An item of a list: a row of the list's own store (`store` -1), or of another reader's
/// store (the list's store's `others[store]`). Numbers, not references, so a store never holds
/// itself and stores form no cycles.
struct ItemReference: BitwiseCopyable {
    let store: Int32
    let row: Int32
}

/// The two kinds of runs of a store's texts a value can be, and how a long run keeps its length.
enum TextRun {
    enum Kind { case texts, refs }

    /// The entry that follows a run of `count` texts too long for a value to count.
    static func length(_ count: Int) -> TextSpan {
        TextSpan(range: SourceRange(start: UInt32(count), end: 0), value: 0..<0)
    }

    /// The texts or ids of `texts` from `first` on as a value; a run too long for a value's
    /// 16-bit count keeps its length in one more text after them.
    static func value(_ kind: Kind, from first: Int, of texts: inout [TextSpan]) -> StoredValue {
        let count = texts.count - first
        guard count > Int(UInt16.max) else {
            return kind == .texts ? .texts(Int32(first), UInt16(count)) : .refs(Int32(first), UInt16(count))
        }
        texts.append(length(count))
        return kind == .texts ? .longTexts(Int32(texts.count - 1)) : .longRefs(Int32(texts.count - 1))
    }
}

extension TextSpan {
    /// For the entry at `end` that follows a long run (`TextRun.length`), the run.
    func lengthRun(endingAt end: Int) -> Range<Int> { (end - Int(range.start))..<end }
}

/// A text or an id as an item keeps it, in 16 bytes: where it is written, and where its value's
/// bytes are among its store's bytes. Every value is copied there as it is read, escapes and
/// folded lines decoded, so an item never needs its file's bytes again: a long log's are let
/// go piece by piece once read (`SourceBytes`).
struct TextSpan: BitwiseCopyable {
    let range: SourceRange
    private let bytes: SourceRange

    init(range: SourceRange, value: Range<Int>) {
        self.range = range
        bytes = SourceRange(start: UInt32(value.lowerBound), end: UInt32(value.upperBound))
    }

    /// Where the value's bytes are among its store's bytes.
    var value: Range<Int> { Int(bytes.start)..<Int(bytes.end) }

    func string(in stored: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: self.bytes(in: stored), as: UTF8.self)
    }

    func bytes(in stored: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: stored[value])
    }

    /// The same text with its bytes moved by `shift`.
    func moved(by shift: Int) -> TextSpan {
        TextSpan(range: range, value: (value.lowerBound + shift)..<(value.upperBound + shift))
    }
}

/// The items one reader read, as rows of columns: the items, their fields, texts and decoded
/// text bytes, their lists. Only its reader adds to a store, and only before others read it
/// (they read it once the reader is done), which is what makes sharing it across threads safe;
/// the columns are read without exclusivity checks for that reason.
final class ItemStore: @unchecked Sendable {
    let source: SourceFile
    /// The lists and fields the items were read from, which their places number.
    let places = PlaceTable()
    @exclusivity(unchecked) private(set) var rows = Column<ItemRow>()
    @exclusivity(unchecked) private(set) var fields = Column<StoredField>()
    @exclusivity(unchecked) private(set) var texts = Column<TextSpan>()
    @exclusivity(unchecked) private(set) var bytes = Column<UInt8>()
    /// The items of every list, each list a run.
    @exclusivity(unchecked) private(set) var children = Column<ItemReference>()
    /// The lists of the items, each item's a run from its row's `firstList`.
    @exclusivity(unchecked) private(set) var lists = Column<ListRun>()
    /// The stores of other readers whose items the lists hold (a long list read on all cores,
    /// or piece by piece).
    @exclusivity(unchecked) private(set) var others: [ItemStore] = []
    /// The shapes of the rows, which keep them alive, and the last one added.
    private var shapes: [Shape] = []
    private var shapeIdentities: [ObjectIdentifier] = []
    private unowned(unsafe) var lastShape: Shape?

    init(source: SourceFile) {
        self.source = source
    }

    deinit {
        rows.deallocate()
        fields.deallocate()
        texts.deallocate()
        bytes.deallocate()
        children.deallocate()
        lists.deallocate()
    }

    func string(at index: Int32) -> String { string(at: Int(index)) }

    func string(at index: Int) -> String {
        texts[index].string(in: bytes.buffer)
    }

    /// Adds an item: its fields move into the columns, with their texts and lists, which they
    /// index as the slices given do (texts' decoded bytes likewise), and the item is returned.
    func add(shape: Shape, range: SourceRange, place: ItemPlace, given: UInt64,
             fields newFields: inout [StoredField], from fieldBase: Int, texts newTexts: inout [TextSpan], from textBase: Int,
             bytes newBytes: inout [UInt8], from byteBase: Int, lists newLists: inout [ListRun], from listBase: Int) -> Item {
        // The reader's stacks are lent, not sliced: an item is made without a reference counted.
        if shape !== lastShape {
            // By identity, not by the shapes themselves: comparing those counts each of them.
            let identity = ObjectIdentifier(shape)
            if !shapeIdentities.contains(identity) {
                shapeIdentities.append(identity)
                shapes.append(shape)
            }
            lastShape = shape
        }
        let textShift = Int32(texts.count - textBase)
        let listShift = Int32(listBase)
        let row = ItemRow(shape: Unmanaged.passUnretained(shape), range: range, place: place, given: given,
                          firstField: Int32(fields.count), firstList: Int32(lists.count))
        fields.reserve(newFields.count - fieldBase)
        for index in fieldBase..<newFields.count {
            let field = newFields[index]
            let value: StoredValue
            switch field.value {
            case .text(let text): value = .text(text + textShift)
            case .duration(let text): value = .duration(text + textShift)
            case .number(let text): value = .number(text + textShift)
            case .texts(let start, let count): value = .texts(start + textShift, count)
            case .refs(let start, let count): value = .refs(start + textShift, count)
            case .longTexts(let end): value = .longTexts(end + textShift)
            case .longRefs(let end): value = .longRefs(end + textShift)
            case .item(let list): value = .item(list - listShift)
            case .items(let list): value = .items(list - listShift)
            default: value = field.value
            }
            fields.append(StoredField(value: value, position: field.position, range: field.range))
        }
        let byteShift = bytes.count - byteBase
        texts.reserve(newTexts.count - textBase)
        for index in textBase..<newTexts.count { texts.append(newTexts[index].moved(by: byteShift)) }
        newBytes.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[byteBase...])) }
        newLists.withUnsafeBufferPointer { lists.append(contentsOf: UnsafeBufferPointer(rebasing: $0[listBase...])) }
        rows.append(row)
        return Item(store: self, row: Int32(rows.count - 1))
    }

    /// Adds a list of items, `items` then `more`, returning its run of `children`.
    func addList(_ items: [Item], _ more: [Item] = []) -> ListRun {
        let start = Int32(children.count)
        children.reserve(items.count + more.count)
        // Stores told apart by identity: a long list's items are mostly another reader's, and
        // copying each item out of the list would count its store.
        let own = ObjectIdentifier(self)
        var last: (store: ObjectIdentifier, number: Int32)?
        func add(_ items: UnsafeBufferPointer<Item>) {
            for index in items.indices {
                let store = ObjectIdentifier(items[index].store)
                var number: Int32 = -1
                if store != own {
                    if let last, last.store == store {
                        number = last.number
                    } else {
                        if let known = others.firstIndex(where: { ObjectIdentifier($0) == store }) {
                            number = Int32(known)
                        } else {
                            others.append(items[index].store)
                            number = Int32(others.count - 1)
                        }
                        last = (store, number)
                    }
                }
                children.append(ItemReference(store: number, row: items[index].row))
            }
        }
        items.withUnsafeBufferPointer(add)
        if !more.isEmpty { more.withUnsafeBufferPointer(add) }
        return ListRun(start: start, count: Int32(items.count + more.count))
    }
}

/// A growing column of plain values, filled by one writer; its elements are never moved but
/// by growing it, which only its writer does. A large column is pages mapped for it alone:
/// growing a heap chunk by copying leaves the old one resident in the heap, while unmapped pages
/// go at once, and room not yet written costs no memory.
struct Column<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0
    /// The size of the mapping holding the column; 0 while it is in the heap.
    private var mappedSize = 0
    /// From this size on, a column is mapped.
    private static var mappingSize: Int { 1 << 20 }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    subscript(index: Int) -> Element { base.unsafelyUnwrapped[index] }

    mutating func append(_ element: Element) {
        if count == capacity { grow(toHold: count + 1) }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let from = elements.baseAddress, !elements.isEmpty else { return }
        reserve(elements.count)
        (base.unsafelyUnwrapped + count).initialize(from: from, count: elements.count)
        count += elements.count
    }

    /// Room for `extra` more elements.
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    /// Twice the room, or what is needed.
    private mutating func grow(toHold needed: Int) {
        let stride = MemoryLayout<Element>.stride
        let size = max(needed, capacity * 2, 16) * stride
        guard size >= Column.mappingSize else {
            guard let memory = realloc(base, size) else { fatalError("pmlint ran out of memory") }
            base = memory.bindMemory(to: Element.self, capacity: size / stride)
            capacity = size / stride
            return
        }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapped = (size + page - 1) / page * page
        #if os(Linux)
        let anonymous = MAP_ANONYMOUS
        #else
        let anonymous = MAP_ANON
        #endif
        guard let memory = mmap(nil, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | anonymous, -1, 0),
              memory != UnsafeMutableRawPointer(bitPattern: -1) else { fatalError("pmlint ran out of memory") }
        if let base {
            memory.copyMemory(from: base, byteCount: count * stride)
            release(base)
        }
        base = memory.bindMemory(to: Element.self, capacity: mapped / stride)
        capacity = mapped / stride
        mappedSize = mapped
    }

    private func release(_ memory: UnsafeMutablePointer<Element>) {
        if mappedSize > 0 { munmap(memory, mappedSize) } else { free(memory) }
    }

    func deallocate() {
        if let base { release(base) }
    }
}

/// Where an item sits: a list or field of its store's `PlaceTable`, and the item's position in
/// that list (-1: the field holds the item itself, or it is the file's root).
struct ItemPlace: Sendable, BitwiseCopyable {
    let base: Int32
    let index: Int32
}

/// The lists and fields one reader read items from: an item keeps a number in here and its
/// position, and its path is spelled from them when asked. A list or field of the file's root
/// (`log`, `scope`) is kept spelled, with its stable spelling; one of an item (`log[3].actions`)
/// is kept as the item's place and the field's key, spelled only when a finding asks, since
/// most are never named. Only its reader adds to a table, before the items that use the new
/// entry exist; others read it once the reader is done, which is what makes sharing it across
/// threads safe.
final class PlaceTable: @unchecked Sendable {
    /// A list or field: `key` numbers a field key in `keys`, of the item at `item`; a negative
    /// `key` numbers a spelled base in `spelled` instead (-1 the first). Twelve bytes: a long
    /// log has a base for every entry with actions.
    private struct Base {
        let item: ItemPlace
        let key: Int32
    }

    private var bases: [Base] = []
    private var spelled: [(path: String, stable: String)] = []
    private var keys: [String] = []
    /// The stable path by id of the item whose field a base is, where its id gives it one
    /// (`milestones#m1`), by base number.
    private var stableByID: [Int32: String] = [:]

    /// Adds a list or field spelled out, returning its number.
    func add(path: String, stable: String) -> Int32 {
        spelled.append((path, stable))
        bases.append(Base(item: ItemPlace(base: -1, index: -1), key: -Int32(spelled.count)))
        return Int32(bases.count - 1)
    }

    /// Adds the field `key` of the item at `item`, returning its number.
    func add(field key: String, of item: ItemPlace, stableByID: String?) -> Int32 {
        let number: Int
        if let known = keys.lastIndex(of: key) {
            number = known
        } else {
            keys.append(key)
            number = keys.count - 1
        }
        bases.append(Base(item: item, key: Int32(number)))
        let base = Int32(bases.count - 1)
        if let stableByID { self.stableByID[base] = stableByID }
        return base
    }

    /// Gives the field `base` of an item the item's stable path by id, for a reader that learns
    /// the item's id after the field (`EventItemReader` reads fields in the order written).
    func give(_ base: Int32, stableByID: String) {
        guard bases[Int(base)].key >= 0 else { return }
        self.stableByID[base] = stableByID
    }

    func path(of place: ItemPlace) -> String { spelled(basePath(place.base), place.index) }
    func stablePath(of place: ItemPlace) -> String { spelled(baseStablePath(place.base), place.index) }

    private func basePath(_ number: Int32) -> String {
        let base = bases[Int(number)]
        guard base.key >= 0 else { return spelled[Int(-base.key - 1)].path }
        return joined(path(of: base.item), keys[Int(base.key)])
    }

    private func baseStablePath(_ number: Int32) -> String {
        let base = bases[Int(number)]
        guard base.key >= 0 else { return spelled[Int(-base.key - 1)].stable }
        return joined(stableByID[number] ?? stablePath(of: base.item), keys[Int(base.key)])
    }

    private func joined(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    private func spelled(_ base: String, _ index: Int32) -> String { index < 0 ? base : "\(base)[\(index)]" }
}
