/// A calendar day (proleptic Gregorian), stored as days since 1970-01-01.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    let ordinal: Int

    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// The day of a valid year/month/day, or nil for an impossible date (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        ordinal = era * 146097 + dayOfEra - 719468
    }

    var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 1 = Monday ... 7 = Sunday (ISO 8601).
    var weekday: Int {
        // 1970-01-01 was a Thursday.
        let remainder = (ordinal + 3) % 7
        return (remainder < 0 ? remainder + 7 : remainder) + 1
    }


    func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Calendar months; the day is clamped to the month's length (Jan 31 + 1 month = Feb 28/29).
    func adding(months: Int) -> Day {
        let (year, month, day) = components
        let monthIndex = year * 12 + (month - 1) + months
        let newYear = monthIndex / 12
        let newMonth = monthIndex % 12 + 1
        let clampedYear = min(max(newYear, 1), 9999)
        return Day(year: clampedYear, month: newMonth,
                   day: min(day, Day.daysIn(month: newMonth, year: clampedYear))) ?? self
    }

    func days(since other: Day) -> Int { ordinal - other.ordinal }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// `2026-09-01`.
    public var description: String {
        let (year, month, day) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Parses a date as the format accepts it: `2026-09-01`, or a datetime
    /// (`2026-09-01T14:30`, `2026-09-01 14:30`, optional seconds, optional `Z` or `+08:00`),
    /// which counts as its date as written.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Day.number(bytes[0..<4]), let month = Day.number(bytes[5..<7]),
              let day = Day.number(bytes[8..<10]) else { return nil }
        guard bytes.count == 10 || Day.isTimeSuffix(bytes[10...]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// `T14:30`, ` 14:30:05`, each optionally followed by `Z` or `±HH:MM`.
    private static func isTimeSuffix(_ rest: ArraySlice<UInt8>) -> Bool {
        var bytes = rest[...]
        guard let separator = bytes.popFirst(), separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") else {
            return false
        }
        func twoDigits(max: Int) -> Bool {
            guard bytes.count >= 2, let value = number(bytes.prefix(2)), value <= max else { return false }
            bytes = bytes.dropFirst(2)
            return true
        }
        guard twoDigits(max: 23), bytes.popFirst() == UInt8(ascii: ":"), twoDigits(max: 59) else { return false }
        if bytes.first == UInt8(ascii: ":") {
            bytes = bytes.dropFirst()
            guard twoDigits(max: 60) else { return false }
        }
        if bytes.isEmpty { return true }
        if bytes.first == UInt8(ascii: "Z") { return bytes.count == 1 }
        guard let sign = bytes.popFirst(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return false }
        guard twoDigits(max: 14), bytes.popFirst() == UInt8(ascii: ":"), twoDigits(max: 59) else { return false }
        return bytes.isEmpty
    }
}
