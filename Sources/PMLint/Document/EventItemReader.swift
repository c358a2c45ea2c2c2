import CYAML

/// Reads the items of a piece of a long list (a log read by `PieceReading`) straight from
/// libyaml's events, without building a tree, when the piece holds nothing a finding would be
/// about: every item a mapping of its shape's keys, each once, each value of its field's type
/// (nested items alike), nothing required missing, no anchors, aliases or `x-` keys. Such items
/// give no finding, so this reader reports none: at anything else it gives up, and the piece is
/// read through a tree by `DocumentReader`, which says what is wrong. The items it makes are
/// those `DocumentReader` makes of the same piece (a test holds the two to that); a tree's
/// building and walking cost about as much as reading the items from it.
struct EventItemReader: ~Copyable {
    /// What reading a stretch gives: the items read before anything that was not plain.
    struct Stretch {
        let items: [Item]
        /// Nodes of those items and of the sequence holding them, to hold the file to its limit.
        let nodes: Int
        /// Where the last of the items ends.
        let end: UInt32
        let stop: Stop
    }

    /// Where reading a stretch stopped.
    enum Stop {
        /// At its end: every item, then the end of the sequence and of the document, as a
        /// tree's reading requires.
        case complete
        /// At an item, parsed so far without a problem, that is not plain.
        case item
        /// Anywhere else: at a problem libyaml found, or where the stretch is not a sequence
        /// of items at the list's column.
        case other
    }

    private var events: YAMLEvents
    private let source: SourceFile
    private let store: ItemStore
    private var places: PlaceTable { store.places }
    private let maxDepth: Int
    /// Values, texts, the texts' bytes and lists of the items being read, innermost item
    /// last, as `DocumentReader` keeps them until an item is stored.
    private var fields: [StoredField] = []
    private var texts: [TextSpan] = []
    private var textBytes: [UInt8] = []
    private var nested: [ListRun] = []
    /// The places given to the fields of the items being read that hold items: they take their
    /// item's stable path by id, which is known only once the whole item is read.
    private var fieldPlaces: [Int32] = []
    /// Collections open, the piece's own sequence included.
    private var open = 0
    private var nodes = 0
    /// Whether libyaml found a problem.
    private var isBroken = false

    private init(events: consuming YAMLEvents, source: SourceFile, maxDepth: Int) {
        self.events = events
        self.source = source
        self.store = ItemStore(source: source)
        self.maxDepth = maxDepth
    }

    /// The items of `range` of `split`'s file, which starts at an item line of the list `key`
    /// of the file's root (a piece after the first, or the rest of one): a block sequence at
    /// `column` of items of `shape`, the first at `firstPosition` of the list. Reading stops at
    /// the first item that is not plain, keeping those before it.
    static func read(_ range: Range<Int>, of split: SplitParse, shape: Shape, list key: String, firstPosition: Int,
                     expecting count: Int, column: Int, source: SourceFile) -> Stretch {
        split.withBody(range) { body, base in
            var reader = EventItemReader(events: YAMLEvents(body: body, base: base), source: source, maxDepth: split.limits.maxDepth)
            return reader.readStretch(shape: shape, list: key, firstPosition: firstPosition, expecting: count, column: column,
                                      endsFile: range.upperBound == split.tree.input.count)
        }
    }

    private mutating func readStretch(shape: Shape, list key: String, firstPosition: Int, expecting count: Int, column: Int,
                                      endsFile: Bool) -> Stretch {
        var items: [Item] = []
        var end = 0
        var read = 0
        func stretch(_ stop: Stop) -> Stretch {
            Stretch(items: items, nodes: read, end: UInt32(clamping: end), stop: isBroken ? .other : stop)
        }
        guard events.isReady, next(is: YAML_STREAM_START_EVENT), next(is: YAML_DOCUMENT_START_EVENT),
              next(is: YAML_SEQUENCE_START_EVENT), let (start, isFlow) = enter(), !isFlow,
              source.lines.mark(at: start).column == column else { return stretch(.other) }
        read = nodes
        let list = places.add(path: key, stable: key)
        items.reserveCapacity(count)
        while true {
            guard advance() else { return stretch(.other) }
            if events.type == YAML_SEQUENCE_END_EVENT { break }
            guard events.type == YAML_MAPPING_START_EVENT,
                  let (item, itemEnd) = readItem(shape, at: ItemPlace(base: list, index: Int32(firstPosition + items.count))) else {
                return stretch(.item)
            }
            items.append(item)
            end = itemEnd
            read = nodes
        }
        // One document, ended with `...` only at the end of the file, as a tree's reading requires.
        let ended = next(is: YAML_DOCUMENT_END_EVENT) && (endsFile || events.event.data.document_end.implicit != 0)
            && next(is: YAML_STREAM_END_EVENT)
        return stretch(ended ? .complete : .other)
    }

