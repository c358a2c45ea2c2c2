import Foundation
import Testing
@testable import PMLint

/// `pmlint log add`: one entry appended as text, every other byte of the file kept, refused
/// (nothing written) when `check` would find a problem in it.
@Suite struct LogAddTests {
    /// The new file is the old one with one run of bytes inserted, and that run is returned.
    func insertion(from old: [UInt8], to new: [UInt8]) -> String? {
        var prefix = 0
        while prefix < old.count && old[prefix] == new[prefix] { prefix += 1 }
        let inserted = new.count - old.count
        guard inserted > 0, Array(new[(prefix + inserted)...]) == Array(old[prefix...]) else { return nil }
        return String(decoding: new[prefix..<(prefix + inserted)], as: UTF8.self)
    }

    func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    @Test(arguments: ["acme-crm", "northwind-portal", "globex-website", "huaxin-erp"])
    func onTheExamplesOnlyTheEntryIsAdded(_ example: String) throws {
        let folder = try scratchFolder([".keep": ""])
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent(example)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("examples/\(example)"), to: project)
        let log = FileManager.default.fileExists(atPath: project.appendingPathComponent("log.yaml").path)
            ? project.appendingPathComponent("log.yaml") : project.appendingPathComponent("plan.yaml")
        let plan = try bytes(project.appendingPathComponent("plan.yaml"))
        let before = try bytes(log)
        let checkBefore = try runCLI(["check", project.path, "--as-of", "2026-11-20", "--format", "json"])
        // The project's client owner.
        let owner = ["acme-crm": "li-wei", "northwind-portal": "david-park", "globex-website": "omar-haddad", "huaxin-erp": "wang-fang"][example]!
        let run = try runCLI(["log", "add", "call", project.path, "--with", owner, "--topic", "Weekly call: risks, next steps",
                              "--as-of", "2026-11-20"])
        #expect(run.status == 0, "\(run.err)")
        let inserted = try #require(insertion(from: before, to: try bytes(log)), "the rest of the file changed")
        #expect(inserted.contains("date: 2026-11-20") && inserted.contains("type: call") && inserted.contains("with: [\(owner)]"))
        #expect(inserted.contains("topic: \"Weekly call: risks, next steps\""))
        if log.lastPathComponent == "log.yaml" { #expect(try bytes(project.appendingPathComponent("plan.yaml")) == plan) }
        // check reads it back: no problem of the files, and one log entry more.
        let after = try runCLI(["check", project.path, "--as-of", "2026-11-20", "--format", "json"])
        for rule in ["yaml-syntax", "schema", "unknown-key", "unknown-reference", "log-order"] {
            #expect(!after.out.contains("\"rule\" : \"\(rule)\"") && !after.out.contains("\"rule\": \"\(rule)\"") || checkBefore.out.contains(rule),
                    "\(rule) after adding: \(after.out)")
        }
        #expect(run.out.hasPrefix("added to "))
    }

    /// Block entries with odd indentation and comments, CRLF line ends and a byte-order mark;
    /// a flow list, an empty flow list, an empty `log:`; a project with no log yet.
    @Test(arguments: [
        ("\u{FEFF}project: {name: D, client: C, start: 2026-09-01}\r\nstakeholders:\r\n  - {id: li-wei, name: Li Wei, side: client, role: owner}\r\nlog:   # the log\r\n    -   date: 2026-09-02   # first\r\n        type: call\r\n        with: [li-wei]\r\n# trailing comment\r\n",
         "    -   date: 2026-09-09\r\n        type: email\r\n        to: [li-wei]\r\n        topic: Weekly plan\r\n"),
        ("project: {name: D, client: C, start: 2026-09-01}\nstakeholders: [{id: li-wei, name: Li Wei, side: client, role: owner}]\nlog:\n- {date: 2026-09-02, type: call, with: [li-wei]}  # flow entries\nx-notes: kept\n",
         "- {date: 2026-09-09, type: email, to: [li-wei], topic: Weekly plan}\n"),
        ("project: {name: D, client: C, start: 2026-09-01}\nstakeholders: [{id: li-wei, name: Li Wei, side: client, role: owner}]\nlog: [{date: 2026-09-02, type: call, with: [li-wei]}]\n",
         ", {date: 2026-09-09, type: email, to: [li-wei], topic: Weekly plan}"),
        ("project: {name: D, client: C, start: 2026-09-01}\nstakeholders: [{id: li-wei, name: Li Wei, side: client, role: owner}]\nlog: []\n",
         "{date: 2026-09-09, type: email, to: [li-wei], topic: Weekly plan}"),
    ])
    func theFileKeepsItsStyleAndEveryOtherByte(_ text: String, _ expected: String) throws {
        let folder = try scratchFolder(["plan.yaml": text])
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.yaml")
        let before = try bytes(plan)
        let run = try runCLI(["log", "add", "email", ".", "--to", "li-wei", "--topic", "Weekly plan", "--date", "2026-09-09",
                              "--as-of", "2026-09-10"], in: folder)
        #expect(run.status == 0, "\(run.err)")
        #expect(insertion(from: before, to: try bytes(plan)) == expected)
        let check = try runCLI(["check", ".", "--as-of", "2026-09-10", "--select", "document"], in: folder)
        #expect(!check.out.contains("error"), "\(check.out)")
    }

    @Test func anEmptyLogKeyBecomesAList() throws {
        let folder = try scratchFolder(["plan.yaml": "project: {name: D, client: C, start: 2026-09-01}\nstakeholders: [{id: li-wei, name: Li Wei, side: client, role: owner}]\nlog:   # none yet\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runCLI(["log", "add", "call", ".", "--with", "li-wei", "--as-of", "2026-09-10"], in: folder)
        #expect(run.status == 0, "\(run.err)")
        #expect(try String(contentsOf: folder.appendingPathComponent("plan.yaml"), encoding: .utf8).hasSuffix(
            "log:   # none yet\n  - date: 2026-09-10\n    type: call\n    with: [li-wei]\n"))
    }

    @Test func aProjectWithoutALogGetsALogFile() throws {
        let folder = try scratchFolder(["plan.yaml": minimalPlan])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runCLI(["log", "add", "meeting", ".", "--kind", "kickoff", "--id", "kickoff", "--with", "li-wei", "zhang-min",
                              "--as-of", "2026-09-02"], in: folder)
        #expect(run.status == 0, "\(run.err)")
        #expect(try String(contentsOf: folder.appendingPathComponent("plan.yaml"), encoding: .utf8) == minimalPlan)
        #expect(try String(contentsOf: folder.appendingPathComponent("log.yaml"), encoding: .utf8)
            == "log:\n  - date: 2026-09-02\n    type: meeting\n    id: kickoff\n    kind: kickoff\n    with: [li-wei, zhang-min]\n")
        #expect(run.out.contains("(new file)"))
    }

    /// An unknown id (with a suggestion), a missing required field, a bad value, a date after
    /// today: exit 2, and the file is exactly as it was.
    @Test(arguments: [
        (["meeting", ".", "--with", "li-wie"], "did you mean `li-wei`?"),
        (["conflict", ".", "--from", "li-wei", "--summary", "Late delivery"], "has no `id`, which is required when `type` is `conflict`"),
        (["meeting", ".", "--kind", "party", "--with", "li-wei"], "party"),
        (["call", ".", "--with", "li-wei", "--date", "2026-12-01"], "after the check date"),
    ])
    func aBadEntryIsRefusedAndNothingIsWritten(_ arguments: [String], _ said: String) throws {
        let log = "log:\n  - {date: 2026-09-02, type: call, with: [li-wei]}\n"
        let folder = try scratchFolder(["plan.yaml": minimalPlan, "log.yaml": log])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runCLI(["log", "add"] + arguments + ["--as-of", "2026-09-10"], in: folder)
        #expect(run.status == 2)
        #expect(run.err.contains("nothing written") && run.err.contains(said), "\(run.err)")
        #expect(try String(contentsOf: folder.appendingPathComponent("log.yaml"), encoding: .utf8) == log)
    }

    /// The same engine before and after: minutes of the kickoff settle kickoff-minutes, and
    /// minutes sent late turn it into its late form.
    @Test func itSaysWhatTheEntrySettles() throws {
        let log = "log:\n  - {date: 2026-09-02, type: meeting, id: kickoff, kind: kickoff, with: [li-wei, zhang-min], agenda_sent_on: 2026-08-30}\n"
        let folder = try scratchFolder(["plan.yaml": minimalPlan, "log.yaml": log])
        defer { try? FileManager.default.removeItem(at: folder) }
        let onTime = try runCLI(["log", "add", "minutes", ".", "--re", "kickoff", "--to", "li-wei", "--date", "2026-09-03",
                                 "--as-of", "2026-09-10", "--dry-run"], in: folder)
        #expect(onTime.status == 0, "\(onTime.err)")
        #expect(onTime.out.hasPrefix("would add to "))
        #expect(onTime.out.contains("settles: kickoff-minutes: kickoff on 2026-09-02 has no minutes"))
        #expect(try String(contentsOf: folder.appendingPathComponent("log.yaml"), encoding: .utf8) == log, "a dry run writes nothing")
        let late = try runCLI(["log", "add", "minutes", ".", "--re", "kickoff", "--to", "li-wei", "--as-of", "2026-09-10"], in: folder)
        #expect(late.out.contains("now reported: info[kickoff-minutes]"), "\(late.out)")
    }

    @Test func theLogKeepsItsPermissions() throws {
        let folder = try scratchFolder(["plan.yaml": minimalPlan, "log.yaml": "log:\n  - {date: 2026-09-02, type: call, with: [li-wei]}\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log.yaml").path
        try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: log)
        let run = try runCLI(["log", "add", "call", ".", "--with", "li-wei", "--as-of", "2026-09-10"], in: folder)
        #expect(run.status == 0, "\(run.err)")
        #expect(try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int == 0o664)
    }

    /// What YAML would read as something else, or refuse, is quoted.
    @Test func valuesAreQuotedWhereYAMLWouldMisreadThem() {
        for text in ["yes", "No", "null", "~", "- item", "a: b", "a #b", "#tag", "@x", "%x", "[x]", "{x}", "'x'", "\"x\"", "x:", " x", "Don\u{92}t", "a\u{2028}b"] {
            #expect(!LogEntryDraft.isPlain(text, inFlow: false), "\(text)")
        }
        for text in ["Weekly call", "Scope review, phase 2", "关于迁移计划", "2026-11-20", "li-wei"] {
            #expect(LogEntryDraft.isPlain(text, inFlow: false), "\(text)")
        }
        #expect(!LogEntryDraft.isPlain("Scope review, phase 2", inFlow: true))
        #expect(LogEntryDraft.scalar("Don\u{92}t", inFlow: false) == "\"Don\\u0092t\"")
    }

    /// An entry older than the last goes in before the first later one: the log stays in date
    /// order, and the rest of the file is as it was.
    @Test func anOlderEntryGoesInByDate() throws {
        let log = "log:\n  - {date: 2026-09-02, type: call, with: [li-wei]}\n  # the weekly call\n  - {date: 2026-09-09, type: call, with: [li-wei]}\n"
        let folder = try scratchFolder(["plan.yaml": minimalPlan, "log.yaml": log])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runCLI(["log", "add", "email", ".", "--to", "li-wei", "--date", "2026-09-05", "--as-of", "2026-09-10"], in: folder)
        #expect(run.status == 0, "\(run.err)")
        #expect(try String(contentsOf: folder.appendingPathComponent("log.yaml"), encoding: .utf8)
            == "log:\n  - {date: 2026-09-02, type: call, with: [li-wei]}\n  # the weekly call\n  - {date: 2026-09-05, type: email, to: [li-wei]}\n  - {date: 2026-09-09, type: call, with: [li-wei]}\n")
        #expect(!run.out.contains("log-order"))
    }
}
