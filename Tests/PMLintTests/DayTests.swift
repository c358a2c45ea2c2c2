import Testing
@testable import PMLint

@Suite("Calendar days and durations")
struct DayTests {
    @Test func leapYears() {
        #expect(Day(parsing: "2026-02-29") == nil)
        #expect(Day(parsing: "2028-02-29") != nil)
        #expect(Day(parsing: "2100-02-29") == nil)
        #expect(Day(parsing: "2000-02-29") != nil)
    }

    @Test(arguments: ["2026-13-45", "09/01/2026", "2026-1-1", "2026-02-30", "0000-00-00", "99999-01-01", "2026-09-01x", "", "2026-09-01T25:00"])
    func invalidDates(_ text: String) {
        #expect(Day(parsing: text) == nil)
    }

    @Test(arguments: ["2026-09-01T14:30", "2026-09-01 14:30", "2026-09-01T14:30:05", "2026-09-01T14:30Z", "2026-09-01 14:30:00+08:00", "2026-09-01T23:59-05:00"])
    func datetimesCountAsTheirDate(_ text: String) {
        #expect(Day(parsing: text) == day("2026-09-01"))
    }

    @Test func roundTripsAndWeekdays() {
        #expect(day("2026-09-01").description == "2026-09-01")
        #expect(day("2026-11-23").weekday == 1)  // a Monday
        #expect(day("2026-11-22").weekday == 7)
        #expect(day("1970-01-01").ordinal == 0)
        #expect(day("2027-01-01").days(since: day("2026-01-01")) == 365)
        #expect(day("2029-01-01").days(since: day("2028-01-01")) == 366)
    }

    @Test func monthsClampToTheMonthsLength() {
        #expect(Duration(1, .months).added(to: day("2026-01-31")) == day("2026-02-28"))
        #expect(Duration(1, .months).added(to: day("2028-01-31")) == day("2028-02-29"))
        #expect(Duration(3, .months).added(to: day("2026-11-30")) == day("2027-02-28"))
        #expect(Duration(1, .months).added(to: day("2026-03-31"), times: -1) == day("2026-02-28"))
    }

    @Test func workingDaysSkipWeekends() {
        // Friday + 1wd = Monday; Thursday + 5wd = next Thursday; Saturday + 1wd = Monday.
        #expect(Duration(1, .workingDays).added(to: day("2026-11-20")) == day("2026-11-23"))
        #expect(Duration(5, .workingDays).added(to: day("2026-11-19")) == day("2026-11-26"))
        #expect(Duration(5, .workingDays).added(to: day("2026-11-20")) == day("2026-11-27"))
        #expect(Duration(1, .workingDays).added(to: day("2026-11-21")) == day("2026-11-23"))
        #expect(Duration(12, .workingDays).added(to: day("2026-11-23")) == day("2026-12-09"))
        #expect(Duration(1, .workingDays).added(to: day("2026-11-23"), times: -1) == day("2026-11-20"))
    }

    @Test func durationsParse() {
        #expect(Duration(parsing: "2d") == Duration(2, .days))
        #expect(Duration(parsing: "3w") == Duration(3, .weeks))
        #expect(Duration(parsing: "1mo") == Duration(1, .months))
        #expect(Duration(parsing: "5wd") == Duration(5, .workingDays))
        #expect(Duration(parsing: "weekly") == Duration(1, .weeks))
        #expect(Duration(parsing: "biweekly") == Duration(2, .weeks))
        #expect(Duration(parsing: "quarterly") == Duration(3, .months))
        #expect(Duration(parsing: "daily") == Duration(1, .days))
        #expect(Duration(parsing: "monthly") == Duration(1, .months))
        #expect(Duration(parsing: "1 week") == nil)
        #expect(Duration(parsing: "w") == nil)
        #expect(Duration(parsing: "2y") == nil)
    }

    @Test func durationsInDaysForRatios() {
        #expect(Duration(2, .weeks).approximateDays == 14)
        #expect(Duration(1, .months).approximateDays == 30)
        #expect(Duration(5, .workingDays).approximateDays == 7)
        #expect(Duration(3, .workingDays).approximateDays == 5)
    }
}
