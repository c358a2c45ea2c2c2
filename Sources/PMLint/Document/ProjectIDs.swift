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

/// The project's ids, numbered: first the ids its items are given (stakeholders, milestones,
/// risks, changes, log entries; an id given twice keeps its first item), then ids that log
/// entries name but no item has. The reference check hashes each reference's id once, to its
/// number, and the index works on numbers from then on.
public struct ProjectIDs: Sendable {
    private var numbers = IDTable()
    /// The item given each of the first `given` numbers.
    private var items: [Item] = []
    /// Whether the item of each number is a stakeholder.
    private var stakeholders: [Bool] = []
    /// Ids named by log entries and given to no item, numbered from `given` on.
    private var unknown: [String] = []

    /// How many ids items are given; numbers from this one on are ids only named.
    var given: Int32 { Int32(items.count) }
    /// How many numbers there are.
    var count: Int { items.count + unknown.count }

    /// The item given `id`.
    public subscript(id: String) -> Item? { number(of: id).flatMap(item(numbered:)) }

    func number(of id: String) -> Int32? {
        var id = id
        return id.withUTF8 { numbers.number(of: $0) }
    }

    /// The number of the id written as `bytes` (UTF-8).
    func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? { numbers.number(of: bytes) }

    func item(numbered number: Int32) -> Item? { number < given ? items[Int(number)] : nil }

    func isStakeholder(_ number: Int32) -> Bool { number < given && stakeholders[Int(number)] }

    /// The ids given to items (for suggestions), those of stakeholders only or all of them.
    func givenIDs(stakeholdersOnly: Bool) -> [String] {
        (0..<given).compactMap { number in !stakeholdersOnly || stakeholders[Int(number)] ? numbers.id(numbered: number) : nil }
    }

    /// Numbers an item's id, returning the item that has it already, if one does (and then
    /// numbers nothing). Only before any id is numbered as only named.
    mutating func add(_ item: Item, id: String) -> Item? {
        precondition(unknown.isEmpty, "an item's id numbered after ids only named")
        var id = id
        let (number, isNew) = id.withUTF8 { numbers.insert($0) }
        guard isNew else { return items[Int(number)] }
        items.append(item)
        stakeholders.append(item.shape === Schema.stakeholder)
        return nil
    }

    /// The number of an id no item has, numbering it if it has none yet.
    mutating func numberNamed(_ id: String) -> Int32 {
        var spelled = id
        let (number, isNew) = spelled.withUTF8 { numbers.insert($0) }
        if isNew { unknown.append(id) }
        return number
    }
}

/// The references of each log entry, in the log's order, as id numbers (`ProjectIDs`): the
/// items its `re` names and the people its with/to/from name. Made by the reference check,
/// which reads every reference anyway, for the project's `linked` and `mentions`.
struct EntryReferences: Sendable {
    /// Entry `e`'s references are `numbers[starts[e]..<starts[e + 1]]`.
    private var starts: [Int32] = [0]
    /// A person's number is kept inverted (`~number`, below zero), an item's as it is.
    private var numbers: [Int32] = []
    /// Ids named here that no item has, numbered from `firstNamed` on until the parts are
    /// joined (parts are made on all cores, the project's numbers for them only when joined).
    private var named: [String] = []
    private var namedNumbers: [String: Int32] = [:]
    private let firstNamed: Int32

    /// `ids`: the project's ids given to items, all of them.
    init(numberingAfter ids: ProjectIDs) {
        firstNamed = ids.given
    }

    var entryCount: Int { starts.count - 1 }

    /// Adds a reference of the entry being read: `id`'s number in `ids`, or a number of this
    /// part's own for an id no item has (only then is the id spelled).
    mutating func add(_ spelled: @autoclosure () -> String, number: Int32?, isPerson: Bool) {
        var number = number ?? -1
        if number < 0 {
            let id = spelled()
            if let known = namedNumbers[id] {
                number = known
            } else {
                number = firstNamed + Int32(named.count)
                named.append(id)
                namedNumbers[id] = number
            }
        }
        numbers.append(isPerson ? ~number : number)
    }

    /// Ends the entry being read: the next reference added is the next entry's.
    mutating func endEntry() {
        starts.append(Int32(numbers.count))
    }

    /// Calls `body` with the number of each person (or each item of `re`) an entry names and
    /// the entry's position, in the log's order.
    func forEach(people: Bool, _ body: (_ number: Int32, _ position: Int32) -> Void) {
        for position in 0..<entryCount {
            forEach(ofEntry: position) { number, isPerson in
                if isPerson == people { body(number, Int32(position)) }
            }
        }
    }

    /// Calls `body` with each reference of the entry at `position`, in the order written.
    func forEach(ofEntry position: Int, _ body: (_ number: Int32, _ isPerson: Bool) -> Void) {
        for index in Int(starts[position])..<Int(starts[position + 1]) {
            let number = numbers[index]
            body(number < 0 ? ~number : number, number < 0)
        }
    }

    /// The parts, made in the log's order, joined into one; ids only named get the project's
    /// numbers for them.
    static func joined(_ parts: [EntryReferences], ids: inout ProjectIDs) -> EntryReferences {
        var joined = EntryReferences(numberingAfter: ids)
        joined.starts.reserveCapacity(parts.reduce(1) { $0 + $1.entryCount })
        joined.numbers.reserveCapacity(parts.reduce(0) { $0 + $1.numbers.count })
        for part in parts {
            let shift = Int32(joined.numbers.count)
            joined.starts += part.starts.dropFirst().lazy.map { $0 + shift }
            guard !part.named.isEmpty else {
                joined.numbers += part.numbers
                continue
            }
            let renumbered = part.named.map { ids.numberNamed($0) }
            joined.numbers += part.numbers.lazy.map { stored in
                let number = stored < 0 ? ~stored : stored
                guard number >= part.firstNamed else { return stored }
                let project = renumbered[Int(number - part.firstNamed)]
                return stored < 0 ? ~project : project
            }
        }
        return joined
    }
}

