import Testing
@testable import PMLint

/// Working days as RULES.md counts them: Monday to Friday, less the plan's holidays, plus its
/// make-up working days.
@Suite("Working calendar")
struct WorkingCalendarTests {
    private func add(_ count: Int, to text: String, _ calendar: WorkingCalendar = .weekdays) -> String {
        calendar.adding(count, to: day(text)).description
    }

    @Test func aWeekendStartCountsFromTheFridayBefore() {
        // 2026-11-21 is a Saturday: five working days on is Friday 11-27, as from Friday 11-20.
        #expect(add(5, to: "2026-11-21") == "2026-11-27")
        #expect(add(5, to: "2026-11-22") == "2026-11-27")
        #expect(add(5, to: "2026-11-20") == "2026-11-27")
        #expect(add(1, to: "2026-11-21") == "2026-11-23")
        #expect(add(12, to: "2026-11-18") == "2026-12-04")
        #expect(add(-1, to: "2026-11-23") == "2026-11-20")
        #expect(add(-5, to: "2026-11-22") == "2026-11-16")
    }

    @Test func holidaysAreSkippedAndMakeUpDaysCount() {
        // 国庆 2025: 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked.
        let calendar = WorkingCalendar(holidays: Set((0...7).map { day("2025-10-01").adding(days: $0) }),
                                       workdays: [day("2025-09-28"), day("2025-10-11")])
        #expect(add(1, to: "2025-09-30", calendar) == "2025-10-09")
        #expect(add(3, to: "2025-09-30", calendar) == "2025-10-11")
        #expect(add(1, to: "2025-09-27", calendar) == "2025-09-28")
        #expect(add(-1, to: "2025-10-09", calendar) == "2025-09-30")
    }

    @Test func aStretchIsLengthenedByItsHolidays() {
        let calendar = WorkingCalendar(holidays: Set((0...7).map { day("2025-10-01").adding(days: $0) }))
        #expect(calendar.holidays(after: day("2025-09-30"), through: day("2025-10-11")) == 8)
        #expect(calendar.holidays(after: day("2025-10-08"), through: day("2025-10-11")) == 0)
        // Eight days from 09-30, with eight holidays among them, end eight days later.
        #expect(calendar.extending(day("2025-09-30"), by: 8).description == "2025-10-16")
        #expect(WorkingCalendar.weekdays.extending(day("2025-09-30"), by: 8).description == "2025-10-08")
    }
}
