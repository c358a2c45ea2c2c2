import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PMLint

@Suite("explain")
struct ExplainTests {
    @Test func explainHasTheSectionsOfARuleDoc() throws {
        let run = try runCLI(["explain", "conflict-written-only"])
        #expect(run.status == 0)
        for section in ["What it checks", "Why it matters", "Source: G4 §5", "G4: A project manager's communication with clients", "Example that fires",
                        "Use instead", "How to fix it", "Parameters", "Coaching (what no rule can check)"] {
            #expect(run.out.contains(section), "missing \(section)")
        }
        #expect(run.out.contains("- {date: 2026-10-11, type: email, re: [c1], to: [li-wei]}"))
    }

    @Test func explainInChineseAndWithParameters() throws {
        let run = try runCLI(["explain", "status-report-overdue", "--lang", "zh"])
        #expect(run.out.contains("为什么"))
        #expect(run.out.contains("every: 1w（计划中给出 `plan.communication.status_reports.every` 时以其为准）"))
        #expect(run.out.contains("grace: 1d"))
        // The article by its Chinese title, the passage without its English name, no English note.
        let conflict = try runCLI(["explain", "conflict-written-only", "--lang", "zh"])
        #expect(conflict.out.hasPrefix("conflict-written-only（警告，冲突）"))
        #expect(conflict.out.contains("出处：G4 §5（宜当面沟通，忌背后议论）"))
        #expect(conflict.out.contains("G4：项目经理与客户的沟通技巧：五宜五忌（指导文章 004）"))
        #expect(!conflict.out.contains("note:"))
    }

    @Test func unknownRuleSuggestsTheNearest() throws {
        let run = try runCLI(["explain", "conflict-stal"])
        #expect(run.status == 2)
        #expect(run.err.contains("did you mean `conflict-stale`"))
        #expect(try runCLI(["explain", "schema"]).status == 0)
    }

    @Test func checkExplainPrintsTheWhy() throws {
        let run = try runCLI(["check", "examples/northwind-portal", "--as-of", "2026-11-20", "--select", "kickoff-minutes", "--explain"])
        #expect(run.out.contains("why: The kickoff is where both sides agree"))
    }
}

@Suite("init")
struct InitTests {
    @Test(arguments: ["en", "zh"])
    func starterFilesAreValidAsWritten(_ lang: String) throws {
        let root = try scratchFolder(["readme.txt": "x"])
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("new-project").path
        let run = try runCLI(["init", folder, "--lang", lang])
        #expect(run.status == 0)
        let result = try Linter.collect(CheckOptions(paths: [folder], asOf: Day.todayForTests, catalog: try RuleCatalog.builtIn()))
        #expect(result.findings.filter { $0.finding.category == "document" }.isEmpty, "\(result.findings.map(\.finding.message.en))")
        #expect(result.count(.error) == 0)
        let plan = try String(contentsOfFile: folder + "/plan.yaml", encoding: .utf8)
        #expect(plan.contains(lang == "zh" ? "为什么重要" : "why it"))
        for section in ["project:", "stakeholders:", "scope:", "communication:", "milestones:", "risks:", "changes:", "closure:"] {
            #expect(plan.contains(section))
        }
    }

    @Test func initNeverOverwrites() throws {
        let root = try scratchFolder(["p/plan.yaml": "mine\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runCLI(["init", root.path + "/p"])
        #expect(run.status == 2)
        #expect(run.err.contains("already exists"))
        #expect(try String(contentsOfFile: root.path + "/p/plan.yaml", encoding: .utf8) == "mine\n")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/p/log.yaml"))
    }
}

@Suite("brief")
struct BriefTests {
    let troubled = ["brief", "examples/northwind-portal", "--as-of", "2026-11-20"]

    @Test func markdownGolden() throws {
        let run = try runCLI(troubled)
        #expect(run.status == 0)
        try expectGolden(run.out, "brief-northwind.md")
        try expectGolden(try runCLI(["brief", "examples/huaxin-erp", "--as-of", "2026-11-20", "--lang", "zh"]).out, "brief-huaxin.zh.md")
    }

    @Test func theBriefListsWhatToRaise() throws {
        var options = CheckOptions(paths: [repositoryRoot.path + "/examples/northwind-portal"], asOf: day("2026-11-20"),
                                   catalog: try RuleCatalog.builtIn())
        options.briefs = true
        let result = try Linter.collect(options)
        let brief = try #require(result.projects.first?.brief)
        #expect(brief.conflicts.map(\.text) == ["c2: Emma Ross objects to the rejected Excel export", "c1: Beta release missed without warning"])
        #expect(brief.changes.map(\.text) == ["cr1: Live chat with the support team"])
        #expect(brief.overdueMilestones.map(\.text) == ["m2: Beta release to 50 pilot customers"])
        #expect(brief.overdueActions.count == 1)
        // From risk-not-shared's findings: r2 (medium impact, low probability) need not be shared yet.
        #expect(brief.risksToShare.map(\.text) == ["r1: The payment provider retires the API version the portal uses"])
        #expect(brief.promises.map(\.text) == ["Beta release on 2026-11-06"])
        #expect(brief.promises.first?.doneOn == nil, "a conflict about the missed beta is no evidence it shipped")
        #expect(brief.health.first { $0.category == "scope" }?.status == .red)
        #expect(brief.health.first { $0.category == "closure" }?.status == .green)
        #expect(brief.agenda.first?.en.hasPrefix("Talk through the open conflict") == true)
        let reports = try #require(brief.timeline.lanes.first { $0.kind == .report })
        #expect(reports.points.count == 7)
        // Shaded only where nothing at all went to the client: the meetings and e-mails between
        // the reports count.
        let gaps = brief.timeline.gaps.map { "\($0.from)…\($0.to)" }
        // (10-02 to 10-30 had no report, but an e-mail to the client on 10-13.)
        #expect(gaps == ["2026-08-14…2026-08-28", "2026-08-28…2026-09-11", "2026-09-18…2026-10-02",
                         "2026-10-02…2026-10-13", "2026-10-30…2026-11-20"])
    }