/// Positions of log entries by id number (`ProjectIDs`): for each number, the entries naming
/// it, ascending, each once. One array of positions, not an array an id.
struct PositionLists: Sendable {
    /// The positions for number `n` are `positions[starts[n]..<starts[n + 1]]`.
    private let starts: [Int32]
    private let positions: [Int32]

    /// `count` numbers; `forEachName` calls its argument with every (number, position) pair,
    /// positions ascending, twice (once to count, once to place).
    init(count: Int, _ forEachName: ((_ number: Int32, _ position: Int32) -> Void) -> Void) {
        // An entry naming an id twice is listed once: `last` is the last position listed.
        var last = [Int32](repeating: -1, count: count)
        var starts = [Int32](repeating: 0, count: count + 1)
        forEachName { number, position in
            guard last[Int(number)] != position else { return }
            last[Int(number)] = position
            starts[Int(number) + 1] += 1
        }
        for number in 0..<count { starts[number + 1] += starts[number] }
        var next = starts
        var positions = [Int32](repeating: 0, count: Int(starts[count]))
        last = [Int32](repeating: -1, count: count)
        forEachName { number, position in
            guard last[Int(number)] != position else { return }
            last[Int(number)] = position
            positions[Int(next[Int(number)])] = position
            next[Int(number)] += 1
        }
        self.starts = starts
        self.positions = positions
    }

    private init(starts: [Int32], positions: [Int32]) {
        self.starts = starts
        self.positions = positions
    }

    /// The same lists with each position `p` moved to `moved[p]`, or left out where that is
    /// below zero; each list ascending again.
    func moving(_ moved: [Int32]) -> PositionLists {
        var starts = [Int32](repeating: 0, count: self.starts.count)
        var positions: [Int32] = []
        positions.reserveCapacity(self.positions.count)
        for number in 0..<(starts.count - 1) {
            let first = positions.count
            for position in self[Int32(number)] where moved[Int(position)] >= 0 { positions.append(moved[Int(position)]) }
            positions[first...].sort()
            starts[number + 1] = Int32(positions.count)
        }
        return PositionLists(starts: starts, positions: positions)
    }

    subscript(number: Int32) -> ArraySlice<Int32> {
        positions[Int(starts[Int(number)])..<Int(starts[Int(number) + 1])]
    }
}

/// Ids by their bytes, numbered in the order added: an open-addressing table of numbers, and
/// the ids' bytes one after another. A reference is looked up as the file writes it, with no
/// string made and no SipHash; the hash is keyed by a seed drawn once a run, so a file cannot
/// be written to make its ids collide.
struct IDTable: Sendable {
    /// Each slot 0 (empty) or a number plus one in the low half and its id's hash's high half
    /// above, so a probe compares bytes only when the hashes agree.
    private var slots = [UInt64](repeating: 0, count: 64)
    /// The ids' bytes; number `n`'s end at `ends[n]`, and start where the one before ends.
    private var bytes: [UInt8] = []
    private var ends: [Int32] = []

    var count: Int { ends.count }

    private static let seed = (UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max) | 1)

    /// A 64-bit hash of the bytes, eight at a time (wyhash's folded multiply).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = a.multipliedFullWidth(by: b)
            return product.high ^ product.low
        }
        var hash = seed.0 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return mix(hash, seed.1) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), seed.1)
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count { tail |= UInt64(base[index]) << (8 * UInt64(index - offset)) }
            hash = mix(hash ^ tail, seed.1)
        }
        return mix(hash ^ seed.0, seed.1 ^ 0x9E37_79B9_7F4A_7C15)
    }

    func number(of id: UnsafeBufferPointer<UInt8>) -> Int32? {
        let found = find(id, hash: IDTable.hash(id))
        return found.number
    }

    /// Numbers `id` unless it has a number; returns its number and whether it is new.
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> (number: Int32, isNew: Bool) {
        let hash = IDTable.hash(id)
        let found = find(id, hash: hash)
        if let number = found.number { return (number, false) }
        let number = Int32(ends.count)
        bytes.append(contentsOf: id)
        ends.append(Int32(bytes.count))
        slots[found.slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(number + 1)
        // At most three slots in four taken, so a probe ends soon.
        if ends.count * 4 > slots.count * 3 { grow() }
        return (number, true)
    }

    func id(numbered number: Int32) -> String {
        String(decoding: bytes[range(of: number)], as: UTF8.self)
    }

    private func range(of number: Int32) -> Range<Int> {
        (number == 0 ? 0 : Int(ends[Int(number) - 1]))..<Int(ends[Int(number)])
    }

    /// The slot holding `id`'s number, or the empty slot where it goes.
    private func find(_ id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, number: Int32?) {
        let mask = slots.count - 1
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, nil) }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let number = Int32(truncatingIfNeeded: entry) - 1
                let range = range(of: number)
                if range.count == id.count, id.isEmpty || bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + range.lowerBound, id.baseAddress!, id.count) == 0 }) {
                    return (slot, number)
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            // The slot's hash half is the hash's high half; its position, the low bits.
            let number = Int32(truncatingIfNeeded: entry) - 1
            let hash = bytes.withUnsafeBufferPointer { IDTable.hash(UnsafeBufferPointer(rebasing: $0[range(of: number)])) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