    /// Reads the mapping whose start is the current event as an item of `shape`, and where it ends.
    private mutating func readItem(_ shape: Shape, at place: ItemPlace) -> (Item, Int)? {
        guard let (start, isFlow) = enter() else { return nil }
        defer { open -= 1 }
        var end = start
        let base = fields.count
        let textBase = texts.count
        let textByteBase = textBytes.count
        let nestedBase = nested.count
        let placesBase = fieldPlaces.count
        defer {
            fields.removeSubrange(base...)
            texts.removeSubrange(textBase...)
            textBytes.removeSubrange(textByteBase...)
            nested.removeSubrange(nestedBase...)
            fieldPlaces.removeSubrange(placesBase...)
        }
        var seen: UInt64 = 0
        var given: UInt64 = 0
        var id: Int?
        while true {
            guard advance() else { return nil }
            if events.type == YAML_MAPPING_END_EVENT {
                if isFlow { end = events.end() }
                break
            }
            guard events.type == YAML_SCALAR_EVENT, events.anchor == nil else { return nil }
            nodes += 1
            let key = events.event.data.scalar
            guard let position = shape.position(ofKey: UnsafeBufferPointer(start: key.value, count: key.length)),
                  seen & 1 << UInt64(position) == 0, advance() else { return nil }
            seen |= 1 << UInt64(position)
            // The reader lent to the closure, not captured by it (see `DocumentReader.readItem`).
            guard let (value, range) = shape.withField(at: position, lending: &self, { field, reader in
                reader.readValue(field, of: place)
            }) else { return nil }
            end = Int(range.end)
            // An empty field that is not required counts as absent.
            guard let value else { continue }
            fields.append(StoredField(value: value, position: UInt8(position), range: range))
            given |= 1 << UInt64(position)
            if position == shape.idPosition, case .text(let index) = value { id = Int(index) }
        }
        for position in shape.requirable where given & 1 << UInt64(position) == 0 {
            if isRequired(position, of: shape, given: given, from: base) { return nil }
        }
        if let id, fieldPlaces.count > placesBase, let stable = Item.stablePath(byID: string(of: texts[id]), path: places.path(of: place)) {
            for field in fieldPlaces[placesBase...] { places.give(field, stableByID: stable) }
        }
        // In the order of the shape, as an item keeps them.
        if zip(fields[base...], fields[base...].dropFirst()).contains(where: { $0.position > $1.position }) {
            fields[base...].sort { $0.position < $1.position }
        }
        let item = store.add(shape: shape, range: SourceRange(start: UInt32(clamping: start), end: UInt32(clamping: end)), place: place,
                             given: given, fields: &fields, from: base, texts: &texts, from: textBase, bytes: &textBytes, from: textByteBase,
                             lists: &nested, from: nestedBase)
        return (item, end)
    }

    /// Whether the field at `position`, not given, is required: always, or by the value of
    /// another field (`id` when `type` is `conflict`).
    private func isRequired(_ position: Int, of shape: Shape, given: UInt64, from base: Int) -> Bool {
        let (required, condition) = shape.withField(at: position) { ($0.required, $0.requiredWhen) }
        if required { return true }
        guard let (otherKey, otherValue) = condition, let other = shape.position(of: otherKey), given & 1 << UInt64(other) != 0,
              case .choice(let index)? = fields[base...].first(where: { Int($0.position) == other })?.value else { return false }
        return shape.withField(at: other) { field in
            if case .choice(let words) = field.type { words[Int(index)] == otherValue } else { false }
        }
    }

