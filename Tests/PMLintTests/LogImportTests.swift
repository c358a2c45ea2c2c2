import Foundation
import Testing
@testable import PMLint

/// `pmlint import ics|mail` on a calendar and a mailbox written by real programs (PyPI's
/// icalendar, Python's email and mailbox modules) for the people of examples/acme-crm.
@Suite struct LogImportTests {
    /// A copy of examples/acme-crm and the inputs made for it, removed by the caller.
    func workspace() throws -> URL {
        let folder = try scratchFolder([".keep": ""])
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("examples/acme-crm"),
                                         to: folder.appendingPathComponent("acme"))
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", repositoryRoot.appendingPathComponent("Tests/PMLintTests/Fixtures/capture/make_inputs.py").path, folder.path]
        let err = Pipe()
        python.standardError = err
        try python.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "make_inputs.py: \(message)")
        return folder
    }

    func log(_ folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("acme/log.yaml"), encoding: .utf8)
    }

    /// The lines `after` adds to `before`, which must all be there, in order and unchanged.
    func addedLines(_ before: String, _ after: String) -> String? {
        let old = before.split(separator: "\n", omittingEmptySubsequences: false)
        var next = 0
        var added: [Substring] = []
        for line in after.split(separator: "\n", omittingEmptySubsequences: false) {
            if next < old.count && line == old[next] { next += 1 } else { added.append(line) }
        }
        return next == old.count ? added.joined(separator: "\n") + "\n" : nil
    }

    /// Recurring meetings expanded (one week skipped, one moved, one cancelled), time zones
    /// honoured, cancelled events and meetings without a stakeholder left out, kinds from the
    /// title's words, unmatched addresses listed; importing again adds nothing.
    @Test func aCalendarBecomesMeetings() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try log(folder)
        let environment = ["TZ": "Asia/Shanghai"]
        let dry = try runCLI(["import", "ics", "calendar.ics", "acme", "--as-of", "2026-11-20", "--dry-run"], in: folder, environment: environment)
        #expect(dry.status == 0, "\(dry.err)")
        #expect(try log(folder) == before, "a dry run writes nothing")

        let run = try runCLI(["import", "ics", "calendar.ics", "acme", "--as-of", "2026-11-20"], in: folder, environment: environment)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("imported 11 meetings; 1 not the project's (no one from the client's side, and people from outside the project); 1 outside the project's dates."), "\(run.out)")
        #expect(run.out.contains("2 addresses matched nobody: zhang.min@team.example, cfo@acme.example;"), "\(run.out)")
        let after = try log(folder)
        // Every line of the old log is kept; the meetings go in among the entries by date.
        let added = try #require(addedLines(before, after), "the old log's lines are kept")
        #expect(run.out.contains("no finding of check changes."), "in date order, the log raises nothing: \(run.out)")
        let weekly = added.components(separatedBy: "source: ics:weekly-progress@acme/").dropFirst().map { String($0.prefix(8)) }
        #expect(weekly == ["20260603", "20260610", "20260624", "20260708", "20260715", "20260722", "20260729", "20260805"])
        #expect(added.contains("  - date: 2026-06-25\n    type: meeting\n    source: ics:weekly-progress@acme/20260624\n    kind: progress\n    with: [li-wei]\n    topic: Weekly progress (moved)\n"))
        #expect(added.contains("  - date: 2026-06-16\n    type: meeting\n    source: ics:steering@acme\n    kind: other\n"), "21:00 in New York is the 16th in Shanghai")
        #expect(added.contains("source: ics:scope-review@acme\n    kind: review\n    with: [sarah-chen]\n    topic: Scope review, phase 2\n"))
        #expect(added.contains("kind: retrospective\n    with: [li-wei]\n    topic: Project retrospective\n    agenda: [What went well, What to change]"))
        for absent in ["workshop@acme", "lunch@team", "later@acme", "tom-baker"] { #expect(!added.contains(absent)) }

        let again = try runCLI(["import", "ics", "calendar.ics", "acme", "--as-of", "2026-11-20"], in: folder, environment: environment)
        #expect(again.out.contains("nothing new to import") && again.out.contains("11 already in the log"), "\(again.out)")
        #expect(try log(folder) == after)

        // check reads the meetings: no problem of the files beyond the order of the log.
        let check = try runCLI(["check", "acme", "--as-of", "2026-11-20", "--select", "document", "--format", "json"], in: folder)
        #expect(!check.out.contains("\"severity\" : \"error\"") && !check.out.contains("\"severity\": \"error\""), "\(check.out)")
    }

    @Test func mailsBecomeEmailsAndStatusReports() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try log(folder)
        let mbox = try runCLI(["import", "mail", "mailbox.mbox", "acme", "--as-of", "2026-11-20"], in: folder)
        #expect(mbox.status == 0, "\(mbox.err)")
        #expect(mbox.out.contains("imported 2 e-mails; 1 not the project's (no one from the client's side, and people from outside the project); 1 without a Message-ID."), "\(mbox.out)")
        #expect(mbox.out.contains("1 e-mail was a status report: fill in done, next, issues and help_needed in it."))
        let added = try #require(addedLines(before, try log(folder)))
        #expect(added.contains("  - date: 2026-06-19\n    type: status_report\n    source: mail:"))
        #expect(added.contains("    to: [li-wei]\n    topic: \"Weekly status report, week 3\"") || added.contains("    to: [li-wei]\n    topic: Weekly status report, week 3"))
        #expect(added.contains("    re: [cr1]\n    from: [li-wei]\n    topic: \"[cr1] 关于额外报表的问题\""), "\(added)")

        let eml = try runCLI(["import", "mail", "eml", "acme", "--as-of", "2026-11-20"], in: folder)
        #expect(eml.status == 0, "\(eml.err)")
        #expect(try log(folder).contains("from: [sarah-chen]\n    topic: \"Réunion: cut-over plan\""))
        let again = try runCLI(["import", "mail", "mailbox.mbox", "acme", "--as-of", "2026-11-20"], in: folder)
        #expect(again.out.contains("2 already in the log"))
    }

    /// The words that mark meetings and reports are the team's to set.
    @Test func theTeamsWordsClassifyMeetings() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "import_words:\n  workshop: [steering]\n".write(to: folder.appendingPathComponent("acme/.pmlint.yml"), atomically: true, encoding: .utf8)
        let run = try runCLI(["import", "ics", "calendar.ics", "acme", "--as-of", "2026-11-20", "--dry-run"], in: folder)
        #expect(run.out.contains("source: ics:steering@acme\n    kind: workshop"), "\(run.out)")
    }

    @Test func notACalendarIsAClearError() throws {
        let folder = try scratchFolder(["plan.yaml": minimalPlan, "notes.ics": "hello\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runCLI(["import", "ics", "notes.ics", "."], in: folder)
        #expect(run.status == 2)
        #expect(run.err.contains("not an iCalendar file"))
    }

    @Test func encodedWordsAndAddressLists() {
        #expect(MailReader.decoded("=?utf-8?b?5YWz5LqO?= =?utf-8?q?_x?=") == "关于 x")
        #expect(MailReader.decoded("=?iso-8859-1?q?R=E9union?= plan") == "Réunion plan")
        #expect(MailReader.addresses("\"Wei, Li\" <Li.Wei@acme.example>, sam@x.example") == ["li.wei@acme.example", "sam@x.example"])
        #expect(MailReader.date("Thu, 20 Nov 2026 09:30:00 +0800") == Day(year: 2026, month: 11, day: 20))
    }

    func importCalendar(_ text: String, asOf: String = "2026-11-20") throws -> (run: (status: Int32, out: String, err: String), log: String) {
        let folder = try scratchFolder(["plan.yaml": minimalPlan.replacingOccurrences(of: "    role: owner\n", with: "    role: owner\n    contact: li.wei@acme.example\n"),
                                        "calendar.ics": text])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runCLI(["import", "ics", "calendar.ics", ".", "--as-of", asOf], in: folder, environment: ["TZ": "UTC"])
        let log = (try? String(contentsOf: folder.appendingPathComponent("log.yaml"), encoding: .utf8)) ?? ""
        return (run, log)
    }

    func calendar(_ events: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + events + "END:VCALENDAR\r\n"
    }

    func event(_ uid: String, _ lines: String) -> String {
        "BEGIN:VEVENT\r\nUID:\(uid)\r\nSUMMARY:Call \(uid)\r\nATTENDEE:mailto:li.wei@acme.example\r\n" + lines + "END:VEVENT\r\n"
    }

    /// Hostile or odd rules do not crash, hang, or cost the calendar its other events.
    @Test func hostileRecurrencesAreBounded() throws {
        let result = try importCalendar(calendar(
            event("a", "DTSTART:20260901T100000Z\r\nRRULE:FREQ=MONTHLY;BYDAY=-9223372036854775808MO\r\n")
            + event("b", "DTSTART:20260901T100000Z\r\nRRULE:FREQ=MONTHLY;BYMONTHDAY=32\r\n")
            + event("c", "DTSTART:20260901T100000Z\r\nRRULE:FREQ=DAILY;INTERVAL=99999999999999999999;COUNT=99999999999999\r\n")
            + event("d", "DTSTART:20260903T100000Z\r\n")))
        #expect(result.run.status == 0, "\(result.run.err)")
        #expect(result.log.contains("source: ics:d\n"))
    }

    /// A series in a zone whose UNTIL and EXDATE are in UTC (as RFC 5545 asks of UNTIL): the last
    /// meeting is kept and the skipped one left out, by the series' own dates.
    @Test func utcBoundsOfASeriesInAZone() throws {
        let result = try importCalendar(calendar(event("s", """
            DTSTART;TZID=Asia/Shanghai:20260902T070000\r
            RRULE:FREQ=DAILY;UNTIL=20260904T230000Z\r
            EXDATE:20260902T230000Z\r

            """)), asOf: "2026-09-10")
        #expect(result.run.status == 0, "\(result.run.err)")
        let sources = result.log.components(separatedBy: "source: ics:s/").dropFirst().map { String($0.prefix(8)) }
        // 07:00 in Shanghai on the 2nd, 4th and 5th (the 3rd skipped; the 5th is UNTIL itself),
        // which is 23:00 UTC the day before: the entries' dates where pmlint runs (TZ=UTC).
        #expect(sources == ["20260902", "20260904", "20260905"], "\(result.log)")
        #expect(result.log.contains("date: 2026-09-01") && result.log.contains("date: 2026-09-04") && !result.log.contains("date: 2026-09-05"))
    }

    /// Folds that split a character or start with a combining mark (as icalendar writes long
    /// titles) are unfolded on the bytes.
    @Test func foldsInsideCharactersAreUnfolded() throws {
        let title = "परियोजना समीक्षा बैठक " + String(repeating: "समीक्षा ", count: 8)
        var folded = ""
        var octets = 0
        for scalar in ("SUMMARY:" + title).unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 { folded += "\r\n "; octets = 1 }
            folded.unicodeScalars.append(scalar)
            octets += size
        }
        let result = try importCalendar(calendar("BEGIN:VEVENT\r\nUID:f\r\n\(folded)\r\nATTENDEE:mailto:li.wei@acme.example\r\nDTSTART:20260903T100000Z\r\nEND:VEVENT\r\n"))
        #expect(result.run.status == 0, "\(result.run.err)")
        #expect(result.log.contains(title.trimmingCharacters(in: .whitespaces)), "\(result.log)")
    }

    @Test func subjectsAndAgendasAsPeopleWriteThem() {
        #expect(MailReader.decoded("=?iso-8859-1?Q?Don=92t_forget?=") == "Don\u{2019}t forget")
        #expect(LogImport.agenda("1. Scope\n2) Budget\n- Risks\n2026 budget\n3D mock-ups") == ["Scope", "Budget", "Risks", "2026 budget", "3D mock-ups"])
    }

    /// Outlook writes "the first Monday of every month" as BYDAY with BYSETPOS.
    @Test func theFirstMondayOfEveryMonth() throws {
        let result = try importCalendar(calendar(event("m", "DTSTART:20260907T100000Z\r\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1;COUNT=3\r\n")), asOf: "2026-12-31")
        let sources = result.log.components(separatedBy: "source: ics:m/").dropFirst().map { String($0.prefix(8)) }
        // The first working day of October is Thursday the 1st, of November Monday the 2nd.
        #expect(sources == ["20261001", "20261102", "20261201"], "\(result.log)")
    }
}
