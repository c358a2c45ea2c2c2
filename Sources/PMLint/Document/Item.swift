/// A file pmlint read: its bytes and lines (for locating findings and showing source lines) and
/// libyaml's problems. The tree is not kept here: readers get it in a `ParsedFile`, and items
/// keep byte ranges, so a project's trees go once its items are read.
public final class SourceFile: Sendable {
    /// The path as the user named it: the command-line path joined with the file's name.
    public let path: String
    public let bytes: [UInt8]
    let lines: LineIndex
    public let problems: [YAMLProblem]

    init(path: String, bytes: [UInt8], lines: LineIndex, problems: [YAMLProblem]) {
        self.path = path
        self.bytes = bytes
        self.lines = lines
        self.problems = problems
    }

    public func span(_ range: SourceRange) -> Span {
        Span(start: lines.mark(at: Int(range.start)), end: lines.mark(at: Int(range.end)))
    }
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
        source = SourceFile(path: path, bytes: bytes, lines: parsed.tree.lines, problems: parsed.problems)
        continuation = nil
    }

    /// A file to be read as `shape`. A large file whose last field is a long list (a log) is
    /// parsed and read piece by piece on all cores, so its whole tree never exists at once.
    public init(path: String, bytes: [UInt8], limits: YAMLLimits = YAMLLimits(), readingAs shape: Shape, pieces: Int? = nil) {
        let wanted = pieces ?? PieceReading.defaultPieces(forBytes: bytes.count)
        if wanted > 1, let read = PieceReading.read(path: path, bytes: bytes, limits: limits, shape: shape, pieces: wanted) {
            self = read
        } else {
            self.init(path: path, bytes: bytes, limits: limits)
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
    case items([Item])
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
/// format's two dozen); a field with a `schema` finding is absent. The values themselves sit in
/// the columns of an `ItemStorage` shared with the other items read with it, texts as byte ranges
/// of the file, so an item costs one allocation, and `field(at:)` spells a value out when asked.
public final class Item: Sendable {
    public let shape: Shape
    /// Where the item's mapping is written.
    public let range: SourceRange
    /// Where the item sits, spelled as `path` and `stablePath` when asked: most items are never
    /// named in a finding, so they keep a number rather than strings of their own.
    let place: ItemPlace
    let storage: ItemStorage
    /// The item's fields, in `storage.fields` (which the item keeps alive).
    private let fieldRun: FieldRun
    /// Bit `p` is set when the field at position `p` is given: a field is found by counting the
    /// bits below its own, never by a scan.
    private let given: UInt64
    /// The items and lists of items among its fields, which `StoredValue.item` and `.items` index.
    let nested: [[Item]]

    init(shape: Shape, storage: ItemStorage, range: SourceRange, place: ItemPlace,
         firstField: Int, given: UInt64, nested: [[Item]]) {
        self.shape = shape
        self.storage = storage
        self.range = range
        self.place = place
        self.fieldRun = FieldRun(first: UnsafePointer(storage.fields.baseAddress! + firstField))
        self.given = given
        self.nested = nested
    }

    public var source: SourceFile { storage.source }

    /// Logical path: `milestones[1]`, `log[3]`, `scope`, `` for the plan itself.
    public var path: String { storage.places.path(of: place) }

    /// Like `path`, but by id where the item has one (`milestones#m1`): stable across reordering.
    public var stablePath: String {
        id.flatMap { Item.stablePath(byID: $0, path: path) } ?? storage.places.stablePath(of: place)
    }

    /// The stable path of an item at `path` with the id `id`: its collection and its id
    /// (`milestones#m1`); nil for the file's root.
    static func stablePath(byID id: String, path: String) -> String? {
        path.split(separator: "[").first.map { "\($0)#\(id)" }
    }

    public subscript(key: String) -> FieldValue? {
        shape.position(of: key).flatMap(field(at:))
    }

    public func field(at position: Int) -> FieldValue? {
        stored(at: position).map { FieldValue(value: value(of: $0), range: $0.range, position: position) }
    }

    /// Every field given, in the order of the shape.
    public var fields: [FieldValue] {
        storedFields.map(spelled)
    }

    /// The fields as kept, for passes over every item that need few of the values spelled out.
    var storedFields: UnsafeBufferPointer<StoredField> {
        UnsafeBufferPointer(start: fieldRun.first, count: given.nonzeroBitCount)
    }

    /// The ids of a refs value, each with where it is written, without building an array.
    func forEachReference(in value: StoredValue, _ body: (_ id: String, _ range: SourceRange) -> Void) {
        guard case .refs(let start, let count) = value else { return }
        for index in Int(start)..<Int(start + count) { body(storage.string(at: index), storage.texts[index].range) }
    }

    /// A kept field spelled out.
    func spelled(_ stored: StoredField) -> FieldValue {
        FieldValue(value: value(of: stored), range: stored.range, position: Int(stored.position))
    }

    func stored(_ key: String) -> StoredField? { shape.position(of: key).flatMap(stored(at:)) }

    /// The word a text or choice field holds, without spelling any other kind of value.
    func word(of stored: StoredField) -> String? {
        switch stored.value {
        case .text(let index): return storage.string(at: index)
        case .choice(let index): return word(choice: index, at: Int(stored.position))
        default: return nil
        }
    }

    /// Whether a refs value names an id that passes `test`, trying them in order.
    func anyReference(in value: StoredValue, where test: (String) -> Bool) -> Bool {
        guard case .refs(let start, let count) = value else { return false }
        return (Int(start)..<Int(start + count)).contains { test(storage.string(at: $0)) }
    }

    /// Whether a value is empty: no text, an empty list.
    func isEmpty(_ value: StoredValue) -> Bool {
        switch value {
        case .text(let index): return storage.texts[Int(index)].value.isEmpty
        case .texts(_, let count), .refs(_, let count): return count == 0
        case .items(let index): return nested[Int(index)].isEmpty
        default: return false
        }
    }

    /// The items of an item or list value.
    func children(of value: StoredValue) -> [Item] {
        switch value {
        case .item(let index), .items(let index): return nested[Int(index)]
        default: return []
        }
    }

    func stored(at position: Int) -> StoredField? {
        let bit: UInt64 = 1 << UInt64(position)
        guard given & bit != 0 else { return nil }
        return fieldRun.first[(given & (bit - 1)).nonzeroBitCount]
    }

    private func value(of stored: StoredField) -> Value {
        switch stored.value {
        case .text(let index): return .text(storage.string(at: index))
        case .texts: return .texts(texts(of: stored))
        case .refs(let start, let count):
            return .refs((Int(start)..<Int(start + count)).map { Reference(id: storage.string(at: $0), range: storage.texts[$0].range) })
        case .choice(let index): return .choice(word(choice: index, at: Int(stored.position)))
        case .date(let ordinal): return .date(Day(ordinal: Int(ordinal)))
        case .duration(let index):
            guard let duration = Duration(parsing: storage.string(at: index)) else { preconditionFailure("a kept duration that does not read") }
            return .duration(duration)
        case .integer(let number): return .integer(Int(number))
        case .number(let index):
            guard let number = Double(storage.string(at: index)) else { preconditionFailure("a kept number that does not read") }
            return .number(number)
        case .item(let index): return .item(nested[Int(index)][0])
        case .items(let index): return .items(nested[Int(index)])
        case .node(let node): return .node(node)
        }
    }

    public var span: Span { source.span(range) }

    public var id: String? {
        guard let position = shape.idPosition, case .text(let index)? = stored(at: position)?.value else { return nil }
        return storage.string(at: index)
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
        guard let position = shape.position(of: key) else { return nil }
        guard let stored = stored(at: position) else { return shape.fields[position].defaultValue }
        guard case .choice(let index) = stored.value else { return nil }
        return word(choice: index, at: position)
    }

    /// The word at `index` among the choices of the field at `position`.
    private func word(choice index: UInt8, at position: Int) -> String {
        guard case .choice(let words) = shape.fields[position].type else { preconditionFailure("a choice kept for a field without choices") }
        return words[Int(index)]
    }

    public func item(_ key: String) -> Item? {
        if case .item(let index)? = stored(key)?.value { return nested[Int(index)][0] }
        return nil
    }

    public func items(_ key: String) -> [Item] {
        if case .items(let index)? = stored(key)?.value { return nested[Int(index)] }
        return []
    }

    public func refs(_ key: String) -> [Reference] {
        if case .refs(let refs)? = self[key]?.value { return refs }
        return []
    }

    public func texts(_ key: String) -> [TextValue] {
        stored(key).map(texts(of:)) ?? []
    }

    /// The texts of a texts field; none for any other kind of value.
    func texts(of stored: StoredField) -> [TextValue] {
        guard case .texts(let start, let count) = stored.value else { return [] }
        return (Int(start)..<Int(start + count)).map { TextValue(text: storage.string(at: $0), range: storage.texts[$0].range) }
    }

    public func text(_ key: String) -> String? {
        if case .text(let index)? = stored(key)?.value { return storage.string(at: index) }
        return nil
    }
}

/// Where an item's fields start in its storage: a pointer, so finding a field does not go
/// through the storage object. Valid as long as the storage, which the item holds.
private struct FieldRun: @unchecked Sendable {
    let first: UnsafePointer<StoredField>
}

/// A value as an item keeps it: at most eight bytes, four-byte aligned, with texts and ids as
/// indexes into its storage's texts and nested items as indexes into its own list of them. A
/// duration or a number (rare, and longer) is kept as its text and read again when asked.
enum StoredValue {
    case text(Int32)
    /// The texts `start..<start + count` of the storage.
    case texts(Int32, Int32)
    /// The day's ordinal (`Day.ordinal`).
    case date(Int32)
    /// The index of its text.
    case duration(Int32)
    case integer(Int32)
    /// The position of the word among the field's choices.
    case choice(UInt8)
    /// The texts `start..<start + count` of the storage, each an id.
    case refs(Int32, Int32)
    case item(Int32)
    case items(Int32)
    /// The index of its text.
    case number(Int32)
    case node(NodeID)
}

/// 20 bytes: the value, the field's position, where it is written.
struct StoredField {
    let value: StoredValue
    /// The field's position in its item's shape.
    let position: UInt8
    /// Where the value is written (an alias stays the alias, so findings point where it is used).
    let range: SourceRange
}

/// A text or an id as an item keeps it, in 16 bytes: where it is written, and where its value's
/// bytes are, in the file (most values are their source text) or, when decoded (escapes, folded
/// lines), in the storage's own bytes, which the kept range says by running backwards.
struct TextSpan {
    let range: SourceRange
    private let bytes: SourceRange

    init(range: SourceRange, inFile value: SourceRange) {
        self.range = range
        bytes = value
    }

    init(range: SourceRange, decoded value: Range<Int>) {
        self.range = range
        bytes = SourceRange(start: UInt32(value.upperBound), end: UInt32(value.lowerBound))
    }

    /// Whether the value's bytes are decoded ones, kept apart from the file.
    var isDecoded: Bool { bytes.start > bytes.end }
    /// Where the value's bytes are, in the file or among the decoded bytes.
    var value: Range<Int> { isDecoded ? Int(bytes.end)..<Int(bytes.start) : Int(bytes.start)..<Int(bytes.end) }

    /// The text, its bytes taken from the file or from the decoded bytes it was kept with.
    func string(file: UnsafeBufferPointer<UInt8>, decoded: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: (isDecoded ? decoded : file)[value]), as: UTF8.self)
    }

    /// The same text with its decoded bytes moved by `shift`.
    func moved(by shift: Int) -> TextSpan {
        isDecoded ? TextSpan(range: range, decoded: (value.lowerBound + shift)..<(value.upperBound + shift)) : self
    }
}

