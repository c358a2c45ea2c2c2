import Foundation
import Testing
@testable import PMLint

/// Realistic projects written by someone who had not read the rule files (Fixtures/realistic,
/// EXPECTED.md there says what a senior PM would and would not raise on each). Every finding
/// pmlint gives on them is listed here, so a new false alarm fails as surely as a missed problem.
@Suite("Realistic projects")
struct RealisticProjectTests {
    /// `rule file:line` of each finding `pmlint check` gives, in its order, and the findings.
    func check(_ name: String, asOf: String) throws -> (located: [String], findings: [[String: Any]]) {
        let run = try runCLI(["check", "Tests/PMLintTests/Fixtures/realistic/\(name)", "--as-of", asOf, "--format", "json"])
        #expect(run.err.isEmpty, "\(run.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let located = findings.map { finding in
            let file = (finding["file"] as? String ?? "").split(separator: "/").last.map(String.init) ?? ""
            return "\(finding["rule"] ?? "") \(file):\(finding["line"] ?? 0)"
        }
        return (located, findings)
    }

    func finding(_ findings: [[String: Any]], _ rule: String) -> (severity: String, message: String, fix: String)? {
        guard let found = findings.first(where: { $0["rule"] as? String == rule }) else { return nil }
        return (found["severity"] as? String ?? "", found["message"] as? String ?? "", found["fix"] as? String ?? "")
    }

    /// A closed, well-run project: a day-late report, a moved meeting, a re-baselined milestone,
    /// a change decided in a week after a next-day acknowledgement, a conflict settled face to
    /// face, holidays in the calendar. A senior PM raises nothing, and neither does pmlint.
    @Test func aHealthyClosedProjectIsQuiet() throws {
        let (located, _) = try check("bayline-healthy", asOf: "2025-07-14")
        #expect(located == [])
    }

    /// A project going wrong after 国庆: every problem EXPECTED.md lists is caught, and nothing
    /// it lists as fine (the holiday, the make-up working days, cr1, m1, r1) is raised.
    @Test func aTroubledProjectIsCaught() throws {
        let (located, findings) = try check("huadong-troubled", asOf: "2025-11-10")
        #expect(located == [
            // 1. The kickoff minutes were never sent (and the action to send them is overdue).
            "kickoff-agenda-shared log.yaml:3",
            "kickoff-minutes log.yaml:3",
            "action-overdue log.yaml:21",
            "action-overdue log.yaml:28",
            // 2. Reports stopped: 09-19 to 10-17 is 20 working-calendar days with 国庆 left out.
            "status-report-gap log.yaml:212",
            // 7. The owner's conflict, handled only in writing and not escalated.
            "conflict-stale log.yaml:225",
            "conflict-written-only log.yaml:225",
            // 3. Green reports while m2 was late.
            "status-watermelon log.yaml:273",
            "status-watermelon plan.yaml:12",
            // 8. The finance manager the change request depends on, never contacted.
            "stakeholder-uncontacted plan.yaml:37",
            // 9. Vague objectives and acceptance criteria.
            "scope-assumptions plan.yaml:75",
            "scope-unmeasurable plan.yaml:76",
            "scope-vague plan.yaml:76",
            "scope-unmeasurable plan.yaml:77",
            "scope-vague plan.yaml:77",
            "scope-vague plan.yaml:77",
            "scope-unmeasurable plan.yaml:78",
            "scope-vague plan.yaml:92",
            "scope-vague plan.yaml:92",
            // 2. No report for 17 days at as-of; the progress meeting lapsed with the owner away.
            "status-report-overdue plan.yaml:100",
            "meeting-cadence plan.yaml:104",
            // 10. Feedback lapsed.
            "feedback-missing plan.yaml:108",
            // 4. m2 overdue; m3 has no acceptance criteria.
            "milestone-overdue plan.yaml:123",
            "milestone-no-criteria plan.yaml:128",
            // 5. The high ERP risk was never shared; r1 not reviewed for seven weeks.
            "risk-stale plan.yaml:142",
            "risk-not-shared plan.yaml:143",
            // 6. cr2 never answered: the owner's own e-mail about it is not an answer.
            "change-unanswered plan.yaml:166",
        ])
        let gap = try #require(finding(findings, "status-report-gap"))
        #expect(gap.message.contains("2025-09-19 and 2025-10-17"))
        let unanswered = try #require(finding(findings, "change-unanswered"))
        #expect(unanswered.severity == "warning" && unanswered.message.contains("cr2"))
    }

    /// A sound project kept by a busy PM: minutes on day 3, reports a day late, a change
    /// approved after nine days, a conflict settled by phone and logged late. What is late is
    /// said to be late (info, with the date it happened), never missing.
    @Test func aMessyButSoundProjectHearsOfLatenessNotAbsence() throws {
        let (located, findings) = try check("mistral-messy", asOf: "2025-11-21")
        #expect(located == [
            "stakeholder-neglected plan.yaml:14",
            "scope-assumptions plan.yaml:51",
            // The one firm finding: no feedback since September.
            "feedback-missing plan.yaml:87",
            "milestone-no-criteria plan.yaml:90",
            "milestone-no-criteria plan.yaml:96",
            // r1 shared on day 8 of a 7-day window: late, not missing.
            "risk-not-shared plan.yaml:118",
            "risk-stale plan.yaml:120",
            "kickoff-agenda-shared plan.yaml:159",
            // Minutes on day 3: late, not missing.
            "kickoff-minutes plan.yaml:159",
            "status-report-content plan.yaml:268",
            // The conflict and its call, logged after a later report.
            "log-order plan.yaml:406",
        ])
        let minutes = try #require(finding(findings, "kickoff-minutes"))
        #expect(minutes.severity == "info")
        #expect(minutes.message.contains("went to the client on 2025-09-05, 3 days after it"))
        #expect(minutes.fix.hasPrefix("next time"))
        let risk = try #require(finding(findings, "risk-not-shared"))
        #expect(risk.severity == "info" && risk.message.contains("shared with the client on 2025-09-16, 8 days later"))
        // Nothing in this project is more than a warning: it is not in trouble.
        #expect(!findings.contains { $0["severity"] as? String == "error" })
    }

    /// A Chinese project across 元旦, 春节 and its make-up Saturdays: a two-week gap between
    /// reports that is five working days, a change answered in two working days over eleven
    /// calendar days. The one finding is a client's action a day overdue, which the PM should
    /// chase before the next meeting.
    @Test func aHealthyChineseProjectAcrossSpringFestivalIsQuiet() throws {
        let (located, findings) = try check("hekang-healthy", asOf: "2026-03-20")
        #expect(located == ["action-overdue log.yaml:601"])
        let action = try #require(finding(findings, "action-overdue"))
        #expect(action.message.contains("was due on 2026-03-19"))
    }

    /// A closed project with a retrospective, lessons and a final report. An acceptance that
    /// waited for two weeks of pilot data is reported as late (info), not as missing.
    @Test func aWellClosedProjectHearsOnlyOfALateAcceptance() throws {
        let (located, findings) = try check("northwind-closed", asOf: "2025-08-15")
        #expect(located == [
            "milestone-not-accepted plan.yaml:136",
            "milestone-no-criteria plan.yaml:141",
        ])
        let acceptance = try #require(finding(findings, "milestone-not-accepted"))
        #expect(acceptance.severity == "info" && acceptance.message.contains("accepted by the client on 2025-06-10, 19 days later"))
        #expect(!findings.contains { $0["severity"] as? String != "info" })
    }

    /// Eight problems EXPECTED-2.md lists (reports stopped, m2 late under green reports, a
    /// hidden high risk, an unanswered and an unassessed change, a conflict handled by e-mail
    /// only, a stakeholder never contacted, vague objectives), each caught.
    @Test func anotherTroubledProjectIsCaught() throws {
        let (located, _) = try check("harbor-troubled", asOf: "2026-04-24")
        #expect(located == [
            "action-overdue log.yaml:26",
            // 2. Green while m2 is seven weeks late.
            "status-watermelon log.yaml:208",
            // 6. The sponsor's conflict, answered only in writing.
            "conflict-no-lessons log.yaml:252",
            "conflict-written-only log.yaml:252",
            "action-overdue log.yaml:308",
            "status-watermelon plan.yaml:11",
            // 7. The compliance officer, never contacted.
            "stakeholder-uncontacted plan.yaml:35",
            // 8. Vague objectives, no acceptance criteria.
            "scope-unmeasurable plan.yaml:69",
            "scope-unmeasurable plan.yaml:70",
            "scope-vague plan.yaml:70",
            "scope-unmeasurable plan.yaml:71",
            // 1. Reports stopped after 03-13.
            "status-report-overdue plan.yaml:91",
            "milestone-no-criteria plan.yaml:103",
            "milestone-no-criteria plan.yaml:109",
            "milestone-overdue plan.yaml:111",
            "milestone-no-criteria plan.yaml:113",
            "milestone-no-criteria plan.yaml:117",
            // 3. The high risk kept from the client.
            "risk-not-shared plan.yaml:132",
            "risk-stale plan.yaml:139",
            // 5. cr1 approved on the spot without an assessment; 4. cr2 never answered.
            "change-no-assessment plan.yaml:143",
            "change-unanswered plan.yaml:152",
        ])
    }
}
