/// The project's working days (FORMAT.md `calendar`): Monday to Friday, less its holidays,
/// plus its make-up working days on a weekend (调休).
struct WorkingCalendar: Sendable {
    var holidays: Set<Day> = []
    var workdays: Set<Day> = []

    /// Monday to Friday, no holidays.
    static let weekdays = WorkingCalendar()

    func isWorkingDay(_ day: Day) -> Bool {
        workdays.contains(day) || (day.weekday <= 5 && !holidays.contains(day))
    }

    /// `count` working days after `day` (before it, for a negative count). A day off counts as
    /// the working day before it: Saturday + 5wd is the next Friday, as Friday + 5wd is.
    func adding(_ count: Int, to day: Day) -> Day {
        let step = count < 0 ? -1 : 1
        var result = day
        var left = abs(count)
        if holidays.isEmpty, workdays.isEmpty {
            // Whole weeks first, from a working day, so a long span costs no more than a short one.
            while !isWorkingDay(result) { result = result.adding(days: -step) }
            let weeks = left / 5
            result = result.adding(days: weeks * 7 * step)
            left -= weeks * 5
        }
        while left > 0 {
            result = result.adding(days: step)
            if isWorkingDay(result) { left -= 1 }
        }
        return result
    }

    /// The holidays after `start` up to and including `end`: days that do not count towards a
    /// stretch between two contacts.
    func holidays(after start: Day, through end: Day) -> Int {
        guard start < end else { return 0 }
        return holidays.count { $0 > start && $0 <= end }
    }

    /// The day a stretch of `days` days from `start` ends on when its holidays do not count.
    func extending(_ start: Day, by days: Int) -> Day {
        var end = start.adding(days: days)
        var counted = 0
        while true {
            let total = holidays(after: start, through: end)
            guard total > counted else { return end }
            end = end.adding(days: total - counted)
            counted = total
        }
    }
}
