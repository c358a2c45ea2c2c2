#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
// Time zones by name (`Asia/Shanghai`) come with the internationalization part of Foundation.
#if canImport(FoundationInternationalization)
import FoundationInternationalization
#endif

/// The meetings of an RFC 5545 calendar, as Google Calendar, Outlook and Apple Calendar export
/// it: lines unfolded, `DTSTART` in UTC, in a `TZID` or floating, recurring events expanded
/// (daily, weekly with `BYDAY`, monthly by day or by weekday, `INTERVAL`, `COUNT`, `UNTIL`,
/// `EXDATE`, moved or cancelled occurrences), cancelled events left out. Each meeting's date is
/// the day it happens where pmlint runs.
struct ICalendarReader {
    struct Meeting: Equatable {
        var uid: String
        /// The date of the occurrence this is, in a recurring event (its `RECURRENCE-ID`).
        var occurrence: Day?
        var date: Day
        var summary: String
        var description: String
        var organizer: String?
        /// Attendees' e-mail addresses, lowercased; those who declined are left out.
        var attendees: [String]

        var source: String { "ics:" + uid + (occurrence.map { "/" + $0.description.filter { $0 != "-" } } ?? "") }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A property: name, parameters, value.
    struct Property {
        var name: String
        var parameters: [String: String]
        var value: String
    }

    /// One VEVENT's properties (repeated ones, such as ATTENDEE and EXDATE, kept in order).
    struct Event {
        var properties: [Property] = []
        func first(_ name: String) -> Property? { properties.first { $0.name == name } }
        func all(_ name: String) -> [Property] { properties.filter { $0.name == name } }
    }

    /// A moment as written: a date, a time of day in seconds (nil for a whole day), and
    /// whether it is UTC or in a time zone.
    struct Moment {
        var day: Day
        var seconds: Int?
        var utc: Bool
        var zone: TimeZone?
    }

    let local: TimeZone

    init(local: TimeZone = .current) {
        self.local = local
    }

    /// The meetings from `from` to `to` (both included).
    func meetings(in bytes: [UInt8], from: Day, to: Day) throws(Failure) -> [Meeting] {
        let events = try Self.events(in: bytes)
        // Moved or cancelled occurrences of recurring events, by UID and original date.
        var overrides: [String: [(original: Moment, event: Event)]] = [:]
        var masters: [Event] = []
        for event in events {
            guard let uid = event.first("UID")?.value else { continue }
            if let recurrence = event.first("RECURRENCE-ID"), let moment = Self.moment(recurrence) {
                overrides[uid, default: []].append((moment, event))
            } else {
                masters.append(event)
            }
        }
        var meetings: [Meeting] = []
        var budget = Self.maxOccurrences
        for event in masters {
            guard let uid = event.first("UID")?.value, let startProperty = event.first("DTSTART"),
                  let start = Self.moment(startProperty), !Self.isCancelled(event) else { continue }
            guard let rule = event.first("RRULE") else {
                if let meeting = meeting(event, uid: uid, occurrence: nil, at: start), (from...to).contains(meeting.date) {
                    meetings.append(meeting)
                }
                continue
            }
            // Skipped and moved occurrences, and the end of the series, in the series' own
            // frame (a UTC EXDATE or UNTIL of a series in a zone is converted to it).
            let excluded = Set(event.all("EXDATE").flatMap { property in
                property.value.split(separator: ",").compactMap {
                    Self.moment(Property(name: "EXDATE", parameters: property.parameters, value: String($0))).map { Self.day($0, asIn: start) }
                }
            })
            var moved: [Day: Event] = [:]
            for override in overrides[uid] ?? [] { moved[Self.day(override.original, asIn: start)] = override.event }
            var recurrence = Self.rule(rule.value)
            recurrence.until = recurrence.untilMoment.map { Self.day($0, asIn: start) }
            let days = Self.occurrences(of: recurrence, from: start.day, through: to.adding(days: 1), budget: &budget)
            guard budget > 0 else {
                throw Failure(description: "the calendar's recurring events repeat more than \(Self.maxOccurrences) times before \(to); pmlint stops there")
            }
            for day in days where !excluded.contains(day) {
                if let override = moved[day] {
                    guard !Self.isCancelled(override), let overrideStart = override.first("DTSTART").flatMap(Self.moment),
                          let meeting = meeting(override, uid: uid, occurrence: day, at: overrideStart) else { continue }
                    if (from...to).contains(meeting.date) { meetings.append(meeting) }
                    continue
                }
                var moment = start
                moment.day = day
                if let meeting = meeting(event, uid: uid, occurrence: day, at: moment), (from...to).contains(meeting.date) {
                    meetings.append(meeting)
                }
            }
        }
        return meetings.sorted { ($0.date, $0.source) < ($1.date, $1.source) }
    }

