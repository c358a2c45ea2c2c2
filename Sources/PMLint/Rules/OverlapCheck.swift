/// An item dated while another was open: a status report saying green while a milestone was
/// past due and not done. Other items are open after `open_after` and until `closed_by`.
struct OverlapCheck: CheckKind {
    static let name = "overlap"
    static let fields = [
        Field("on", .text, "the item's date (default `date`)."),
        Field("others", .mapping(RuleSchema.selection), "the items that must not be open on that date."),
        Field("open_after", .text, "the other item's date after which it is open."),
        Field("closed_by", .text, "the other item's date that closes it."),
    ]
    static let bindings: Set<String> = ["other", "other_name", "other_due"]
    let on: DateExpression
    let others: Selector
    let othersFilter: Predicate
    let openAfter: String
    let closedBy: String

    init(_ spec: CheckSpec) throws(LocatedError) {
        guard let (others, othersFilter) = try spec.selection("others"), let otherShape = others.shape else {
            throw spec.error("an `overlap` check needs `others: {items: ...}`")
        }
        var fields: [String] = []
        for key in ["open_after", "closed_by"] {
            guard let text = spec.item.text(key) else { throw spec.error("an `overlap` check needs `\(key)`") }
            guard case .success(.date?) = otherShape.walk([text]) else {
                throw spec.error(spec.place(key), "`\(text)` is not a date field of a \(otherShape.name)")
            }
            fields.append(text)
        }
        on = try spec.dateExpression("on", default: "date")
        self.others = others
        self.othersFilter = othersFilter
        openAfter = fields[0]
        closedBy = fields[1]
    }

    func run(_ run: CheckRun) -> [Hit] {
        // Others sorted by when they open, with the running latest close: an item dated d
        // overlaps one of them exactly when, among those opened before d, the latest close is after d.
        let intervals = run.matching(others, othersFilter)
            .compactMap { subject, _ -> (opens: Day, closes: Day?, item: Item)? in
                guard let opens = subject.item.date(openAfter) else { return nil }
                return (opens, subject.item.date(closedBy), subject.item)
            }
            .sorted { $0.opens < $1.opens }
        var latest: [(closes: Day?, item: Item)] = []
        for interval in intervals {
            if let previous = latest.last, previous.closes == nil || (interval.closes != nil && previous.closes! >= interval.closes!) {
                latest.append(previous)
            } else {
                latest.append((interval.closes, interval.item))
            }
        }
        var hits: [Hit] = []
        for (subject, bindings) in run.selected() {
            guard let day = run.evaluation.date(on, for: subject) else { continue }
            var low = 0
            var high = intervals.count
            while low < high {
                let middle = (low + high) / 2
                if intervals[middle].opens < day { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { continue }
            let open = latest[low - 1]
            guard open.closes.map({ $0 > day }) ?? true else { continue }
            var values = bindings
            values["other"] = .text(open.item.id ?? open.item.path)
            values["other_name"] = .text(open.item.text("name") ?? open.item.text("title") ?? open.item.id ?? "")
            if let opens = open.item.date(openAfter) { values["other_due"] = .day(opens) }
            hits.append(run.hit(subject, bindings: values, key: "|\(open.item.id ?? open.item.path)"))
        }
        return hits
    }
}
