/// A span of time as the format writes it: `2d`, `3w`, `1mo`, `5wd`, or a word (`weekly`).
public struct Duration: Sendable, Hashable, CustomStringConvertible {
    enum Unit: String, Sendable, CaseIterable {
        case days = "d", weeks = "w", months = "mo", workingDays = "wd"
    }

    let count: Int
    let unit: Unit

    init(_ count: Int, _ unit: Unit) {
        self.count = count
        self.unit = unit
    }

    private static let words: [String: Duration] = [
        "daily": Duration(1, .days), "weekly": Duration(1, .weeks), "biweekly": Duration(2, .weeks),
        "monthly": Duration(1, .months), "quarterly": Duration(3, .months),
    ]

    init?(parsing text: String) {
        if let word = Duration.words[text] {
            self = word
            return
        }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6, let count = Int(digits),
              let unit = Unit(rawValue: String(text.dropFirst(digits.count))) else { return nil }
        self.init(count, unit)
    }

    /// The length in days where a ratio is needed: `Nmo` = 30N, `Nwd` = ⌈7N/5⌉.
    var approximateDays: Int {
        switch unit {
        case .days: return count
        case .weeks: return 7 * count
        case .months: return 30 * count
        case .workingDays: return (7 * count + 4) / 5
        }
    }

    /// `day` plus this span (minus it, with `sign` -1); working days follow the project's calendar.
    func added(to day: Day, times sign: Int = 1, calendar: WorkingCalendar = .weekdays) -> Day {
        switch unit {
        case .days: return day.adding(days: sign * count)
        case .weeks: return day.adding(days: sign * 7 * count)
        case .months: return day.adding(months: sign * count)
        case .workingDays: return calendar.adding(sign * count, to: day)
        }
    }

    public var description: String { "\(count)\(unit.rawValue)" }

    /// For messages: "2 days", "1 week", "5 working days", "1 month".
    func spelled(_ language: Language) -> String {
        switch language {
        case .en:
            let noun: String
            switch unit {
            case .days: noun = "day"
            case .weeks: noun = "week"
            case .months: noun = "month"
            case .workingDays: noun = "working day"
            }
            return "\(count) \(noun)\(count == 1 ? "" : "s")"
        case .zh:
            switch unit {
            case .days: return "\(count) 天"
            case .weeks: return "\(count) 周"
            case .months: return "\(count) 个月"
            case .workingDays: return "\(count) 个工作日"
            }
        }
    }
}