    private func meeting(_ event: Event, uid: String, occurrence: Day?, at moment: Moment) -> Meeting? {
        let attendees = event.all("ATTENDEE").filter { $0.parameters["PARTSTAT"]?.uppercased() != "DECLINED" }.compactMap { Self.address($0.value) }
        return Meeting(uid: uid, occurrence: occurrence, date: localDay(moment), summary: event.first("SUMMARY")?.value ?? "",
                       description: event.first("DESCRIPTION")?.value ?? "", organizer: event.first("ORGANIZER").flatMap { Self.address($0.value) },
                       attendees: attendees)
    }

    /// The day a moment falls on where pmlint runs: a whole day or a floating time as written,
    /// a UTC time or a time in a zone converted.
    func localDay(_ moment: Moment) -> Day {
        guard moment.utc || moment.zone != nil else { return moment.day }
        return Self.wallDay(moment, in: local)
    }

    /// The day of `moment` on the wall clock of the series starting at `start`: a UTC time or a
    /// time in another zone converted to the series' zone; otherwise as written.
    static func day(_ moment: Moment, asIn start: Moment) -> Day {
        guard let target = start.zone ?? (start.utc ? TimeZone(identifier: "UTC") : nil),
              moment.utc || (moment.zone != nil && moment.zone != target) else { return moment.day }
        return wallDay(moment, in: target)
    }