/// The columns the items of one reader keep their values in: fields, texts and decoded text
/// bytes, each item a run of them. A reader fills a storage before it makes the items that point
/// into it, and starts a new one, twice the size up to a limit, when an item does not fit; once
/// an item exists its run never changes, which is what makes sharing a storage across threads
/// safe. Only plain values live here (no references), so storages and items form no cycles.
final class ItemStorage: @unchecked Sendable {
    let source: SourceFile
    /// Where the items are, shared by the storages of one reader.
    let places: PlaceTable
    let fields: UnsafeMutableBufferPointer<StoredField>
    let texts: UnsafeMutableBufferPointer<TextSpan>
    let bytes: UnsafeMutableBufferPointer<UInt8>

    init(source: SourceFile, places: PlaceTable, fields: Int, texts: Int, bytes: Int) {
        self.source = source
        self.places = places
        self.fields = .allocate(capacity: fields)
        self.texts = .allocate(capacity: texts)
        self.bytes = .allocate(capacity: bytes)
    }

    deinit {
        fields.deallocate()
        texts.deallocate()
        bytes.deallocate()
    }

    func string(at index: Int32) -> String { string(at: Int(index)) }

    func string(at index: Int) -> String {
        source.bytes.withUnsafeBufferPointer { texts[index].string(file: $0, decoded: UnsafeBufferPointer(bytes)) }
    }
}

/// Where an item sits: a list or field of its reader's `PlaceTable`, and the item's position in
/// that list (-1: the field holds the item itself, or it is the file's root).
struct ItemPlace: Sendable {
    let base: Int32
    let index: Int32
}

/// The lists and fields one reader read items from, spelled once each (`log`, `log[3].actions`,
/// `scope`) with their stable spelling (`milestones#m1.deliverables`); an item keeps a number
/// in here and its position, and its path is spelled from them when asked. Only its reader adds
/// to a table, before the items that use the new entry exist; others read it once the reader
/// is done, which is what makes sharing it across threads safe.
final class PlaceTable: @unchecked Sendable {
    private var bases: [(path: String, stable: String)] = []

    /// Adds a list or field, returning its number.
    func add(path: String, stable: String) -> Int32 {
        bases.append((path, stable))
        return Int32(bases.count - 1)
    }

    func path(of place: ItemPlace) -> String { spelled(bases[Int(place.base)].path, place.index) }
    func stablePath(of place: ItemPlace) -> String { spelled(bases[Int(place.base)].stable, place.index) }

    private func spelled(_ base: String, _ index: Int32) -> String { index < 0 ? base : "\(base)[\(index)]" }
}
