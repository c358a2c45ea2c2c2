import Foundation
import Testing
@testable import PMLint

/// A pull request can change every file pmlint reads. Each test builds the repository an
/// attacker would commit (symbolic links, FIFOs, alias bombs) in a scratch folder and runs the
/// real binary on it, as CI would.
@Suite("Untrusted repositories")
struct UntrustedRepositoryTests {
    /// A scratch folder with `repo/.git` (the repository root), a valid project in `repo/p`,
    /// and a secret beside the repository that nothing may print.
    func repository(_ files: [String: String] = [:]) throws -> (root: URL, repo: URL) {
        var all = files
        all["repo/.git/HEAD"] = "ref: refs/heads/main\n"
        all["secret.txt"] = "token: SECRET-TOKEN-123\n"
        if all["repo/p/plan.yaml"] == nil { all["repo/p/plan.yaml"] = minimalPlan + "scope:\n  objectives: [Go live by 2026-12-01]\n" }
        let root = try scratchFolder(all)
        return (root, root.appendingPathComponent("repo"))
    }

    func link(_ path: URL, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: target)
    }

    /// A committed plan linked to a secret outside the repository is refused, naming the link;
    /// not a line of the secret reaches any output.
    @Test(arguments: ["text", "github", "sarif", "json"])
    func aPlanLinkedOutsideIsNotRead(format: String) throws {
        let (root, repo) = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: repo.appendingPathComponent("p/plan.yaml"))
        try link(repo.appendingPathComponent("p/plan.yaml"), to: "../../secret.txt")
        let run = try runCLI(["check", "p", "--as-of", "2026-11-20", "--format", format], in: repo)
        #expect(run.status == 2)
        #expect(run.err.contains("p/plan.yaml: a symbolic link that leads outside the repository"))
        #expect(!(run.out + run.err).contains("SECRET-TOKEN"))
        // Followed only when the user says so.
        let allowed = try runCLI(["check", "p", "--as-of", "2026-11-20", "--allow-outside"], in: repo)
        #expect(allowed.status != 2)
    }

    /// A link that stays inside the repository is followed as before.
    @Test func aLinkInsideTheRepositoryIsRead() throws {
        let (root, repo) = try repository(["repo/shared/plan.yaml": minimalPlan])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: repo.appendingPathComponent("p/plan.yaml"))
        try link(repo.appendingPathComponent("p/plan.yaml"), to: "../shared/plan.yaml")
        let run = try runCLI(["check", "p", "--as-of", "2026-11-20", "--select", "scope-missing"], in: repo)
        #expect(run.status == 1)
        #expect(run.out.contains("scope-missing"))
    }

    /// A rule file linked to a system file would print its lines in `unknown key` messages.
    @Test func aRuleFileLinkedOutsideIsNotRead() throws {
        let (root, repo) = try repository(["repo/team/.keep": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        try link(repo.appendingPathComponent("team/evil.yaml"), to: "../../secret.txt")
        let viaFlag = try runCLI(["check", "p", "--as-of", "2026-11-20", "--rules", "team"], in: repo)
        #expect(viaFlag.status == 2)
        #expect(viaFlag.err.contains("team/evil.yaml: a symbolic link that leads outside the repository"))
        #expect(!(viaFlag.out + viaFlag.err).contains("SECRET-TOKEN"))
        try "extra_rules: [team]\n".write(to: repo.appendingPathComponent(".pmlint.yml"), atomically: true, encoding: .utf8)
        let viaConfig = try runCLI(["check", "p", "--as-of", "2026-11-20"], in: repo)
        #expect(viaConfig.status == 2)
        #expect(!(viaConfig.out + viaConfig.err).contains("SECRET-TOKEN"))
    }

    /// A configuration's rule folders stay inside the repository, however they are written.
    @Test(arguments: ["/etc", "../outside", "inner/../../outside"])
    func extraRulesMayNotLeaveTheRepository(folder: String) throws {
        let (root, repo) = try repository(["outside/r.yaml": UserRulesTests.valid, "repo/inner/.keep": "",
                                           "repo/.pmlint.yml": "extra_rules: [\(folder)]\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runCLI(["check", "p", "--as-of", "2026-11-20"], in: repo)
        #expect(run.status == 2)
        #expect(run.err.contains(".pmlint.yml:1:15: \(folder): outside the repository"))
    }

    /// `/dev/zero` as a configuration, a rule file or a baseline once took 4 GB and aborted;
    /// a FIFO hung the run for ever. Each is now an error naming the file, at once.
    @Test(arguments: ["config", "rule", "baseline", "plan", "log"])
    func specialFilesAreRefused(role: String) throws {
        let (root, repo) = try repository(["repo/team/.keep": "", "repo/p/log.yaml": "log: []\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let path: URL
        var arguments = ["check", "p", "--as-of", "2026-11-20"]
        switch role {
        case "config": path = repo.appendingPathComponent(".pmlint.yml")
        case "rule": path = repo.appendingPathComponent("team/r.yaml"); arguments += ["--rules", "team"]
        case "baseline": path = repo.appendingPathComponent("baseline.json"); arguments += ["--baseline", "baseline.json"]
        case "plan": path = repo.appendingPathComponent("p/plan.yaml")
        default: path = repo.appendingPathComponent("p/log.yaml")
        }
        try? FileManager.default.removeItem(at: path)
        #expect(mkfifo(path.path, 0o600) == 0)
        let fifo = try runCLI(arguments, in: repo)
        #expect(fifo.status == 2)
        #expect(fifo.err.contains("a FIFO (named pipe), not a regular file"))
        try FileManager.default.removeItem(at: path)
        try link(path, to: "/dev/zero")
        let device = try runCLI(arguments + ["--allow-outside"], in: repo)
        #expect(device.status == 2)
        #expect(device.err.contains("a character device, not a regular file"))
        let outside = try runCLI(arguments, in: repo)
        #expect(outside.status == 2)
        #expect(outside.err.contains("a symbolic link that leads outside the repository"))
    }

    /// Nested aliases in a rule file (`&aN {any: [*aN-1, *aN-1]}`) took 607 MB at 20 levels and
    /// aborted at 23; rule files and configurations now have the documents' alias bound.
    @Test(arguments: ["rule", "config"])
    func aliasBombsInRuleFilesAndConfigsAreStopped(role: String) throws {
        var bomb = "x-defs:\n  - &a0 {type: meeting}\n"
        for level in 1...40 { bomb += "  - &a\(level) {any: [*a\(level - 1), *a\(level - 1)]}\n" }
        let rule = "id: bomb\ncategory: scope\nseverity: info\nsummary: {en: x}\nrationale: {en: x}\nmessage: {en: x}\n"
            + bomb.replacingOccurrences(of: "x-defs", with: "examples") + "check: {kind: each, items: log, where: *a40}\n"
        let (root, repo) = try repository(role == "rule" ? ["repo/team/bomb.yaml": rule] : ["repo/.pmlint.yml": bomb])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runCLI(["check", "p", "--as-of", "2026-11-20"] + (role == "rule" ? ["--rules", "team"] : []), in: repo)
        #expect(run.status == 2)
        #expect(run.err.contains("pmlint stopped reading this file: aliases in this file expand to far more nodes than it holds"))
    }

    /// `--output` where the repository commits a symbolic link to a file outside it: the victim
    /// is untouched and the run stops naming the link.
    @Test func theReportIsNeverWrittenThroughALink() throws {
        let (root, repo) = try repository(["victim.txt": "precious\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        try link(repo.appendingPathComponent("pmlint.sarif"), to: "../victim.txt")
        let run = try runCLI(["check", "p", "--as-of", "2026-11-20", "--format", "sarif", "--output", "pmlint.sarif"], in: repo)
        #expect(run.status == 2)
        #expect(run.err.contains("pmlint.sarif: a symbolic link; pmlint does not write a report through one"))
        #expect(try String(contentsOf: root.appendingPathComponent("victim.txt"), encoding: .utf8) == "precious\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: repo.appendingPathComponent("pmlint.sarif").path) == "../victim.txt")
    }

    /// `/dev/stdout` (a link to the process's own output) and a device named as such are
    /// written in place, never replaced by a file; a committed link to a device, or a folder
    /// that leads out of the repository, is refused.
    @Test func aDeviceIsWrittenInPlace() throws {
        let (root, repo) = try repository(["outside/.keep": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try runCLI(["check", "p", "--as-of", "2026-11-20", "--output", "/dev/null"], in: repo).status == 0)
        try link(repo.appendingPathComponent("null"), to: "/dev/null")
        let committed = try runCLI(["check", "p", "--as-of", "2026-11-20", "--output", "null"], in: repo)
        #expect(committed.status == 2)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: repo.appendingPathComponent("null").path) == "/dev/null")
        try link(repo.appendingPathComponent("reports"), to: "../outside")
        let throughFolder = try runCLI(["check", "p", "--as-of", "2026-11-20", "--output", "reports/pmlint.txt"], in: repo)
        #expect(throughFolder.status == 2 && throughFolder.err.contains("its folder is a symbolic link that leads outside the repository"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("outside/pmlint.txt").path))
        let stdout = try runCLI(["check", "p", "--as-of", "2026-11-20", "--format", "json", "--output", "/dev/stdout"], in: repo)
        #expect(stdout.status == 0)
        #expect(stdout.out.hasPrefix("{"))
    }

    /// Standard output closed by the caller: an error and exit 2, not a crash (it trapped).
    @Test(arguments: [["check", "p", "--as-of", "2026-11-20"], ["brief", "p", "--as-of", "2026-11-20"]])
    func aClosedStandardOutputIsAnErrorNotACrash(arguments: [String]) throws {
        let (root, repo) = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let binary = try #require(pmlintBinary())
        let run = try runCLI(["-c", "exec \"$0\" \"$@\" >&-", binary.path] + arguments, in: repo, executable: "/bin/sh")
        #expect(run.status == 2)
        #expect(run.err.contains("standard output: cannot write") || run.err.contains("cannot write to standard output"))
    }

    /// A topic or folder name carrying a line break and `::error`, an escape sequence, or HTML
    /// reaches no output raw: no line of the text, Markdown or brief output starts a workflow
    /// command, no ESC is printed, the `github` format keeps one command per finding, and
    /// Markdown renders neither the HTML nor a mention.
    @Test func injectedCommandsAndMarkupArePrintedAsText() throws {
        let plan = """
            project: {name: "Demo <img src=x onerror=alert(1)> @octocat", client: Acme, start: 2026-09-01}
            stakeholders:
              - {id: li-wei, name: Li Wei, side: client, role: owner}
            scope:
              objectives: ["fast\\n::add-mask::secret\\n  ::error file=x,line=1::injected \\e[31m red \\u202E"]

            """
        let (root, repo) = try repository(["repo/p/plan.yaml": plan])
        defer { try? FileManager.default.removeItem(at: root) }
        let base = ["p", "--as-of", "2026-11-20"]
        for format in ["text", "markdown", "github"] {
            let run = try runCLI(["check"] + base + ["--format", format, "--color", "never"], in: repo)
            #expect(run.status == 0, "\(format): \(run.err)")
            let lines = run.out.split(separator: "\n").map(String.init)
            let commands = lines.filter { $0.drop { $0 == " " }.hasPrefix("::") }
            #expect(commands.count == (format == "github" ? lines.count : 0), "\(format): \(commands)")
            #expect(!run.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "\(format)")
            if format == "markdown" {
                #expect(!run.out.contains("<img") && !run.out.contains("@octocat") && run.out.contains("&lt;img"))
            }
        }
        let brief = try runCLI(["brief"] + base, in: repo)
        #expect(!brief.out.contains("<img") && !brief.out.contains("@octocat"))
        #expect(!brief.out.split(separator: "\n").contains { $0.drop { $0 == " " }.hasPrefix("::") })
    }

    @Test func escapingForEachOutput() {
        #expect(Escaping.controls("a\u{1B}[2Jb\tc\nd\u{85}\u{202E}") == "a\\u{1B}[2Jb\tc\nd\\u{85}\\u{202E}")
        #expect(Escaping.workflowCommands("ok\n  ::error::x\n##[group]y\nno :: here") == "ok\n  \\::error::x\n##\\[group]y\nno :: here")
        // The runner trims any whitespace, and finds `##[` anywhere in a line.
        #expect(Escaping.workflowCommands("\u{3000}::error::x\nsay ##[error]y") == "\u{3000}\\::error::x\nsay ##\\[error]y")
        #expect(Escaping.markdown("<b>[x](y) ![i\\](u) | @me & `c`") == "&lt;b&gt;\\[x\\](y) \\!\\[i\\\\\\](u) \\| &#64;me &amp; `c`")
        #expect(Escaping.forError("bad\n::error::x") == "bad\\n\\::error::x")
    }

    /// `# pmlint-disable document -- x` on a plan with broken YAML hid the syntax error, and
    /// the run passed with no rule run at all.
    @Test(arguments: ["document", "yaml-syntax"])
    func whatStopsTheCheckCannotBeSuppressed(rule: String) throws {
        let (root, repo) = try repository(["repo/p/plan.yaml": "# pmlint-disable \(rule) -- we know\nproject:\n  name: [unclosed\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runCLI(["check", "p", "--as-of", "2026-11-20"], in: repo)
        #expect(run.status == 1)
        #expect(run.out.contains("error[yaml-syntax]"))
    }

    @Test func aSuppressionOfWhatStopsTheCheckIsInvalid() throws {
        let plan = minimalPlan + "scope:\n  objectives: [Go live by 2026-12-01]\n# pmlint-disable limit-exceeded -- big file\n"
        let (root, repo) = try repository(["repo/p/plan.yaml": plan])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runCLI(["check", "p", "--as-of", "2026-11-20"], in: repo)
        #expect(run.out.contains("warning[suppression-invalid]: `limit-exceeded` cannot be suppressed"))
    }

    /// `# pmlint-disable: scope-vague -- x` (a colon) was ignored silently.
    @Test(arguments: ["# pmlint-disable: scope-vague -- the client wants it", "# pmlint-disable-next-line:scope-vague -- x"])
    func aSuppressionThatCannotBeReadIsReported(comment: String) throws {
        let plan = minimalPlan + "scope:\n  \(comment)\n  objectives: [\"A fast portal, live by 2026-12-01\"]\n"
        let (root, repo) = try repository(["repo/p/plan.yaml": plan])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runCLI(["check", "p", "--as-of", "2026-11-20", "--select", "scope-vague", "--select", "suppression"], in: repo)
        #expect(run.out.contains("warning[suppression-invalid]: this comment looks like a suppression but cannot be read"))
        #expect(run.out.contains("warning[scope-vague]"))
    }

    /// A committed link to a folder elsewhere that holds its own `.git` does not make that
    /// folder the repository, and a configuration's rule folder that leads back out through a
    /// link after `..` is refused for every file in it.
    @Test func linksCannotMoveTheRepository() throws {
        let (root, repo) = try repository(["elsewhere/.git/HEAD": "ref", "elsewhere/plan.yaml": minimalPlan,
                                           "repo/a/b/c/.keep": "", "repo/pm/outside/.keep": "", "pm/outside/secret.yaml": "token: SECRET-TOKEN-123\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        try link(repo.appendingPathComponent("projlink"), to: "../elsewhere")
        let linked = try runCLI(["check", "projlink", "--as-of", "2026-11-20"], in: repo)
        #expect(linked.status == 2 && linked.err.contains("a symbolic link that leads outside the repository"))
        try link(repo.appendingPathComponent("pm/outside/secret.yaml"), to: root.path + "/pm/outside/secret.yaml")
        try link(repo.appendingPathComponent("short"), to: "a/b/c")
        try "extra_rules: [\"short/../../../pm/outside\"]\n".write(to: repo.appendingPathComponent(".pmlint.yml"), atomically: true, encoding: .utf8)
        let config = try runCLI(["check", "p", "--as-of", "2026-11-20"], in: repo)
        #expect(config.status == 2)
        #expect(!(config.out + config.err).contains("token"))
    }

    /// Configurations and rule files are read with the same --max-* limits as the documents.
    @Test func theLimitsHoldForConfigurationsAndRuleFiles() throws {
        let nested = "x-deep: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
        let (root, repo) = try repository(["repo/.pmlint.yml": nested,
                                           "repo/team/r.yaml": UserRulesTests.valid + "x-many: [" + Array(repeating: "a", count: 500).joined(separator: ", ") + "]\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let config = try runCLI(["check", "p", "--as-of", "2026-11-20", "--max-depth", "10"], in: repo)
        #expect(config.status == 2 && config.err.contains("pmlint stopped reading this file: nesting is deeper than 10 levels"), "\(config.err)")
        try FileManager.default.removeItem(at: repo.appendingPathComponent(".pmlint.yml"))
        let rule = try runCLI(["check", "p", "--as-of", "2026-11-20", "--rules", "team", "--max-nodes", "100"], in: repo)
        #expect(rule.status == 2 && rule.err.contains("more than 100 nodes"), "\(rule.err)")
    }
}
