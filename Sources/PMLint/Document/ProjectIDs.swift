/// The project's ids, numbered: first the ids its items are given (stakeholders, milestones,
/// risks, changes, log entries; an id given twice keeps its first item), then ids that log
/// entries name but no item has. The reference check hashes each reference's id once, to its
/// number, and the index and rules work on numbers from then on.
public struct ProjectIDs: Sendable {
    private var numbers: [String: Int32] = [:]
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

    func number(of id: String) -> Int32? { numbers[id] }

    func item(numbered number: Int32) -> Item? { number < given ? items[Int(number)] : nil }

    func isStakeholder(_ number: Int32) -> Bool { number < given && stakeholders[Int(number)] }

    /// The ids given to items (for suggestions), those of stakeholders only or all of them.
    func givenIDs(stakeholdersOnly: Bool) -> [String] {
        numbers.compactMap { id, number in number < given && (!stakeholdersOnly || stakeholders[Int(number)]) ? id : nil }
    }

    /// Numbers an item's id, returning the item that has it already, if one does (and then
    /// numbers nothing). Only before any id is numbered as only named.
    mutating func add(_ item: Item, id: String) -> Item? {
        precondition(unknown.isEmpty, "an item's id numbered after ids only named")
        if let number = numbers[id] { return items[Int(number)] }
        numbers[id] = given
        items.append(item)
        stakeholders.append(item.shape === Schema.stakeholder)
        return nil
    }

    /// The number of an id no item has, numbering it if it has none yet.
    mutating func numberNamed(_ id: String) -> Int32 {
        if let number = numbers[id] { return number }
        let number = Int32(count)
        numbers[id] = number
        unknown.append(id)
        return number
    }
}

/// The references of each log entry, in the log's order, as id numbers (`ProjectIDs`): the
/// items its `re` names and the people its with/to/from name. Made by the reference check,
/// which reads every reference anyway, for the index.
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
    /// part's own for an id no item has.
    mutating func add(_ id: String, number: Int32?, isPerson: Bool) {
        var number = number ?? -1
        if number < 0 {
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