    /// Reads the value whose first event is the current one as `field` of the item at `item`:
    /// the value (nil for an empty field that counts as absent) and where it is written; nil
    /// when it is not plain.
    private mutating func readValue(_ field: Field, of item: ItemPlace) -> (StoredValue?, SourceRange)? {
        if case .any = field.type { return nil }
        switch events.type {
        case YAML_SCALAR_EVENT:
            guard events.anchor == nil else { return nil }
            nodes += 1
            let scalar = events.scalar(locatingValue: false)
            let range = SourceRange(start: UInt32(clamping: scalar.start), end: UInt32(clamping: scalar.end))
            if scalar.isNull {
                // An empty list field says "none"; any other empty field counts as absent.
                switch field.type {
                case .texts: return (.texts(Int32(texts.count), 0), range)
                case .list: return (.items(nest([])), range)
                default: return field.required ? nil : (nil, range)
                }
            }
            return value(of: scalar, as: field).map { ($0, range) }
        case YAML_SEQUENCE_START_EVENT:
            guard let (start, isFlow) = enter() else { return nil }
            defer { open -= 1 }
            var end = start
            let value: StoredValue
            switch field.type {
            case .list(let shape):
                let list = place(of: field, in: item)
                var items: [Item] = []
                while true {
                    guard advance() else { return nil }
                    if events.type == YAML_SEQUENCE_END_EVENT { break }
                    // A list this long is read on all cores by a tree's reader, in stores of their own.
                    guard events.type == YAML_MAPPING_START_EVENT, items.count + 1 < DocumentReader.concurrentListLength,
                          let (child, childEnd) = readItem(shape, at: ItemPlace(base: list, index: Int32(items.count))) else { return nil }
                    items.append(child)
                    end = childEnd
                }
                value = .items(nest(items))
            case .texts, .people, .items:
                let kind: TextRun.Kind
                if case .texts = field.type { kind = .texts } else { kind = .refs }
                let first = texts.count
                while true {
                    guard advance() else { return nil }
                    if events.type == YAML_SEQUENCE_END_EVENT { break }
                    guard events.type == YAML_SCALAR_EVENT, events.anchor == nil else { return nil }
                    nodes += 1
                    let scalar = events.scalar(locatingValue: false)
                    guard !scalar.isNull, kind == .texts || DocumentReader.isValidIdentifier(scalar.value) else { return nil }
                    texts.append(text(scalar))
                    end = scalar.end
                }
                value = TextRun.value(kind, from: first, of: &texts)
            default:
                return nil
            }
            if isFlow { end = events.end() }
            return (value, SourceRange(start: UInt32(clamping: start), end: UInt32(clamping: end)))
        case YAML_MAPPING_START_EVENT:
            guard case .mapping(let shape) = field.type else { return nil }
            let start = events.start()
            guard let (child, end) = readItem(shape, at: ItemPlace(base: place(of: field, in: item), index: -1)) else { return nil }
            return (.item(nest([child])), SourceRange(start: UInt32(clamping: start), end: UInt32(clamping: end)))
        default:
            return nil
        }
    }

    /// A scalar that is not null, read as `field`; nil when it is not of the field's type.
    private mutating func value(of scalar: ScalarEvent, as field: Field) -> StoredValue? {
        switch field.type {
        case .texts:
            texts.append(text(scalar))
            return .texts(Int32(texts.count - 1), 1)
        case .text:
            texts.append(text(scalar))
            return .text(Int32(texts.count - 1))
        case .identifier, .person, .people, .items:
            guard DocumentReader.isValidIdentifier(scalar.value) else { return nil }
            texts.append(text(scalar))
            if case .identifier = field.type { return .text(Int32(texts.count - 1)) }
            return .refs(Int32(texts.count - 1), 1)
        case .mapping, .list, .any:
            return nil
        default:
            break
        }
        let written = String(decoding: scalar.value, as: UTF8.self)
        switch field.type {
        case .date:
            return Day(parsing: written).map { .date(Int32($0.ordinal)) }
        case .duration:
            guard Duration(parsing: written) != nil else { return nil }
            texts.append(text(scalar))
            return .duration(Int32(texts.count - 1))
        case .number:
            guard scalar.style == .plain, let number = Double(written), number.isFinite else { return nil }
            texts.append(text(scalar))
            return .number(Int32(texts.count - 1))
        case .integer(let range):
            guard scalar.style == .plain, let number = Int(written), range.contains(number), let small = Int32(exactly: number) else { return nil }
            return .integer(small)
        case .choice(let words):
            return words.firstIndex(of: written).map { .choice(UInt8($0)) }
        default:
            return nil
        }
    }

    /// A scalar's text, its value copied onto the reader's stack of bytes.
    private mutating func text(_ scalar: ScalarEvent) -> TextSpan {
        let start = textBytes.count
        textBytes.append(contentsOf: scalar.value)
        return TextSpan(range: SourceRange(start: UInt32(clamping: scalar.start), end: UInt32(clamping: scalar.end)), value: start..<textBytes.count)
    }

    /// A text of the item being read, before it is stored.
    private func string(of text: TextSpan) -> String {
        textBytes.withUnsafeBufferPointer { text.string(in: $0) }
    }

    /// The place of `field` of the item at `item`, for the items it holds.
    private mutating func place(of field: Field, in item: ItemPlace) -> Int32 {
        let base = places.add(field: field.key, of: item, stableByID: nil)
        fieldPlaces.append(base)
        return base
    }

    /// Adds a list of the item being read.
    private mutating func nest(_ items: [Item]) -> Int32 {
        nested.append(store.addList(items))
        return Int32(nested.count - 1)
    }

    /// Parses the next event; false at a problem.
    private mutating func advance() -> Bool {
        if events.next() { return true }
        isBroken = true
        return false
    }

    /// Parses the next event; false at a problem or when it is not of `type`.
    private mutating func next(is type: yaml_event_type_t) -> Bool {
        advance() && events.type == type
    }

    /// Enters the collection whose start is the current event: where it starts, and whether it
    /// is written in flow style; nil when it has an anchor, or is as deep as a tree's reading
    /// allows. The caller leaves it (`open -= 1`).
    private mutating func enter() -> (start: Int, isFlow: Bool)? {
        open += 1
        nodes += 1
        guard events.anchor == nil, open < maxDepth else { return nil }
        return (events.start(), events.isFlow)
    }
}