    @Test func promisesAreMatchedToWhatWasDone() {
        #expect(Brief.similar("Design review with David Park", "Design review held with David Park"))
        #expect(Brief.similar("下周进行集成测试", "本周完成集成测试工作"))
        #expect(!Brief.similar("Build sprint 2", "Beta release missed"))
    }

    @Test func htmlIsOneWellFormedSelfContainedPage() throws {
        let run = try runCLI(troubled + ["--format", "html"])
        #expect(run.status == 0)
        let document = try XMLDocument(xmlString: run.out)
        #expect(try document.nodes(forXPath: "//*[local-name()='svg']").count == 1)
        // Seven status reports, and the legend's one.
        #expect(try document.nodes(forXPath: "//*[local-name()='circle']").count == 8)
        // A legend for every mark, and a label on the last report.
        for word in ["status report", "meeting or call", "open conflict", "resolved conflict", "milestone done", "milestone due", "milestone late", "nothing to the client", ">last 10-30<"] {
            #expect(run.out.contains(word), "\(word)")
        }
        #expect(try document.nodes(forXPath: "//*[local-name()='h2']").count >= 10)
        for external in ["<link", "<script", "src=", "url(", "@import"] {
            #expect(!run.out.contains(external), "the page must not load \(external)")
        }
        #expect(run.out.contains("@media print"))
    }

    @Test func aBriefOfSeveralProjects() throws {
        let run = try runCLI(["brief", "examples", "--as-of", "2026-11-20"])
        #expect(run.out.components(separatedBy: "# Pre-meeting brief:").count == 5)
    }
}

extension Day {
    static var todayForTests: Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

/// The brief a busy PM reads in a minute: what to do first comes first, only what is due is
/// on the agenda, people by name, items by id, and the Chinese brief in Chinese.
@Suite("Brief shape")
struct BriefShapeTests {
    func brief(_ log: String, asOf: String, lang: String = "en") throws -> String {
        let plan = minimalPlan + """
            communication: {status_reports: {every: 1w, to: [li-wei]}}
            changes:
              - {id: cr1, title: Export to Excel, requested_by: li-wei, requested_on: 2026-11-02, status: assessing}

            """
        let root = try scratchFolder(["p/plan.yaml": plan, "p/log.yaml": log])
        defer { try? FileManager.default.removeItem(at: root) }
        return try runCLI(["brief", root.path + "/p", "--as-of", asOf, "--lang", lang]).out
    }

    static let log = """
        log:
          - {date: 2026-09-02, type: meeting, id: kickoff, kind: kickoff, with: [li-wei, zhang-min], topic: Kickoff}
          - {date: 2026-11-19, type: status_report, to: [li-wei], done: [Design], next: [Build the export, Go-live on 2026-12-11], issues: []}

        """

    @Test func whatToDoFirstComesBeforeTheDetailsAndTheHealthTable() throws {
        let page = try brief(Self.log, asOf: "2026-11-20")
        let first = try #require(page.range(of: "## Before the meeting"))
        let health = try #require(page.range(of: "## Health by area"))
        let changes = try #require(page.range(of: "## Change requests"))
        #expect(first.lowerBound < changes.lowerBound && changes.lowerBound < health.lowerBound)
        #expect(page.contains("cr1: Export to Excel** — assessing, requested 2026-11-02 by Li Wei"))
    }

    /// A report sent yesterday promised things for next week: not agenda items yet. Once the
    /// next report is due they are, except one that names a date still to come.
    @Test func onlyWhatIsDueIsOnTheAgenda() throws {
        let early = try brief(Self.log, asOf: "2026-11-20")
        #expect(!early.contains("Report on what the last status report promised"))
        let due = try brief(Self.log, asOf: "2026-11-27")
        #expect(due.contains("Report on what the last status report promised: Build the export."))
        #expect(!due.contains("promised: Go-live on 2026-12-11"))
        // Coaching on how to run a kickoff is for before the kickoff.
        #expect(!due.contains("Arrive at the kickoff early"))
    }

