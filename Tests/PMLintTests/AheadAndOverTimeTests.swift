import Foundation
import Testing
@testable import PMLint

/// `pmlint due`, `pmlint trend` and the portfolio page: what the rules will report, and what
/// they reported at every step of a project's life.
@Suite struct AheadAndOverTimeTests {
    /// A rule example's project as `check` reads it as of `day`, and what `check` keeps of the
    /// rule's findings then, by fingerprint.
    struct ExampleCheck {
        let rule: Rule

        func options(asOf day: Day) -> CheckOptions {
            CheckOptions(paths: [], asOf: day, catalog: RuleCatalog(rules: [rule]))
        }

        func project(_ example: RuleExample, asOf day: Day) -> Project {
            Project(location: ProjectLocation(path: "example", plan: rule.file.path, log: nil, root: "/"),
                    planFile: rule.file, planNode: example.planNode, logFile: nil, asOf: day)
        }

        func report(_ example: RuleExample, asOf day: Day, dueWithin: Int? = nil) throws -> ProjectReport {
            var options = options(asOf: day)
            options.time.dueWithin = dueWithin
            let setup = try ProjectSetup(configFile: "", options: options)
            let project = project(example, asOf: day)
            return ProjectPipeline(location: project.location, setup: setup, options: options).report(on: project)
        }
    }

