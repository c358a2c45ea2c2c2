import Testing
@testable import PMLint

/// Compiles a rule from YAML; `check` is the rule's check, indented as written.
func testRule(params: String = "", check: String, message: String = "hit", extra: String = "") throws(LocatedError) -> Rule {
    let text = """
    id: test-rule
    category: test
    severity: warning
    summary: {en: s, zh: s}
    rationale: {en: r, zh: r}
    source: test
    \(params.isEmpty ? "" : "params:\n" + params)
    check:
    \(check)
    message: {en: "\(message)", zh: "\(message)"}
    \(extra)

    """
    return try RuleLoader.load(path: "test.yaml", bytes: Array(text.utf8), isBuiltIn: false)
}

func hits(_ rule: Rule, plan: String, asOf: String) -> [Finding] {
    let p = project(plan: plan, asOf: asOf)
    #expect(p.findings.filter { $0.rule != "future-date" }.isEmpty, "test plan is invalid: \(p.findings.map(\.message.en))")
    return RuleEngine(rules: [rule]).findings(for: p, asOf: day(asOf))
}

@Suite("Check kinds")
struct CheckKindTests {
    let base = minimalPlan

    @Test func eachWithUnlessAndAt() throws {
        let rule = try testRule(check: """
          kind: each
          items: actions
          where: {compare: [due, "<", as_of]}
          unless: {done_on: {exists: true}}
          at: due
        """, message: "{what} due {due}")
        let plan = base + """
        log:
          - date: 2026-09-02
            type: meeting
            actions:
              - {what: Send export, due: 2026-09-10}
              - {what: Book room, due: 2026-09-10, done_on: 2026-09-09}
              - {what: Due today, due: 2026-09-11}

        """
        let found = hits(rule, plan: plan, asOf: "2026-09-11")
        #expect(found.map(\.path) == ["log[0].actions[0].due"])
        #expect(found.first?.message.en == "Send export due 2026-09-10")
    }

    @Test func absentWithWhenGate() throws {
        let rule = try testRule(params: "  grace: 14d\n", check: """
          kind: absent
          items: log
          where: {type: meeting, kind: kickoff}
          when: {compare: [plan.project.start + $grace, "<", as_of]}
          at: project.start
        """)
        #expect(hits(rule, plan: base, asOf: "2026-09-15").isEmpty)
        #expect(hits(rule, plan: base, asOf: "2026-09-16").map(\.path) == ["project.start"])
    }

    @Test func followUpWindowInWorkingDaysIncludesItsLastDay() throws {
        let rule = try testRule(params: "  within: 5wd\n", check: """
          kind: follow-up
          items: changes
          within: $within
          from: requested_on
          answered_by: [responded_on]
          followed_by: {where: {client_facing: true}, linked: true}
        """, message: "{id} unanswered by {due}")
        // Requested on Friday 2026-11-13: five working days end on Friday 2026-11-20.
        let change = "changes:\n  - {id: cr1, title: X, requested_on: 2026-11-13"
        #expect(hits(rule, plan: base + change + "}\n", asOf: "2026-11-20").isEmpty, "cannot be late on the window's last day")
        let late = hits(rule, plan: base + change + "}\n", asOf: "2026-11-21")
        #expect(late.map(\.message.en) == ["cr1 unanswered by 2026-11-20"])
        #expect(hits(rule, plan: base + change + ", responded_on: 2026-11-20}\n", asOf: "2026-11-25").isEmpty)
        #expect(hits(rule, plan: base + change + ", responded_on: 2026-11-23}\n", asOf: "2026-11-25").count == 1)
        let linked = base + change + "}\nlog:\n  - {date: 2026-11-20, type: email, re: [cr1], to: [li-wei]}\n"
        #expect(hits(rule, plan: linked, asOf: "2026-11-25").isEmpty)
        let teamOnly = base + change + "}\nlog:\n  - {date: 2026-11-20, type: email, re: [cr1], to: [zhang-min]}\n"
        #expect(hits(rule, plan: teamOnly, asOf: "2026-11-25").count == 1, "a team-only e-mail is no answer to the client")
    }

    @Test func followUpAcrossALeapDay() throws {
        let rule = try testRule(params: "  within: 3d\n", check: """
          kind: follow-up
          items: log
          where: {type: conflict}
          within: $within
          followed_by: {linked: true}
        """)
        let plan = base.replacingOccurrences(of: "2026-09-01", with: "2028-02-01")
        let conflict = plan + "log:\n  - {date: 2028-02-27, type: conflict, id: c1}\n"
        #expect(hits(rule, plan: conflict + "  - {date: 2028-03-01, type: call, re: [c1]}\n", asOf: "2028-03-10").isEmpty)
        #expect(hits(rule, plan: conflict + "  - {date: 2028-03-02, type: call, re: [c1]}\n", asOf: "2028-03-10").count == 1)
    }

