import Testing
@testable import PMLint

/// Compiles a rule from YAML; `check` is the rule's check, indented as written.
func testRule(params: String = "", check: String, message: String = "hit") throws(LocatedError) -> Rule {
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

    /// A finding's message and fix are written when a report reads them, in its language:
    /// placeholders read the item, the bindings and the parameters as they were for the hit.
    @Test func messagesAreWrittenInTheLanguageReadWithEnglishForAMissingOne() throws {
        let text = """
        id: test-rule
        category: test
        severity: warning
        summary: {en: s}
        rationale: {en: r}
        source: test
        params:
          grace: 2w
        check:
          kind: each
          items: actions
          where: {compare: [due + $grace, "<", as_of]}
          at: due
        message: {en: "{what} ({owner|nobody}) due {due}, {grace} grace", zh: "{what}（{owner|无人}）{due} 到期，宽限 {grace}"}
        fix: {en: "chase {path} within {grace}"}

        """
        let rule = try RuleLoader.load(path: "test.yaml", bytes: Array(text.utf8), isBuiltIn: false)
        let plan = base + """
        log:
          - date: 2026-09-02
            type: meeting
            actions:
              - {what: Send export, due: 2026-09-10}
              - {what: 发送导出, owner: li-wei, due: 2026-09-11}

        """
        let found = hits(rule, plan: plan, asOf: "2026-10-01")
        #expect(found.map { $0.message[.en] } == ["Send export (nobody) due 2026-09-10, 2 weeks grace",
                                                  "发送导出 (li-wei) due 2026-09-11, 2 weeks grace"])
        #expect(found.map { $0.message[.zh] } == ["Send export（无人）2026-09-10 到期，宽限 2 周",
                                                  "发送导出（li-wei）2026-09-11 到期，宽限 2 周"])
        // No Chinese fix: a Chinese report shows the English one, as written in English.
        #expect(found.map { $0.fix?[.zh] } == ["chase log[0].actions[0].due within 2 weeks", "chase log[0].actions[1].due within 2 weeks"])
        #expect(found.map { $0.fix?[.en] } == found.map { $0.fix?[.zh] })
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

@Suite("Project index")
struct ProjectIndexTests {
    /// Whether a field exists is read from its item's row, not its value: for every item of
    /// the bundled examples and every key of its shape (and a key of each mapping field, and
    /// one no shape has), the answer is the one resolving the value gives.
    @Test func presenceFromTheRowAgreesWithResolving() throws {
        for name in ["acme-crm", "globex-website", "huaxin-erp", "northwind-portal"] {
            let folder = repositoryRoot.appendingPathComponent("examples/\(name)").path
            let location = try #require(try Discovery.projects(in: [folder]).first)
            let p = try Project.load(location, asOf: day("2026-11-20"))
            var items: [Item] = []
            func visit(_ item: Item) {
                items.append(item)
                item.nestedItems.forEach(visit)
            }
            p.plan.map(visit)
            p.entries.forEach(visit)
            var checked = 0
            for item in items {
                var paths = item.shape.fields.map { FieldPath(fromPlan: false, keys: [$0.key]) } + [FieldPath(fromPlan: false, keys: ["no_such_key"])]
                for field in item.shape.fields {
                    if case .mapping(let child) = field.type { paths += child.fields.map { FieldPath(fromPlan: false, keys: [field.key, $0.key]) } }
                }
                for path in paths {
                    let subject = Subject(item: item)
                    #expect(p.isGiven(path, from: subject) == (p.resolve(path, from: subject) != nil), "\(item.path) \(path)")
                    checked += 1
                }
            }
            #expect(checked > 100)
        }
    }

