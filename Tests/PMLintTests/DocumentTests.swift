import Testing
@testable import PMLint

@Suite("Document diagnostics")
struct DocumentTests {
    @Test func minimalPlanIsClean() {
        #expect(project(plan: minimalPlan).findings.isEmpty)
    }

    /// Identities feed the fingerprints that baselines record: a reader change must keep them.
    @Test func findingIdentitiesStayAsBaselinesRecordThem() {
        let plan = minimalPlan + """
        milestones:
          - id: "not an id"
            name: Beta
            due: 2026-13-01
          - id: m2
            name: Launch
            due: 2026-10-01
            reviewer: nobody
        """
        let identities = Set(project(plan: plan).findings.map { "\($0.rule) \($0.path) \($0.identity)" })
        #expect(identities.contains("schema milestones[0].id milestones[0]|invalid"))
        #expect(identities.contains("schema milestones[0].due milestones[0].due|invalid"))
        #expect(identities.contains("unknown-reference milestones[1].reviewer milestones#m2.reviewer|nobody"))
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
        #expect(findings[0].severity == .warning)
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

    /// Items keep their texts as byte ranges of the file, or decoded bytes of their own where the
    /// value is not its source text (escapes, quotes, folded and literal blocks), in the columns
    /// of their reader's store: enough entries for a list read on all cores (a store a slice, the
    /// list's items in several), every style, each value and where it is written read back as
    /// the YAML says.
    @Test func textsKeepTheirValuesInEveryStyleAcrossStores() throws {
        let styles: [(yaml: String, value: String)] = [
            ("Agreed the plan", "Agreed the plan"),
            ("'It''s agreed'", "It's agreed"),
            ("\"Tab\\tand \\u00e9 and line\\Lsep\"", "Tab\tand é and line\u{2028}sep"),
            (">\n      folded\n      lines\n", "folded lines\n"),
            ("|\n      kept\n      lines\n", "kept\nlines\n"),
            ("客户确认了范围", "客户确认了范围"),
            ("\"quoted, plain inside\"", "quoted, plain inside"),
        ]
        var log = "log:\n"
        var expected: [(summary: String, decisions: [String], what: String?)] = []
        for index in 0..<5000 {
            let summary = styles[index % styles.count]
            let decision = styles[(index / 7) % styles.count]
            log += "  - date: 2026-09-01\n    type: meeting\n    with: [\"li-wei\"]\n    summary: \(summary.yaml)\n"
            log += "    decisions: [plain \(index), \"\(index) \\u00e9\"]\n    topic: \(decision.yaml)\n"
            var what: String?
            if index % 5 == 0 {
                log += "    actions:\n      - what: \(summary.yaml.replacingOccurrences(of: "\n      ", with: "\n          "))\n        owner: li-wei\n"
                what = summary.value
            }
            expected.append((summary.value, ["plain \(index)", "\(index) é"], what))
        }
        let p = project(plan: minimalPlan, log: log)
        #expect(p.findings.filter { $0.severity == .error }.isEmpty)
        try #require(p.entries.count == expected.count)
        let bytes = try #require(p.entries.first?.source.bytes.whole)
        for (index, (entry, wanted)) in zip(p.entries, expected).enumerated() {
            #expect(entry.text("summary") == wanted.summary, "entry \(index)")
            #expect(entry.text("topic") == styles[(index / 7) % styles.count].value, "entry \(index)")
            let decisions = entry.texts("decisions")
            #expect(decisions.map(\.text) == wanted.decisions, "entry \(index)")
            // Each text's range is where it is written, quotes and all.
            for decision in decisions {
                let written = String(decoding: bytes[Int(decision.range.start)..<Int(decision.range.end)], as: UTF8.self)
                #expect(written == decision.text || written == "\"\(decision.text.replacingOccurrences(of: "é", with: "\\u00e9"))\"")
            }
            #expect(entry.refs("with").map(\.id) == ["li-wei"])
            #expect(entry.items("actions").first?.text("what") == wanted.what, "entry \(index)")
            #expect(entry.items("actions").first?.refs("owner").map(\.id) == (wanted.what == nil ? nil : ["li-wei"]))
        }
        // An item is the same item however it is reached, and no other.
        let entries = Array(p.entries)
        #expect(Set(entries).count == entries.count)
        #expect(entries[4999] == p.entries[4999] && entries[4999] != entries[4998])
        #expect(p.entries[10].items("actions").first == p.entries[10].items("actions").first)
        #expect(p.entries[10].items("actions").first != p.entries[15].items("actions").first)
    }

    /// A value counts its texts and ids in 16 bits; a longer list keeps its length beside them.
    /// Both kinds of list past that length read back whole, and so do the values after them.
    @Test func listsLongerThanAValueCountsReadBackWhole() throws {
        let count = 70_000
        var log = "log:\n  - date: 2026-09-01\n    type: meeting\n    summary: long\n    with:\n"
        log += String(repeating: "      - li-wei\n", count: count)
        log += "    decisions:\n"
        for index in 0..<count { log += "      - d\(index)\n" }
        log += "  - date: 2026-09-02\n    type: meeting\n    summary: after\n    with: [li-wei]\n    decisions: [one, two]\n"
        let p = project(plan: minimalPlan, log: log)
        #expect(p.findings.filter { $0.severity == .error }.isEmpty)
        try #require(p.entries.count == 2)
        let long = p.entries[0]
        let decisions = long.texts("decisions")
        #expect(decisions.count == count)
        #expect(decisions.first?.text == "d0" && decisions.last?.text == "d\(count - 1)")
        #expect(decisions.enumerated().allSatisfy { $0.element.text == "d\($0.offset)" })
        let with = long.refs("with")
        #expect(with.count == count && with.allSatisfy { $0.id == "li-wei" })
        let bytes = long.source.bytes.whole
        #expect(with.last.map { String(decoding: bytes[Int($0.range.start)..<Int($0.range.end)], as: UTF8.self) } == "li-wei")
        #expect(p.entries[1].texts("decisions").map(\.text) == ["one", "two"])
        #expect(p.entries[1].refs("with").map(\.id) == ["li-wei"])
    }

    /// A column grows by doubling, in the heap and then in pages mapped for it alone: what was
    /// written stays as written across every growth, appended one at a time or in runs.
    @Test func columnsKeepTheirValuesAsTheyGrowPastMapping() {
        var column = Column<SourceRange>()
        var expected: [SourceRange] = []
        var next: UInt32 = 0
        // 8 bytes an element: 200,000 of them are 1.6 MB, past the size at which a column is mapped.
        while expected.count < 200_000 {
            let run = (0..<Int(next % 7)).map { SourceRange(start: next + UInt32($0), end: next &* 3 &+ UInt32($0)) }
            if run.isEmpty {
                let range = SourceRange(start: next, end: ~next)
                column.append(range)
                expected.append(range)
            } else {
                run.withUnsafeBufferPointer { column.append(contentsOf: $0) }
                expected += run
            }
            next += 1
        }
        #expect(column.count == expected.count)
        let firstDifference = expected.indices.first { column[$0] != expected[$0] }
        #expect(firstDifference == nil)
        column.deallocate()
    }

    /// Days, whole numbers, choices and durations (kept as their text and read again) come back
    /// as written, from many items in many stores: the plan's recurring meetings, written
    /// plain and quoted, and the log's feedback.
    @Test func keptValuesOfEveryKindReadBackAcrossStores() throws {
        let cadences = ["weekly", "\"2w\"", "'10wd'", "monthly", "3d"]
        let spelled = ["weekly", "2w", "10wd", "monthly", "3d"]
        var plan = minimalPlan + "communication:\n  meetings:\n"
        for index in 0..<3000 {
            plan += "    - {kind: \(index % 2 == 0 ? "progress" : "review"), every: \(cadences[index % cadences.count]), with: [li-wei]}\n"
        }
        plan += "log:\n"
        for index in 0..<3000 {
            plan += "  - {date: 2026-09-\(String(format: "%02d", index % 28 + 1)), type: feedback, from: [li-wei], score: \(index % 5 + 1)}\n"
        }
        let p = project(plan: plan)
        #expect(p.findings.filter { $0.severity == .error }.isEmpty)
        let meetings = try #require(p.plan?.item("communication")?.items("meetings"))
        try #require(meetings.count == 3000)
        for (index, meeting) in meetings.enumerated() {
            guard case .duration(let every)? = meeting["every"]?.value else { Issue.record("meeting \(index) has no cadence"); continue }
            #expect(every.description == (Duration(parsing: spelled[index % spelled.count])?.description ?? "?"), "meeting \(index)")
            #expect(meeting.choice("kind") == (index % 2 == 0 ? "progress" : "review"))
        }
        try #require(p.entries.count == 3000)
        for (index, entry) in p.entries.enumerated() {
            #expect(entry.date("date") == Day(year: 2026, month: 9, day: index % 28 + 1), "entry \(index)")
            guard case .integer(let score)? = entry["score"]?.value else { Issue.record("entry \(index) has no score"); continue }
            #expect(score == index % 5 + 1)
        }
    }

    @Test func defaultsComeFromTheSchema() {
        let plan = minimalPlan + "risks:\n  - {id: r1, title: x, identified_on: 2026-09-02}\n"
        #expect(project(plan: plan).items["r1"]?.choice("status") == "open")
    }
}