    @Test func followUpByPeopleForItemsWithoutId() throws {
        let rule = try testRule(params: "  within: 7d\n", check: """
          kind: follow-up
          items: log
          where: {type: feedback}
          within: $within
          followed_by: {where: {type: [meeting, call]}, linked: true, otherwise: people, people: from}
        """)
        let plan = base + "log:\n  - {date: 2026-10-01, type: feedback, from: [li-wei], score: 2}\n"
        #expect(hits(rule, plan: plan, asOf: "2026-10-20").count == 1)
        #expect(hits(rule, plan: plan + "  - {date: 2026-10-05, type: call, with: [li-wei]}\n", asOf: "2026-10-20").isEmpty)
        #expect(hits(rule, plan: plan + "  - {date: 2026-10-05, type: call, with: [zhang-min]}\n", asOf: "2026-10-20").count == 1)
    }

    @Test func recencyWithMonthsAndAProjectThatIsOver() throws {
        let rule = try testRule(params: "  every: {default: 1w, from: plan.communication.status_reports.every}\n", check: """
          kind: recency
          when: {project_over: false}
          entries: {where: {type: status_report}}
          every: $every
        """, message: "since {since}, due {due}, {days} days")
        let plan = base + "communication: {status_reports: {every: monthly}}\nlog:\n  - {date: 2026-01-31, type: status_report}\n"
        let shifted = plan.replacingOccurrences(of: "start: 2026-09-01", with: "start: 2026-01-05")
        // 2026-01-31 + 1 month = 2026-02-28.
        #expect(hits(rule, plan: shifted, asOf: "2026-02-28").isEmpty)
        #expect(hits(rule, plan: shifted, asOf: "2026-03-01").map(\.message.en) == ["since 2026-01-31, due 2026-02-28, 29 days"])
        let over = shifted.replacingOccurrences(of: "start: 2026-01-05", with: "start: 2026-01-05\n  closed_on: 2026-02-10")
        #expect(hits(rule, plan: over, asOf: "2026-04-01").isEmpty)
    }

    @Test func recencyPerItemWithSameAndMentions() throws {
        let meetings = try testRule(params: "  grace: 2d\n", check: """
          kind: recency
          items: communication.meetings
          entries: {where: {type: meeting}, same: {kind: kind}}
          every: every
          grace: $grace
        """, message: "{kind}")
        let plan = base + "communication:\n  meetings:\n    - {kind: progress, every: 2w}\n    - {kind: review, every: 1mo}\n"
            + "log:\n  - {date: 2026-09-10, type: meeting, kind: progress}\n  - {date: 2026-09-11, type: meeting, kind: review}\n"
        #expect(hits(meetings, plan: plan, asOf: "2026-09-26").isEmpty)
        #expect(hits(meetings, plan: plan, asOf: "2026-09-27").map(\.message.en) == ["progress"])
        let people = try testRule(check: """
          kind: recency
          items: stakeholders
          where: {side: client}
          entries: {mentions: true}
          every: 30d
        """, message: "{id}")
        let touched = base + "log:\n  - {date: 2026-10-01, type: call, with: [li-wei]}\n"
        #expect(hits(people, plan: touched, asOf: "2026-10-31").isEmpty)
        #expect(hits(people, plan: touched, asOf: "2026-11-01").map(\.message.en) == ["li-wei"])
    }

    @Test func gapsUseTheRatioInDays() throws {
        let rule = try testRule(check: """
          kind: gaps
          items: log
          where: {type: status_report}
          every: 5wd
          factor: 1.5
        """, message: "{gap} > {limit}")
        // 5wd is 7 days for ratios: the limit is 10.5 days.
        let plan = base + "log:\n  - {date: 2026-09-04, type: status_report}\n  - {date: 2026-09-14, type: status_report}\n  - {date: 2026-09-25, type: status_report}\n"
        #expect(hits(rule, plan: plan, asOf: "2026-10-01").map(\.message.en) == ["11 > 10"])
    }

    @Test func overlapFindsAnOpenItemOnTheDate() throws {
        let rule = try testRule(check: """
          kind: overlap
          items: log
          where: {type: status_report, health: green}
          others: {items: milestones}
          open_after: due
          closed_by: done_on
        """, message: "{other}")
        let plan = base + """
        milestones:
          - {id: m1, name: A, due: 2026-09-10, done_on: 2026-09-20}
          - {id: m2, name: B, due: 2026-09-05, done_on: 2026-09-08}
        log:
          - {date: 2026-09-07, type: status_report, health: green}
          - {date: 2026-09-10, type: status_report, health: green}
          - {date: 2026-09-15, type: status_report, health: green}
          - {date: 2026-09-20, type: status_report, health: green}

        """
        let found = hits(rule, plan: plan, asOf: "2026-10-01")
        #expect(found.map(\.path) == ["log[0]", "log[2]"])
        #expect(found.map(\.message.en) == ["m2", "m1"])
    }