    /// The day a UTC time, or a time in a zone, falls on in `zone`. A whole day stays as written.
    static func wallDay(_ moment: Moment, in zone: TimeZone) -> Day {
        guard let seconds = moment.seconds else { return moment.day }
        var instant = moment.day.ordinal * 86_400 + seconds
        if let written = moment.zone {
            // The zone's offset at that wall-clock time: taken at the instant read as UTC, then corrected.
            let guess = instant - written.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
            instant -= written.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess)))
        }
        let wall = instant + zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
        return Day(ordinal: Int((Double(wall) / 86_400).rounded(.down)))
    }

    static func isCancelled(_ event: Event) -> Bool { event.first("STATUS")?.value.uppercased() == "CANCELLED" }

    /// `mailto:Li.Wei@acme.example` as `li.wei@acme.example`.
    static func address(_ value: String) -> String? {
        let lower = value.lowercased()
        let address = lower.hasPrefix("mailto:") ? String(lower.dropFirst(7)) : lower
        return address.contains("@") ? address.trimmingSpaces() : nil
    }

    // MARK: Reading the text

    static let maxEvents = 100_000
    /// Dates looked at over all recurring events, whatever their rules say.
    static let maxOccurrences = 2_000_000

    /// Unfolds the lines and groups the VEVENTs' properties.
    static func events(in bytes: [UInt8]) throws(Failure) -> [Event] {
        // Lines are unfolded on the bytes: a fold may split a character, or start with a
        // combining mark that would join the space as one character.
        var lineBytes: [[UInt8]] = []
        var pending: [UInt8] = []
        var index = 0
        while index <= bytes.count {
            let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "\n")
            if byte == UInt8(ascii: "\n") {
                if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                let next = index + 1 < bytes.count ? bytes[index + 1] : nil
                if next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") {
                    index += 2
                    continue
                }
                lineBytes.append(pending)
                pending = []
            } else {
                pending.append(byte)
            }
            index += 1
        }
        var lines: [String] = []
        for raw in lineBytes {
            guard let line = String(validating: raw, as: UTF8.self) else {
                throw Failure(description: "the calendar is not UTF-8 text")
            }
            lines.append(line)
        }
        guard lines.contains(where: { $0.uppercased() == "BEGIN:VCALENDAR" }) else {
            throw Failure(description: "this is not an iCalendar file (no BEGIN:VCALENDAR)")
        }
        var events: [Event] = []
        var current: Event?
        var depth = 0
        for line in lines where !line.isEmpty {
            let property = try parse(line)
            switch (property.name, property.value.uppercased()) {
            case ("BEGIN", "VEVENT"):
                current = Event()
                depth = 0
            case ("BEGIN", _) where current != nil: depth += 1
            case ("END", "VEVENT"):
                if let event = current { events.append(event) }
                current = nil
                guard events.count <= maxEvents else { throw Failure(description: "the calendar has more than \(maxEvents) events") }
            case ("END", _) where current != nil: depth -= 1
            default:
                // Properties of an alarm inside the event are the alarm's, not the meeting's.
                if depth == 0 { current?.properties.append(property) }
            }
        }
        return events
    }

    /// `NAME;PARAM=value;PARAM="quoted:value":VALUE`, with TEXT escapes in the value undone.
    static func parse(_ line: String) throws(Failure) -> Property {
        var name = "", parameters: [String: String] = [:]
        var index = line.startIndex
        func readWord() -> String {
            let start = index
            while index < line.endIndex, line[index] != ";", line[index] != ":", line[index] != "=" { index = line.index(after: index) }
            return String(line[start..<index])
        }
        name = readWord().uppercased()
        while index < line.endIndex, line[index] == ";" {
            index = line.index(after: index)
            let key = readWord().uppercased()
            guard index < line.endIndex, line[index] == "=" else { throw Failure(description: "a malformed line: \(excerpt(line))") }
            index = line.index(after: index)
            var value = ""
            if index < line.endIndex, line[index] == "\"" {
                index = line.index(after: index)
                while index < line.endIndex, line[index] != "\"" { value.append(line[index]); index = line.index(after: index) }
                guard index < line.endIndex else { throw Failure(description: "an unclosed quote: \(excerpt(line))") }
                index = line.index(after: index)
            }
            while index < line.endIndex, line[index] != ";", line[index] != ":" { value.append(line[index]); index = line.index(after: index) }
            parameters[key] = value
        }
        guard index < line.endIndex, line[index] == ":", !name.isEmpty else { throw Failure(description: "a malformed line: \(excerpt(line))") }
        let raw = String(line[line.index(after: index)...])
        let isText = ["SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"].contains(name)
        return Property(name: name, parameters: parameters, value: isText ? unescaped(raw) : raw)
    }

    static func unescaped(_ text: String) -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                out.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// `20261120`, `20261120T093000Z`, `20261120T093000` with or without `TZID`.
    static func moment(_ property: Property) -> Moment? {
        let value = Array(property.value.utf8)
        guard value.count >= 8, let day = Day(year: Day.number(value[0..<4]) ?? 0, month: Day.number(value[4..<6]) ?? 0,
                                               day: Day.number(value[6..<8]) ?? 0) else { return nil }
        guard value.count >= 15, value[8] == UInt8(ascii: "T"), let hours = Day.number(value[9..<11]),
              let minutes = Day.number(value[11..<13]), let seconds = Day.number(value[13..<15]) else {
            return Moment(day: day, seconds: nil, utc: false, zone: nil)
        }
        let utc = value.count > 15 && value[15] == UInt8(ascii: "Z")
        let zone = utc ? nil : property.parameters["TZID"].flatMap(timeZone)
        return Moment(day: day, seconds: hours * 3600 + minutes * 60 + seconds, utc: utc, zone: zone)
    }

    /// An IANA zone (`Asia/Shanghai`), or one of the Windows names Outlook writes.
    static func timeZone(_ name: String) -> TimeZone? {
        let trimmed = name.hasPrefix("/") ? String(name.dropFirst()) : name
        return TimeZone(identifier: trimmed) ?? windowsZones[trimmed].flatMap { TimeZone(identifier: $0) }
    }

    static let windowsZones = [
        "China Standard Time": "Asia/Shanghai", "Tokyo Standard Time": "Asia/Tokyo", "Singapore Standard Time": "Asia/Singapore",
        "India Standard Time": "Asia/Kolkata", "GMT Standard Time": "Europe/London", "W. Europe Standard Time": "Europe/Berlin",
        "Romance Standard Time": "Europe/Paris", "Central Europe Standard Time": "Europe/Budapest",
        "Eastern Standard Time": "America/New_York", "Central Standard Time": "America/Chicago",
        "Mountain Standard Time": "America/Denver", "Pacific Standard Time": "America/Los_Angeles",
        "AUS Eastern Standard Time": "Australia/Sydney", "UTC": "UTC",
    ]

    // MARK: Recurrence

    struct Rule {
        var frequency = "WEEKLY"
        var interval = 1
        var count: Int?
        var until: Day?
        var untilMoment: Moment?
        /// Weekdays 1 (Monday) to 7, each with an ordinal in the month (0: every one).
        var byDay: [(ordinal: Int, weekday: Int)] = []
        var byMonthDay: [Int] = []
        /// The nth of each period's dates (1 the first, -1 the last): Outlook's "first Monday".
        var bySetPos: [Int] = []
    }

    static func rule(_ text: String) -> Rule {
        var rule = Rule()
        let weekdays = ["MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7]
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            switch pair[0].uppercased() {
            case "FREQ": rule.frequency = pair[1].uppercased()
            case "INTERVAL": rule.interval = max(1, min(Int(pair[1]) ?? 1, 1000))
            case "COUNT": rule.count = Int(pair[1]).map { max(0, min($0, 1_000_000)) }
            case "UNTIL":
                rule.untilMoment = moment(Property(name: "UNTIL", parameters: [:], value: pair[1]))
            case "BYDAY":
                rule.byDay = pair[1].split(separator: ",").compactMap { code in
                    let letters = String(code.suffix(2)).uppercased()
                    guard let weekday = weekdays[letters] else { return nil }
                    return (max(-53, min(53, Int(code.dropLast(2)) ?? 0)), weekday)
                }
            case "BYSETPOS": rule.bySetPos = pair[1].split(separator: ",").compactMap { Int($0) }.filter { (-366...366).contains($0) && $0 != 0 }
            case "BYMONTHDAY": rule.byMonthDay = pair[1].split(separator: ",").compactMap { Int($0) }.filter { (-31...31).contains($0) && $0 != 0 }
            default: break
            }
        }
        return rule
    }

    /// A period's dates at the `BYSETPOS` positions, in order; all of them without one.
    static func positions(_ dates: [Day], _ positions: [Int]) -> [Day] {
        guard !positions.isEmpty else { return dates }
        return Set(positions.compactMap { position in
            let index = position > 0 ? position - 1 : dates.count + position
            return dates.indices.contains(index) ? dates[index] : nil
        }).sorted()
    }

    /// The dates of a recurring event from its first, up to `limit` (exclusive), `COUNT` and
    /// `UNTIL` honoured. DAILY, WEEKLY and MONTHLY; any other frequency gives the first date only.
    static func occurrences(of rule: Rule, from start: Day, through limit: Day, budget: inout Int) -> [Day] {
        var days: [Day] = []
        var produced = 0
        func take(_ day: Day) -> Bool {
            budget -= 1
            if budget <= 0 { return false }
            if let until = rule.until, day > until { return false }
            if let count = rule.count, produced >= count { return false }
            produced += 1
            if day < limit { days.append(day) }
            return day < limit
        }
        var period = 0
        while budget > 0 {
            budget -= 1
            var candidates: [Day]
            switch rule.frequency {
            case "DAILY":
                candidates = [start.adding(days: period * rule.interval)]
            case "WEEKLY":
                let monday = start.adding(days: 1 - start.weekday + period * 7 * rule.interval)
                let weekdays = rule.byDay.isEmpty ? [start.weekday] : rule.byDay.map(\.weekday).sorted()
                candidates = Self.positions(weekdays.map { monday.adding(days: $0 - 1) }, rule.bySetPos).filter { $0 >= start }
            case "MONTHLY":
                let first = start.adding(days: 1 - start.components.day).adding(months: period * rule.interval)
                // A month that starts after the end: no later one can match.
                if first >= limit { return days }
                let (year, month, _) = first.components
                let length = Day.daysIn(month: month, year: year)
                if !rule.byDay.isEmpty {
                    let monthDays = (1...length).compactMap { Day(year: year, month: month, day: $0) }
                    // Every such weekday of the month, or only the nth (from the end when negative).
                    candidates = rule.byDay.flatMap { ordinal, weekday -> [Day] in
                        let matching = monthDays.filter { $0.weekday == weekday }
                        guard ordinal != 0 else { return matching }
                        let index = ordinal > 0 ? ordinal - 1 : matching.count + ordinal
                        return matching.indices.contains(index) ? [matching[index]] : []
                    }
                } else {
                    let days = rule.byMonthDay.isEmpty ? [start.components.day] : rule.byMonthDay
                    candidates = days.compactMap { $0 > 0 ? Day(year: year, month: month, day: $0) : Day(year: year, month: month, day: length + $0 + 1) }
                }
                candidates = Self.positions(candidates.sorted(), rule.bySetPos).filter { $0 >= start }
            default:
                _ = take(start)
                return days
            }
            for day in candidates where !take(day) { return days }
            period += 1
        }
        return days
    }
}

extension String {
    func trimmingSpaces() -> String { trimming { $0 == " " } }
}
