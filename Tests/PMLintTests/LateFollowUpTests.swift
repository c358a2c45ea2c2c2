import Testing
@testable import PMLint

/// Late is not missing (RULES.md): a follow-up that came after its window makes a finding about
/// lateness, one severity lower, whose fix is about next time.
@Suite("Late follow-ups")
struct LateFollowUpTests {
    private func builtIn(_ id: String) throws -> Rule {
        try #require(try RuleCatalog.builtIn().rules.first { $0.id == id })
    }

    private let kickoff = minimalPlan + """
    log:
      - {date: 2026-09-02, type: meeting, id: kickoff, kind: kickoff, with: [li-wei]}

    """

    @Test func minutesSentAfterTheWindowAreLateNotMissing() throws {
        let rule = try builtIn("kickoff-minutes")
        let late = hits(rule, plan: kickoff + "  - {date: 2026-09-08, type: minutes, re: [kickoff], to: [li-wei]}\n", asOf: "2026-10-01")
        #expect(late.count == 1)
        #expect(late.first?.severity == .info)
        #expect(late.first?.message.en == "the minutes of the kickoff on 2026-09-02 went to the client on 2026-09-08, 6 days after it; the window is 2 days")
        #expect(late.first?.fix?.en.hasPrefix("next time, send the minutes within 2 days") == true)
        #expect(late.first?.message.zh.contains("2026-09-08") == true)

        let missing = hits(rule, plan: kickoff, asOf: "2026-10-01")
        #expect(missing.first?.severity == .warning)
        #expect(missing.first?.fix?.en.hasPrefix("send the kickoff minutes") == true)
        // The same finding either way, so a baseline does not see a new one when minutes are added late.
        #expect(late.first?.identity == missing.first?.identity)

        #expect(hits(rule, plan: kickoff + "  - {date: 2026-09-03, type: minutes, re: [kickoff], to: [li-wei]}\n", asOf: "2026-10-01").isEmpty)
    }

    @Test func anAnswerDateAfterTheWindowIsLate() throws {
        let plan = minimalPlan + """
        changes:
          - {id: cr1, title: Excel export, requested_by: li-wei, requested_on: 2026-09-07, responded_on: 2026-09-21}

        """
        let found = hits(try builtIn("change-unanswered"), plan: plan, asOf: "2026-10-01")
        #expect(found.map(\.severity) == [.info])
        #expect(found.first?.message.en == "change request cr1 (Excel export) of 2026-09-07 was first answered on 2026-09-21, 14 days later; the window is 5 working days")
        #expect(found.first?.fix?.en.contains("answer the client now") == false)
    }

    @Test func aCadenceForWhichNothingEverHappenedSaysNever() throws {
        let rule = try builtIn("status-report-overdue")
        let never = hits(rule, plan: minimalPlan, asOf: "2026-09-20")
        #expect(never.map(\.severity) == [.warning])
        #expect(never.first?.message.en == "no status report has been sent since the project started on 2026-09-01 (19 days); with reports every week, the first was due by 2026-09-09")
        let lapsed = hits(rule, plan: minimalPlan + "log:\n  - {date: 2026-09-04, type: status_report, to: [li-wei], done: [a], next: [b], issues: []}\n",
                          asOf: "2026-09-20")
        #expect(lapsed.first?.message.en.hasPrefix("no status report since 2026-09-04") == true)
        // Where it points does not move with the log: a baseline recognises it either way.
        #expect(never.first?.identity == lapsed.first?.identity)
    }

    @Test func aRecurringMeetingWithoutKindIsASchemaFindingAndNothingElse() throws {
        let plan = minimalPlan + "communication:\n  meetings:\n    - {every: weekly, with: [li-wei]}\n"
        let p = project(plan: plan, asOf: "2026-11-20")
        #expect(p.findings.map(\.rule) == ["schema"])
        #expect(RuleEngine(rules: [try builtIn("meeting-cadence")]).findings(for: p, asOf: day("2026-11-20")).isEmpty)
    }

    @Test func lateAppliesOnlyToFollowUpChecks() throws {
        #expect(throws: Never.self) { try testRule(check: "  kind: each\n  items: milestones") }
        do {
            _ = try testRule(check: "  kind: each\n  items: milestones", extra: "late: {message: {en: l, zh: l}}")
            Issue.record("a late: on an each check loaded")
        } catch {
            #expect(error.message.contains("`late` applies to `follow-up` checks only"))
        }
    }
}