    /// The promise of `due`: an item it lists as due on day D is not reported by `check` as of
    /// D, and is reported as of D + 1 when nothing is logged in between. Run on every example
    /// of every rule, from its as-of and from a month before it.
    @Test func everyItemDueOnDayDIsWhatCheckReportsOnTheDayAfter() throws {
        var checked = 0
        var rulesWithDeadlines = Set<String>()
        for rule in RuleExamplesTests.catalog.rules {
            let examples = ExampleCheck(rule: rule)
            for example in rule.examples {
                for start in [-30, -14, -7, -3, 0].map({ example.asOf.adding(days: $0) }) {
                    guard examples.project(example, asOf: start).findings.isEmpty else { continue }
                    for item in try examples.report(example, asOf: start, dueWithin: 30).due {
                        let due = try #require(item.due)
                        #expect(due >= start && due <= start.adding(days: 30))
                        let before = try examples.report(example, asOf: due).findings.map(\.fingerprint)
                        let after = try examples.report(example, asOf: due.adding(days: 1)).findings.map(\.fingerprint)
                        #expect(!before.contains(item.finding.fingerprint),
                                "\(rule.id), \(rule.file.path):\(example.span.start.line): reported already on its due day \(due)")
                        #expect(after.contains(item.finding.fingerprint),
                                "\(rule.id), \(rule.file.path):\(example.span.start.line): not reported the day after \(due)")
                        checked += 1
                        rulesWithDeadlines.insert(rule.id)
                    }
                }
            }
        }
        #expect(checked >= 40, "only \(checked) due items over all examples")
        // The deadlines the guidance sets, each seen at least once.
        let expected: Set<String> = [
            "kickoff-minutes", "status-report-overdue", "meeting-cadence", "change-unanswered", "risk-not-shared",
            "conflict-unaddressed", "conflict-stale", "feedback-unanswered", "milestone-overdue", "action-overdue",
            "feedback-missing", "retrospective-missing", "stakeholder-neglected",
        ]
        #expect(expected.subtracting(rulesWithDeadlines).isEmpty,
                "no example gave a deadline for \(expected.subtracting(rulesWithDeadlines).sorted())")
    }

    @Test func dueListsTheSoonestFirstAndNotWhatIsLateAlready() throws {
        let run = try runCLI(["due", "examples", "--as-of", "2026-11-20", "--within", "21d", "--format", "json"])
        #expect(run.status == 0, "\(run.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        let dates = items.compactMap { $0["due"] as? String }
        #expect(dates.count == items.count && !items.isEmpty)
        #expect(dates == dates.sorted())
        #expect(dates.allSatisfy { $0 >= "2026-11-20" && $0 < "2026-12-11" })
        let check = try runCLI(["check", "examples", "--as-of", "2026-11-20", "--format", "json"])
        let findings = try #require((try JSONSerialization.jsonObject(with: Data(check.out.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        let reported = Set(findings.compactMap { $0["fingerprint"] as? String })
        #expect(items.allSatisfy { !reported.contains($0["fingerprint"] as? String ?? "") })

        let late = try runCLI(["due", "examples/northwind-portal", "--as-of", "2026-11-20", "--include-late"])
        #expect(late.out.contains("late"))
        #expect(late.out.contains("reported: "))
    }

    /// The calendar is read back by a real iCalendar parser (PyPI's icalendar): every item a
    /// to-do with its due date, and the same UIDs and SEQUENCEs when exported again a day later.
    @Test func theCalendarIsValidICalendarWithStableIdentities() throws {
        let folder = try scratchFolder([".keep": ""])
        defer { try? FileManager.default.removeItem(at: folder) }
        for (day, name) in [("2026-11-20", "first"), ("2026-11-21", "second")] {
            let ics = try runCLI(["due", "examples", "--as-of", day, "--within", "21d", "--format", "ics",
                                  "--output", folder.appendingPathComponent("\(name).ics").path])
            #expect(ics.status == 0, "\(ics.err)")
            let json = try runCLI(["due", "examples", "--as-of", day, "--within", "21d", "--format", "json"])
            try json.out.write(to: folder.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
        }
        let zh = try runCLI(["due", "examples", "--as-of", "2026-11-20", "--within", "21d", "--format", "ics", "--lang", "zh",
                             "--output", folder.appendingPathComponent("zh.ics").path])
        #expect(zh.status == 0)
        let script = """
        import json, sys, icalendar
        folder = sys.argv[1]
        def todos(name):
            with open(f"{folder}/{name}.ics", "rb") as f:
                raw = f.read()
            assert b"\\r\\n" in raw and all(len(line) <= 75 for line in raw.split(b"\\r\\n")), "lines folded at 75 octets"
            calendar = icalendar.Calendar.from_ical(raw)
            assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
            return [c for c in calendar.walk("VTODO")]
        for name in ("first", "second"):
            items = json.load(open(f"{folder}/{name}.json"))["items"]
            got = todos(name)
            assert len(got) == len(items) > 0, (len(got), len(items))
            for todo, item in zip(got, items):
                assert todo.decoded("DUE").isoformat() == item["due"], (todo.decoded("DUE"), item["due"])
                assert item["fingerprint"] in str(todo["UID"])
                assert str(todo["SUMMARY"]).endswith(item["summary"]), (str(todo["SUMMARY"]), item["summary"])
                assert item["message"] in str(todo["DESCRIPTION"])
                assert str(todo["STATUS"]) == "NEEDS-ACTION"
        first = {str(t["UID"]): (t.decoded("DUE"), int(t["SEQUENCE"])) for t in todos("first")}
        second = {str(t["UID"]): (t.decoded("DUE"), int(t["SEQUENCE"])) for t in todos("second")}
        common = set(first) & set(second)
        assert common, "the same items are due a day later"
        for uid in common:
            assert first[uid][0] == second[uid][0], (uid, first[uid], second[uid])
            assert first[uid][1] < second[uid][1], "a later export is the newer version"
        zh = todos("zh")
        assert any("若届时未完成" in str(t["DESCRIPTION"]) for t in zh)
        print(len(first), len(second), len(common))
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, folder.path]
        let out = Pipe(), err = Pipe()
        python.standardOutput = out
        python.standardError = err
        try python.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0, "\(error)")
        #expect(!output.isEmpty)
    }

    /// A project whose log tells a known story: three actions fall overdue on 2026-02-07 (week
    /// 6) and are done by 2026-02-27 (week 9).
    @Test func trendShowsTheProjectGoingRedInWeekSixAndRecoveringInWeekNine() throws {
        let story = repositoryRoot.appendingPathComponent("Tests/PMLintTests/Fixtures/story").path
        let run = try runCLI(["trend", story, "--as-of", "2026-03-16", "--format", "json"])
        #expect(run.status == 0, "\(run.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let project = try #require((json["projects"] as? [[String: Any]])?.first)
        let steps = try #require(project["steps"] as? [[String: Any]])
        let health = steps.map { $0["health"] as? String ?? "" }
        #expect(steps.map { $0["date"] as? String ?? "" }.prefix(10) == ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26",
                "2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09"])
        #expect(health.firstIndex(of: "red") == 5, "\(health)")
        #expect(health[5...7] == ["red", "red", "red"])
        #expect(!health[8...].contains("red"), "\(health)")
        let meetings = steps.map { (($0["areas"] as? [String: Any])?["meetings"] as? [String: Any])?["warnings"] as? Int ?? 0 }
        #expect(meetings == [0, 0, 0, 0, 0, 3, 3, 3, 0, 0, 0])

        let html = try runCLI(["trend", story, "--as-of", "2026-03-16", "--format", "html"])
        #expect(html.out.contains("<svg") && html.out.contains("class=\"as-of\"") && html.out.contains("data-area=\"meetings\""))
        #expect(html.out.contains("Test load of 5 stores") == false, "a milestone after the last step is not drawn")
        let text = try runCLI(["trend", story, "--as-of", "2026-03-16"])
        let lines = text.out.split(separator: "\n")
        #expect(lines.first { $0.hasPrefix("2026-02-09") }?.hasSuffix("red") == true, "\(text.out)")
        #expect(lines.first { $0.hasPrefix("2026-03-02") }?.hasSuffix("green") == true, "\(text.out)")
    }

    /// `--history git`: each step reads the files as committed by then. The plan's scope is
    /// first written vaguely and made measurable in a later commit; today's files alone
    /// would hide the early weeks' finding.
    @Test func trendWithGitHistoryReadsEachStepAsCommitted() throws {
        let story = repositoryRoot.appendingPathComponent("Tests/PMLintTests/Fixtures/story")
        let plan = try String(contentsOf: story.appendingPathComponent("plan.yaml"), encoding: .utf8)
        let log = try String(contentsOf: story.appendingPathComponent("log.yaml"), encoding: .utf8)
        let vague = plan.replacingOccurrences(of: "Migrate the 40 stores' order data to the new system by 2026-04-30",
                                              with: "Migrate the order data as soon as possible, user-friendly and fast")
        #expect(vague != plan)
        let folder = try scratchFolder([".keep": ""])
        defer { try? FileManager.default.removeItem(at: folder) }
        func git(_ arguments: [String], date: String? = nil) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", folder.path] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["GIT_AUTHOR_NAME"] = "PM"
            environment["GIT_AUTHOR_EMAIL"] = "pm@example.com"
            environment["GIT_COMMITTER_NAME"] = "PM"
            environment["GIT_COMMITTER_EMAIL"] = "pm@example.com"
            if let date {
                environment["GIT_AUTHOR_DATE"] = "\(date)T12:00:00"
                environment["GIT_COMMITTER_DATE"] = "\(date)T12:00:00"
            }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "git \(arguments)")
        }
        try git(["init", "-q", "-b", "main"])
        try vague.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        try log.write(to: folder.appendingPathComponent("log.yaml"), atomically: true, encoding: .utf8)
        try git(["add", "plan.yaml", "log.yaml"])
        try git(["commit", "-q", "-m", "Plan"], date: "2026-01-08")
        try plan.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        try git(["commit", "-q", "-am", "Measurable objective"], date: "2026-02-04")

        func scopeFindings(_ history: String) throws -> [String: Int] {
            let run = try runCLI(["trend", ".", "--as-of", "2026-03-16", "--history", history, "--format", "json"], in: folder)
            #expect(run.status == 0, "\(run.err)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
            let steps = try #require((json["projects"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: steps.map { step in
                let missing = step["missing"] as? Bool == true
                let scope = (step["areas"] as? [String: Any])?["scope"] as? [String: Any]
                return (step["date"] as? String ?? "", missing ? -1 : (scope?["warnings"] as? Int ?? 0) + (scope?["infos"] as? Int ?? 0))
            })
        }
        let committed = try scopeFindings("git")
        #expect(committed["2026-01-05"] == -1, "no plan was committed yet")
        #expect((committed["2026-01-12"] ?? 0) > 0, "the vague objective as committed then")
        #expect(committed["2026-02-09"] == 0)
        let today = try scopeFindings("files")
        #expect(today["2026-01-12"] == 0, "today's files know only the measurable objective")

        let notARepository = try scratchFolder(["plan.yaml": plan])
        defer { try? FileManager.default.removeItem(at: notARepository) }
        let refused = try runCLI(["trend", ".", "--history", "git"], in: notARepository)
        #expect(refused.status == 2)
        #expect(refused.err.contains("not a git repository"))
    }

    @Test func theBriefShowsTheNextSevenDaysAndThePortfolioPutsTheWorstFirst() throws {
        let brief = try runCLI(["brief", "examples/northwind-portal", "--as-of", "2026-11-20"])
        #expect(brief.out.contains("## Due in the next 7 days\n\n- **by 2026-11-24 (in 4 days)** — otherwise: the conflict"))
        let portfolio = try runCLI(["brief", "examples", "--as-of", "2026-11-20"])
        let rows = portfolio.out.split(separator: "\n").filter { $0.hasPrefix("| [") }
        #expect(rows.count == 4)
        #expect(rows.first?.contains("(#project-examples-northwind-portal-") == true && rows.first?.contains(") | red |") == true)
        #expect(rows.last?.contains("CRM migration") == true)
        #expect(portfolio.out.contains("<a id=\"project-examples-northwind-portal-"))
        let html = try runCLI(["brief", "examples", "--as-of", "2026-11-20", "--format", "html"])
        #expect(html.out.contains("<section class=\"project\" id=\"project-examples-huaxin-erp-"))
        #expect(html.out.contains("<svg class=\"spark\""))
    }

    /// A deadline worked out by hand: minutes are due within 2 days of the kickoff, so on the
    /// day after a kickoff on 2026-09-02 they are due on 2026-09-04, in 2 days; `--within 2d`
    /// reaches that day, `--within 1d` does not.
    @Test func aDeadlineWorkedOutByHand() throws {
        let folder = try scratchFolder(["plan.yaml": minimalPlan + """
            log:
              - {date: 2026-09-02, type: meeting, id: kickoff, kind: kickoff, with: [li-wei, zhang-min], topic: Kickoff, agenda_sent_on: 2026-08-30}

            """])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runCLI(["due", folder.path, "--as-of", "2026-09-02", "--within", "2d", "--format", "json"])
        let items = try #require((try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        let minutes = try #require(items.first { $0["rule"] as? String == "kickoff-minutes" }, "\(run.out)")
        #expect(minutes["due"] as? String == "2026-09-04")
        #expect(minutes["days_left"] as? Int == 2)
        let shorter = try runCLI(["due", folder.path, "--as-of", "2026-09-02", "--within", "1d"])
        #expect(!shorter.out.contains("kickoff-minutes"))
    }

    /// Only rules with deadlines are looked at ahead and behind: what is late is a follow-up,
    /// a cadence or a due date, never the quality of an entry (status-report-content) or a
    /// problem of the files.
    @Test func lateItemsAreDeadlinesOnly() throws {
        let late = try runCLI(["due", "examples", "--as-of", "2026-11-20", "--include-late", "--format", "json"])
        let items = try #require((try JSONSerialization.jsonObject(with: Data(late.out.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        let rules = Set(items.compactMap { $0["rule"] as? String })
        #expect(rules.contains("kickoff-minutes") && rules.contains("status-report-gap"))
        for quality in ["status-report-content", "kickoff-agenda-shared", "scope-vague", "unknown-reference", "future-date", "meeting-agenda"] {
            #expect(!rules.contains(quality), "\(quality) listed as late")
        }
        #expect(items.filter { ($0["days_left"] as? Int).map { $0 < 0 } ?? true }.count >= 10)
    }

    /// Text from a pull request cannot become a workflow command or a terminal escape in
    /// `due` or `trend`, as in `check`.
    @Test func dueAndTrendEscapeWhatTheFilesSay() throws {
        let folder = try scratchFolder(["plan.yaml": minimalPlan.replacingOccurrences(of: "name: Demo", with: "name: \"Demo ##[error]x\\e[31m\"") + """
            log:
              - date: 2026-09-02
                type: meeting
                kind: progress
                with: [li-wei]
                topic: Weekly
                actions:
                  - {what: "Fix it\\n::error::injected", owner: li-wei, due: 2026-09-10}

            """])
        defer { try? FileManager.default.removeItem(at: folder) }
        let due = try runCLI(["due", folder.path, "--as-of", "2026-09-05"])
        #expect(due.out.contains("action-overdue"), "\(due.out)")
        let trend = try runCLI(["trend", folder.path, "--as-of", "2026-09-20"])
        for output in [due.out, trend.out] {
            #expect(!output.split(separator: "\n").contains { $0.drop { $0 == " " }.hasPrefix("::") })
            #expect(!output.contains("##[") && !output.contains("\u{1B}"))
        }
    }

    /// The trend counts every problem `check` reports at a step, a team's own categories and
    /// the files' own problems included.
    @Test func trendCountsWhatCheckCounts() throws {
        let team = try runCLI(["trend", "examples/northwind-portal", "--as-of", "2026-11-20", "--rules", "examples/team-rules", "--format", "json"])
        #expect(team.status == 0, "\(team.err)")
        #expect(team.out.contains("\"governance\""))
        let folder = try scratchFolder(["plan.yaml": minimalPlan + "scope: {objectives: [Ship the 3 reports by 2026-10-01], approved_by: li-wie}\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = try runCLI(["trend", folder.path, "--as-of", "2026-09-10", "--format", "json"])
        let steps = try #require(((try JSONSerialization.jsonObject(with: Data(broken.out.utf8)) as? [String: Any])?["projects"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]])
        #expect(steps.last?["health"] as? String == "red", "an unknown reference is an error: \(broken.out)")
    }

    @Test func portfolioAnchorsAreUniqueForNonLatinFolders() throws {
        let plan = minimalPlan
        let folder = try scratchFolder(["华东/plan.yaml": plan, "华南/plan.yaml": plan.replacingOccurrences(of: "name: Demo", with: "name: Demo 2")])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = try runCLI(["brief", folder.path, "--as-of", "2026-09-10"])
        let anchors = page.out.split(separator: "\n").filter { $0.hasPrefix("<a id=") }
        #expect(anchors.count == 2 && Set(anchors).count == 2, "\(anchors)")
    }
}