    @Test func termsAreLeftmostLongestWholeWordsAndPointAtTheWord() throws {
        let terms = "  terms:\n    words: [soon, as soon as possible, fast, etc]\n    substrings: [尽快, {term: 等, only_before: [。, 、]}]\n"
        let rule = try testRule(params: terms, check: """
          kind: terms
          in: [scope.objectives]
          terms: $terms
        """, message: "{term}")
        let plan = base + "scope:\n  objectives:\n    - Ship AS SOON AS POSSIBLE, breakfast soon etc.\n    - \"尽快上线等。等级\"\n"
        let found = hits(rule, plan: plan, asOf: "2026-10-01")
        #expect(found.map(\.message.en) == ["AS SOON AS POSSIBLE", "soon", "etc", "尽快", "等"])
        #expect(found[0].span.start.column == 12)
        #expect(found[0].span.end.column == 31)
        #expect(found[3].span.start.column == 8)
        #expect(found[4].span.start.column == 12)
    }

    @Test func linksFireWhenEveryLinkedEntryMatches() throws {
        let rule = try testRule(check: """
          kind: links
          items: log
          where: {type: conflict}
          all_match: {type: [email, message]}
        """, message: "{count}")
        let plan = base + "log:\n  - {date: 2026-10-10, type: conflict, id: c1}\n  - {date: 2026-10-11, type: email, re: [c1]}\n"
        #expect(hits(rule, plan: plan, asOf: "2026-10-20").map(\.message.en) == ["1"])
        #expect(hits(rule, plan: plan + "  - {date: 2026-10-12, type: call, re: [c1]}\n", asOf: "2026-10-20").isEmpty)
    }

    @Test func entriesAfterAsOfAreIgnored() throws {
        let rule = try testRule(check: """
          kind: each
          items: log
          where: {type: call}
        """)
        let plan = base + "log:\n  - {date: 2026-10-10, type: call}\n  - {date: 2026-10-30, type: call}\n"
        #expect(hits(rule, plan: plan, asOf: "2026-10-20").map(\.path) == ["log[0]"])
    }

    @Test func projectOverFollowsTheDefinition() {
        func over(_ projectFields: String, _ asOf: String) -> Bool {
            let plan = "project:\n  name: A\n  client: B\n  start: 2026-01-05\n" + projectFields
            let p = project(plan: plan, asOf: asOf)
            return ProjectIndex(project: p, plan: p.plan!, asOf: day(asOf)).isOver
        }
        #expect(over("  closed_on: 2026-06-01\n  phase: executing\n", "2026-06-01"))
        #expect(!over("  closed_on: 2026-06-02\n", "2026-06-01"))
        #expect(over("  phase: closed\n", "2026-03-01"))
        #expect(!over("  end: 2026-05-01\n  phase: closing\n", "2026-12-01"))
        #expect(!over("  end: 2026-05-01\n", "2026-05-15"))
        #expect(over("  end: 2026-05-01\n", "2026-05-16"))
    }
}

@Suite("Rule file errors")
struct LocatedErrorTests {
    func error(_ check: String, params: String = "", message: String = "hit") -> LocatedError? {
        do {
            _ = try testRule(params: params, check: check, message: message)
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownCheckKindIsLocatedWithASuggestion() throws {
        let found = try #require(error("  kind: folow-up\n  items: log\n"))
        #expect(found.file == "test.yaml")
        #expect(found.span.start.line == 9)
        #expect(found.message.contains("did you mean `follow-up`?"))
    }

    @Test func unknownFieldInAConditionNamesTheShape() throws {
        let found = try #require(error("  kind: each\n  items: log\n  where: {typ: meeting}\n"))
        #expect(found.message == "`typ` is not a field of a log entry; did you mean `type`?")
        #expect(found.span.start.line == 11)
        #expect(found.span.start.column == 11)
    }

    @Test func unknownParameterReference() throws {
        let found = try #require(error("  kind: follow-up\n  items: log\n  within: $withn\n", params: "  within: 2d\n"))
        #expect(found.message.contains("did you mean `$within`?"))
    }

    @Test func fieldNotReadByTheKind() throws {
        let found = try #require(error("  kind: each\n  items: log\n  within: 2d\n"))
        #expect(found.message.contains("`within` is not used by a `each` check"))
    }

    @Test func unknownSelector() throws {
        let found = try #require(error("  kind: each\n  items: milestone\n"))
        #expect(found.message.contains("did you mean `milestones`?"))
    }

    @Test func placeholderThatNamesNothing() throws {
        let found = try #require(error("  kind: each\n  items: log\n", message: "{dat}"))
        #expect(found.message.contains("`{dat}`"))
    }

    @Test func yamlErrorAndMissingFields() throws {
        #expect(throws: LocatedError.self) { try RuleLoader.load(path: "x.yaml", bytes: Array("id: [".utf8), isBuiltIn: false) }
        do {
            _ = try RuleLoader.load(path: "x.yaml", bytes: Array("id: x\ncategory: c\n".utf8), isBuiltIn: false)
            Issue.record("a rule without severity loaded")
        } catch {
            #expect(error.message.contains("has no `severity`"))
        }
    }

    @Test func idClashIsAnError() throws {
        var catalog = try RuleCatalog.builtIn()
        let clash = try RuleLoader.load(path: "team/kickoff-minutes.yaml",
                                        bytes: Array(embeddedRuleFiles.first { $0.name == "kickoff-minutes.yaml" }!.text.utf8), isBuiltIn: false)
        #expect(throws: LocatedError.self) { try catalog.add(clash) }
    }
}