    /// The index's entries are the log's up to as-of, by date, file order within a day: the
    /// project's own list when the log is written so, else in an order of its own.
    @Test func entriesAreTheLogsUpToAsOfByDate() throws {
        func topics(_ log: String, asOf: String) throws -> [String] {
            let p = project(plan: minimalPlan + "log:\n" + log)
            let index = ProjectIndex(project: p, plan: try #require(p.plan), asOf: day(asOf))
            #expect(Array(index.dates) == index.entries.compactMap { $0.date("date") })
            return index.entries.compactMap { $0.text("topic") }
        }
        let inOrder = """
          - {date: 2026-09-01, type: call, with: [li-wei], topic: a}
          - {date: 2026-09-02, type: call, with: [li-wei], topic: b}
          - {date: 2026-09-02, type: call, with: [li-wei], topic: c}

        """
        #expect(try topics(inOrder, asOf: "2026-11-20") == ["a", "b", "c"])
        #expect(try topics(inOrder, asOf: "2026-09-01") == ["a"])
        let outOfOrder = """
          - {date: 2026-09-03, type: call, with: [li-wei], topic: a}
          - {date: 2026-09-01, type: call, with: [li-wei], topic: b}
          - {date: 2026-09-03, type: call, with: [li-wei], topic: c}
          - {date: 2026-12-01, type: call, with: [li-wei], topic: later}
          - {date: 2026-09-02, type: call, with: [li-wei], topic: d}

        """
        #expect(try topics(outOfOrder, asOf: "2026-11-20") == ["b", "d", "a", "c"])
        // Every entry, out of order, the last in its place.
        let swapped = """
          - {date: 2026-09-02, type: call, with: [li-wei], topic: a}
          - {date: 2026-09-01, type: call, with: [li-wei], topic: b}
          - {date: 2026-09-03, type: call, with: [li-wei], topic: c}

        """
        #expect(try topics(swapped, asOf: "2026-11-20") == ["b", "a", "c"])
    }

    /// The entries naming an id in `re`, or a person in with/to/from, by date up to as-of, each
    /// once; ids no item has are found by their spelling too. The same from a log in the plan
    /// (whose references the plan's check reports) and from a log file.
    @Test func linksAndMentionsByIDInDateOrder() throws {
        let log = """
          - {date: 2026-09-03, type: conflict, id: c1, from: [li-wei], topic: Conflict}
          - {date: 2026-09-01, type: call, with: [li-wei, zhang-min, li-wei], topic: Call}
          - {date: 2026-09-04, type: email, to: [li-wei], from: [li-wei], re: [c1, c1, ghost], topic: Answer}
          - {date: 2026-12-01, type: call, with: [li-wei], re: [c1], topic: Later}
          - {date: 2026-09-05, type: call, with: [nobody], re: [ghost], topic: Unknown}

        """
        for p in [project(plan: minimalPlan + "log:\n" + log), project(plan: minimalPlan, log: "log:\n" + log)] {
            let index = ProjectIndex(project: p, plan: try #require(p.plan), asOf: day("2026-11-20"))
            #expect(index.entries.compactMap { $0.text("topic") } == ["Call", "Conflict", "Answer", "Unknown"])
            #expect(Array(index.entries(linkedTo: "c1")) == [2])
            #expect(Array(index.entries(linkedTo: "ghost")) == [2, 3])
            #expect(Array(index.entries(mentioning: "li-wei")) == [0, 1, 2])
            #expect(Array(index.entries(mentioning: "zhang-min")) == [0])
            #expect(Array(index.entries(mentioning: "nobody")) == [3])
            #expect(index.entries(linkedTo: "li-wei").isEmpty && index.entries(mentioning: "c1").isEmpty)
            #expect(index.entries(linkedTo: "never-named").isEmpty)
            #expect(index.clientFacing == [true, true, true, false])
            #expect(located(p.findings.filter { $0.rule == DocumentRule.unknownReference.rawValue }).count == 3)
        }
    }

    /// Parts of the log's references made on separate cores number the ids no item has each on
    /// their own; joined, one id has one number, people stay people.
    @Test func entryReferencesJoinedNumberUnknownIDsOnce() throws {
        var ids = project(plan: minimalPlan).items
        let given = ids.given
        let liWei = try #require(ids.number(of: "li-wei"))
        var first = EntryReferences(numberingAfter: ids)
        first.add("li-wei", number: liWei, isPerson: true)
        first.add("ghost", number: nil, isPerson: false)
        first.endEntry()
        var second = EntryReferences(numberingAfter: ids)
        second.endEntry()
        second.add("other", number: nil, isPerson: true)
        second.add("ghost", number: nil, isPerson: false)
        second.add("li-wei", number: liWei, isPerson: false)
        second.endEntry()
        let joined = EntryReferences.joined([first, second], ids: &ids)
        let ghost = try #require(ids.number(of: "ghost"))
        let other = try #require(ids.number(of: "other"))
        #expect(ghost >= given && other >= given && ghost != other && ids.count == Int(given) + 2)
        #expect(ids.item(numbered: ghost) == nil && ids["ghost"] == nil && ids["li-wei"] != nil)
        func names(_ entry: Int) -> [String] {
            var names: [String] = []
            joined.forEach(ofEntry: entry) { names.append("\($0)\($1 ? "p" : "i")") }
            return names
        }
        #expect(joined.entryCount == 3)
        #expect(names(0) == ["\(liWei)p", "\(ghost)i"])
        #expect(names(1) == [])
        #expect(names(2) == ["\(other)p", "\(ghost)i", "\(liWei)i"])
    }

    /// Ids looked up by their bytes: every id added is found with its number, through the
    /// table's growth, whatever its length (a tail of one to seven bytes, several words of
    /// eight, Chinese); ids never added, and prefixes of added ones, are not.
    @Test func idTableFindsEveryIDByItsBytes() {
        var table = IDTable()
        let ids = (0..<5000).map { n in ["e\(n)", "milestone-\(n)-delivery", "决策-\(n)", String(repeating: "x", count: n % 40 + 1) + "\(n)"][n % 4] }
        func insert(_ id: String) -> (number: Int32, isNew: Bool) {
            var id = id
            return id.withUTF8 { table.insert($0) }
        }
        func number(_ id: String) -> Int32? {
            var id = id
            return id.withUTF8 { table.number(of: $0) }
        }
        for (number, id) in ids.enumerated() {
            #expect(insert(id) == (Int32(number), true))
        }
        #expect(insert("e0") == (0, false))
        #expect(table.count == ids.count)
        #expect(ids.indices.allSatisfy { number(ids[$0]) == Int32($0) && table.id(numbered: Int32($0)) == ids[$0] })
        #expect(number("e5000") == nil && number("milestone-1-deliver") == nil && number("") == nil && number("决策") == nil)
        #expect(insert("") == (Int32(ids.count), true) && number("") == Int32(ids.count))
    }

    /// The index takes a log entry's `re` as links and its people fields as mentions: those are
    /// its only fields of references.
    @Test func anEntrysReferencesAreReAndItsPeople() {
        let references = Schema.entry.fields.filter { field in
            if case .items = field.type { return true }
            return field.type.isPeople
        }
        #expect(references.map(\.key) == ["re"] + ProjectIndex.peopleKeys)
    }

    @Test func checksReadOnlyTheEntriesTheirConditionsNameByTypeAndKind() throws {
        let plan = minimalPlan + """
        log:
          - {date: 2026-09-01, type: meeting, kind: kickoff, with: [li-wei], topic: Kickoff}
          - {date: 2026-09-02, type: call, with: [li-wei], topic: Call}
          - {date: 2026-09-03, type: meeting, kind: progress, with: [li-wei], topic: Progress}
          - {date: 2026-09-04, type: meeting, with: [li-wei], topic: No kind}
          - {date: 2026-09-05, type: meeting, kind: kickoff, with: [li-wei], topic: Second kickoff}

        """
        let p = project(plan: plan)
        let index = ProjectIndex(project: p, plan: try #require(p.plan), asOf: day("2026-11-20"))
        func field(_ key: String, _ words: [String]) -> Predicate { .field(try! #require(FieldPath(key)), .among(words)) }
        let kickoff = Predicate.all([field("type", ["meeting"]), field("kind", ["kickoff"])])
        #expect(kickoff.requiredValues(of: "type") == ["meeting"])
        #expect(kickoff.requiredValues(of: "kind") == ["kickoff"])
        #expect(index.candidatePositions(for: kickoff) == [0, 4])
        #expect(index.candidatePositions(for: field("type", ["meeting"])) == [0, 2, 3, 4])
        #expect(index.candidatePositions(for: field("kind", ["progress", "kickoff"])) == [0, 2, 4])
        // A branch of `any` that says nothing of kind leaves every meeting a candidate.
        let either = Predicate.any([field("kind", ["kickoff"]), field("type", ["meeting"])])
        #expect(either.requiredValues(of: "kind") == nil)
        #expect(index.candidatePositions(for: either) == [0, 1, 2, 3, 4])
        #expect(index.candidatePositions(for: .not(field("kind", ["kickoff"]))) == [0, 1, 2, 3, 4])
        // Conditions on an indexed choice read the index's column, absent values included.
        #expect(index.choice("kind", ofEntry: 0) == .some("kickoff"))
        #expect(index.choice("kind", ofEntry: 3) == .some(nil))
        #expect(index.choice("type", ofEntry: 1) == .some("call"))
        #expect(index.choice("health", ofEntry: 0) == nil)
        var ignored: [String: Binding] = [:]
        let evaluation = Evaluation(index: index, parameters: [:])
        let holds = (Int32(0)..<5).map { evaluation.holds(kickoff, for: Subject(entry: $0, in: index), bindings: &ignored) }
        #expect(holds == [true, false, false, false, true])
        let noKind = Predicate.field(try #require(FieldPath("kind")), .exists(false))
        #expect((Int32(0)..<5).map { evaluation.holds(noKind, for: Subject(entry: $0, in: index), bindings: &ignored) } == [false, true, false, true, false])
    }
}
