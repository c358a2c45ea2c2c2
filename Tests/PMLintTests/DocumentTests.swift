import Testing
@testable import PMLint

@Suite("Document diagnostics")
struct DocumentTests {
    @Test func minimalPlanIsClean() {
        #expect(project(plan: minimalPlan).findings.isEmpty)
    }

    @Test func missingRequiredFieldPointsAtTheMapping() {
        let findings = project(plan: "project:\n  name: Demo\n  start: 2026-09-01\n").findings
        #expect(located(findings) == ["schema@2:3"])
        #expect(findings[0].message.en.contains("`client`"))
        #expect(findings[0].path == "project.client")
    }

    @Test func wrongTypesAreSchemaErrorsAtTheValue() {
        let plan = minimalPlan + """
        milestones:
          - id: m1
            name: Beta
            due: 2026-02-30
            deliverables: {a: b}
        risks:
          - id: r1
            title: x
            identified_on: 2026-09-02
            impact: huge
        communication:
          status_reports:
            every: 1 week

        """
        let findings = project(plan: plan).findings
        #expect(located(findings) == ["schema@16:10", "schema@17:19", "schema@22:13", "schema@25:12"])
        #expect(findings[0].path == "milestones[0].due")
        #expect(findings[2].message.en.contains("one of low, medium, high"))
    }

    @Test func aTextWithAColonExplainsTheQuotes() {
        let plan = minimalPlan + "scope:\n  objectives: [Week 1: done]\n"
        let finding = project(plan: plan).findings[0]
        #expect(finding.rule == "schema")
        #expect(finding.message.en.contains("put the text in quotes"))
    }

    @Test func unknownKeySuggestsTheNearestKey() {
        let findings = project(plan: minimalPlan + "stakholders: []\nx-notes: anything\n").findings
        #expect(located(findings) == ["unknown-key@13:1"])
        #expect(findings[0].message.en.contains("did you mean `stakeholders`?"))
        // An error (FORMAT.md): a misspelt key silently switches checks off.
        #expect(findings[0].severity == .error)
    }

    @Test func duplicateKeyPointsAtTheSecond() {
        let findings = project(plan: "project:\n  name: A\n  name: B\n  client: C\n  start: 2026-09-01\n").findings
        #expect(located(findings) == ["duplicate-key@3:3"])
        #expect(findings[0].message.en.contains("first at line 2"))
    }

    @Test func duplicateIdsShareOneNamespace() {
        let plan = minimalPlan + "milestones:\n  - {id: li-wei, name: X, due: 2026-10-01}\n"
        let findings = project(plan: plan, log: "log:\n  - {date: 2026-09-02, type: note, id: li-wei}\n").findings
        #expect(located(findings) == ["duplicate-id@14:10", "duplicate-id@2:40"])
        #expect(findings[0].message.en.contains("stakeholder `stakeholders[0]`"))
    }

    @Test func unknownReferencesSuggestAndCheckKinds() {
        let plan = minimalPlan + "milestones:\n  - {id: m1, name: X, due: 2026-10-01, reviewer: m1}\n"
        let log = "log:\n  - date: 2026-09-02\n    type: meeting\n    with: [li-wie]\n    re: [m2]\n"
        let findings = project(plan: plan, log: log).findings
        #expect(located(findings) == ["unknown-reference@14:50", "unknown-reference@5:10", "unknown-reference@4:12"])
        #expect(findings[0].message.en.contains("which is a milestone, not a stakeholder"))
        #expect(findings[1].path == "log[0].re")
        #expect(findings[1].message.en.contains("no item has that id; did you mean `m1`?"))
        #expect(findings[2].message.en.contains("did you mean `li-wei`?"))
    }

    @Test func conflictEntriesNeedAnId() {
        let findings = project(plan: minimalPlan, log: "log:\n  - date: 2026-09-02\n    type: conflict\n").findings
        #expect(located(findings) == ["schema@2:5"])
        #expect(findings[0].message.en.contains("required when `type` is `conflict`"))
    }

    @Test func logOrderAndFutureDates() {
        let log = "log:\n  - {date: 2026-09-05, type: note}\n  - {date: 2026-09-03, type: note}\n  - {date: 2026-12-01, type: note}\n"
        let findings = project(plan: minimalPlan, log: log, asOf: "2026-11-20").findings
        #expect(located(findings) == ["log-order@3:12", "future-date@4:12"])
        #expect(findings[0].severity == .info)
        #expect(findings[1].severity == .warning)
    }

    @Test func logInPlanAndInLogFileIsADuplicateKey() {
        let findings = project(plan: minimalPlan + "log: []\n", log: "log: []\n").findings
        #expect(located(findings) == ["duplicate-key@1:1"])
        #expect(findings[0].file == "log.yaml")
    }

    @Test func singleFileProjectReadsItsLog() {
        let p = project(plan: minimalPlan + "log:\n  - {date: 2026-09-02, type: call, with: li-wei}\n")
        #expect(p.findings.isEmpty)
        #expect(p.entries.count == 1)
        #expect(p.entries[0].path == "log[0]")
    }

    @Test func secondDocumentAndEmptyFileAreSchemaErrors() {
        #expect(located(project(plan: minimalPlan + "---\na: 1\n").findings) == ["schema@13:1"])
        let empty = project(plan: "").findings
        #expect(located(empty) == ["schema@1:1"])
        #expect(empty[0].message.en.contains("`project:`"))
    }

    @Test func aPlanThatIsAListIsASchemaError() {
        let findings = project(plan: "- a\n- b\n").findings
        #expect(located(findings) == ["schema@1:1"])
        #expect(findings[0].message.en.contains("must be a mapping"))
    }