    @Test func theChineseBriefIsInChinese() throws {
        let page = try brief(Self.log, asOf: "2026-11-27", lang: "zh")
        #expect(page.contains("# 会前简报：Demo（Client Co）"))
        #expect(page.contains("评估中") && page.contains("由 Li Wei 提出"))
        for word in ["assessing", "received", "green", "amber", "red", "kickoff", "status", "scope", "milestones"] {
            #expect(!page.split(whereSeparator: { !$0.isLetter }).contains { $0 == word }, "\(word) in the Chinese brief")
        }
    }
}

/// Every word the reader sees is in their language: a Chinese report holds none of the
/// format's English vocabulary (statuses, roles, levels, kinds, entry types, health, areas),
/// and an English report of an English project holds no Chinese. Code (`...`), rule ids,
/// paths and the project's own text are not the report's words and are left out.
@Suite("Reports in the reader's language")
struct ReaderLanguageTests {
    static let vocabulary: Set<String> = Set(Schema.levels + Schema.rag + Schema.meetingKinds + Schema.entryTypes + Brief.categories
        + ["open", "closed", "resolved", "escalated", "received", "assessing", "approved", "rejected", "withdrawn", "implemented",
           "sponsor", "owner", "contact", "member", "manager", "client", "team", "free", "paid", "active", "passive", "routine"])

    /// The words of a report, without code spans, rule ids in brackets and paths.
    func prose(_ text: String) -> [String] {
        // Code spans and the `<placeholders>` explain shows for a finding's values are not words.
        var kept = ""
        var inCode = false
        var inPlaceholder = false
        for character in text {
            if character == "`" { inCode.toggle(); continue }
            if !inCode, character == "<" { inPlaceholder = true; continue }
            if inPlaceholder { if character == ">" { inPlaceholder = false }; continue }
            if !inCode { kept.append(character) }
        }
        return kept.split(whereSeparator: { !$0.isLetter && $0 != "_" && $0 != "-" && $0 != "/" && $0 != "." && $0 != "[" && $0 != "]" })
            .map(String.init).filter { !$0.contains("/") && !$0.contains("[") && !$0.contains(".") }
    }

    @Test(arguments: [("examples/huaxin-erp", "2026-11-20"), ("Tests/PMLintTests/Fixtures/realistic/huadong-troubled", "2025-11-10"),
                      ("Tests/PMLintTests/Fixtures/realistic/hekang-healthy", "2026-03-20")])
    func aChineseReportHasNoEnglishVocabulary(project: String, asOf: String) throws {
        var outputs = [try runCLI(["brief", project, "--as-of", asOf, "--lang", "zh"]).out]
        // The HTML page's visible text: no style sheet, no tags (class names are not words).
        var html = try runCLI(["brief", project, "--as-of", asOf, "--lang", "zh", "--format", "html"]).out
        if let style = html.range(of: "<style>"), let end = html.range(of: "</style>") { html.removeSubrange(style.lowerBound..<end.upperBound) }
        var visible = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false; visible.append(" ") } else if !inTag { visible.append(character) }
        }
        outputs.append(visible)
        // The text report's messages and fixes: what follows `]: ` and `建议：`.
        let text = try runCLI(["check", project, "--as-of", asOf, "--lang", "zh", "--color", "never"]).out
        outputs.append(text.split(separator: "\n").compactMap { line in
            line.range(of: "]: ").map { String(line[$0.upperBound...]) } ?? line.range(of: "建议：").map { String(line[$0.upperBound...]) }
        }.joined(separator: "\n"))
        for output in outputs {
            let english = Set(prose(output)).intersection(Self.vocabulary)
            #expect(english.isEmpty, "\(english.sorted()) in a Chinese report of \(project)")
        }
    }

    /// `explain` in Chinese: what the rule checks, its message, why, and where it comes from
    /// (the examples and fixes hold YAML, which is code).
    @Test func chineseExplanationsHaveNoEnglishVocabulary() throws {
        for rule in try RuleCatalog.builtIn().rules {
            let text = RuleExplanation.text(rule, language: .zh)
            let prose = text.components(separatedBy: "会触发的例子").first ?? text
            let english = Set(self.prose(prose)).intersection(Self.vocabulary)
            #expect(english.isEmpty, "\(english.sorted()) in `explain \(rule.id) --lang zh`")
        }
    }

    @Test func anEnglishReportOfAnEnglishProjectHasNoChinese() throws {
        let project = "Tests/PMLintTests/Fixtures/realistic/harbor-troubled"
        for output in [try runCLI(["brief", project, "--as-of", "2026-04-24"]).out,
                       try runCLI(["brief", project, "--as-of", "2026-04-24", "--format", "html"]).out,
                       try runCLI(["check", project, "--as-of", "2026-04-24", "--color", "never"]).out] {
            #expect(!output.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) })
        }
    }
}