    @Test func syntaxErrorsSilenceTheRestOfTheProject() {
        let p = project(plan: "project: [\n", log: "log: []\n")
        #expect(p.isBroken)
        #expect(p.findings.map(\.rule) == ["yaml-syntax"])
        #expect(p.plan == nil)
    }

    @Test func aliasesAreReadAtTheirUse() {
        let plan = minimalPlan + "communication:\n  status_reports: {every: weekly, to: &readers [li-wei]}\n  escalation: *readers\n"
        let p = project(plan: plan)
        #expect(p.findings.isEmpty)
        #expect(p.plan?.item("communication")?.refs("escalation").map(\.id) == ["li-wei"])
    }

    @Test func aliasExpansionIsBudgeted() {
        var plan = minimalPlan + "x-a0: &a0 {id: li-wei, name: x, side: client}\n"
        plan += "x-a1: &a1 [" + Array(repeating: "*a0", count: 50).joined(separator: ", ") + "]\n"
        plan += "x-a2: &a2 [" + Array(repeating: "*a1", count: 50).joined(separator: ", ") + "]\n"
        plan += "scope:\n  objectives: [" + Array(repeating: "*a2", count: 50).joined(separator: ", ") + "]\n"
        let findings = project(plan: plan).findings
        #expect(!findings.isEmpty)
        #expect(findings.count <= 60)
    }

    @Test func textsAcceptASingleStringAndEmptyLists() {
        let plan = minimalPlan + "scope:\n  objectives: Launch by May\n  out_of_scope: []\n  assumptions:\n"
        let p = project(plan: plan)
        #expect(p.findings.isEmpty)
        let scope = p.plan?.item("scope")
        #expect(scope?.texts("objectives").map(\.text) == ["Launch by May"])
        #expect(scope?["out_of_scope"] != nil)
        #expect(scope?.texts("assumptions").isEmpty == true)
    }

    @Test func defaultsComeFromTheSchema() {
        let plan = minimalPlan + "risks:\n  - {id: r1, title: x, identified_on: 2026-09-02}\n"
        #expect(project(plan: plan).items["r1"]?.choice("status") == "open")
    }

    @Test func aPlanThatCannotBeReadIsOneFindingNotAnEchoInEveryLogEntry() {
        // A tab where indentation is expected: before, every `re` and `with` of the log was an
        // `unknown-reference` error too, and the real cause came last.
        let plan = minimalPlan + "milestones:\n\t- {id: m1, name: Beta, due: 2026-10-01}\n"
        let log = "log:\n  - {date: 2026-09-02, type: meeting, kind: kickoff, id: kickoff, with: [li-wei]}\n"
            + "  - {date: 2026-09-03, type: minutes, re: [kickoff], to: [li-wei]}\n"
        let findings = project(plan: plan, log: log).findings
        #expect(findings.map(\.rule) == ["yaml-syntax"])
        #expect(findings.first?.message.en.contains("YAML indents with spaces, not tabs") == true)
        #expect(findings.first?.file == "plan.yaml")
    }

    @Test func reNamesAnItemNotAPerson() {
        let log = "log:\n  - {date: 2026-09-03, type: email, re: [li-wei], to: [li-wei]}\n"
        let findings = project(plan: minimalPlan, log: log).findings
        #expect(located(findings) == ["unknown-reference@2:42"])
        #expect(findings.first?.message.en.contains("`li-wei`, a stakeholder; `re` names the items an entry follows up") == true)
        // And the other way round: a milestone named where a person belongs.
        let milestone = minimalPlan + "milestones:\n  - {id: m1, name: Beta, due: 2026-12-01}\nlog:\n  - {date: 2026-09-03, type: email, to: [m1]}\n"
        let wrongPerson = project(plan: milestone).findings.first { $0.rule == "unknown-reference" }
        #expect(wrongPerson?.message.en == "`to` names `m1`, which is a milestone, not a stakeholder")
        #expect(wrongPerson?.fix?.en == "name a stakeholder in `to`; the milestone `m1` belongs in `re`")
        // A person named where a person belongs is fine.
        #expect(project(plan: minimalPlan, log: "log:\n  - {date: 2026-09-03, type: email, to: [li-wei]}\n").findings.isEmpty)
    }

    @Test func theWorkingCalendarReadsDatesAndRanges() throws {
        let plan = minimalPlan + "calendar:\n  holidays: [2025-10-01..2025-10-03, 2025-12-25]\n  workdays: 2025-09-28\n"
        let p = project(plan: plan)
        #expect(p.findings.isEmpty, "\(p.findings.map(\.message.en))")
        let calendar = try #require(p.plan?.item("calendar"))
        #expect(calendar["holidays"]?.value.days.map(\.description) == ["2025-10-01", "2025-10-02", "2025-10-03", "2025-12-25"])
        #expect(calendar["workdays"]?.value.days.map(\.description) == ["2025-09-28"])
    }

    @Test func aCalendarDayMustBeADateOrARangeAndInOneListOnly() {
        let wrong = project(plan: minimalPlan + "calendar:\n  holidays: [2025-10-08..2025-10-01, 2025-02-30, 2025-01-01..2026-06-01]\n")
        #expect(wrong.findings.map(\.path) == ["calendar.holidays[0]", "calendar.holidays[1]", "calendar.holidays[2]"])
        #expect(wrong.findings.allSatisfy { $0.rule == "schema" })
        let both = project(plan: minimalPlan + "calendar:\n  holidays: [2025-10-01..2025-10-08]\n  workdays: [2025-10-04, 2025-10-11]\n")
        #expect(both.findings.map(\.rule) == ["schema"])
        #expect(both.findings.first?.path == "calendar.workdays")
        #expect(both.findings.first?.message.en.hasPrefix("2025-10-04 is both a holiday and a make-up working day") == true)
    }
}
