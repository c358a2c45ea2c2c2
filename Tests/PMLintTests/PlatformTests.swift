import Foundation
import Testing
@testable import PMLint

/// The replacements in Platform.swift for what FoundationEssentials lacks, pinned to what the
/// Foundation calls they replace gave. Where a naive replacement would differ, the case is here.
@Suite("Platform")
struct PlatformTests {
    /// Scalars, not characters: `==` on strings treats canonically equivalent text as equal.
    private func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    // MARK: Paths

    @Test func standardizingKeepsRelativePathsRelative() {
        #expect(Platform.standardizingPath("./a//b/") == "./a/b")
        #expect(Platform.standardizingPath("a/./b") == "a/b")
        #expect(Platform.standardizingPath("a//b//") == "a/b")
        #expect(Platform.standardizingPath("examples/") == "examples")
        // `..` is taken back only in an absolute path.
        #expect(Platform.standardizingPath("x/..") == "x/..")
        #expect(Platform.standardizingPath("../x") == "../x")
        #expect(Platform.standardizingPath("a/b/../..") == "a/b/../..")
        #expect(Platform.standardizingPath(".") == ".")
        #expect(Platform.standardizingPath("") == "")
    }

    @Test func standardizingAbsolutePaths() {
        #expect(Platform.standardizingPath("/tmp/../tmp") == "/tmp")
        #expect(Platform.standardizingPath("/tmp/./") == "/tmp")
        #expect(Platform.standardizingPath("//tmp//") == "/tmp")
        #expect(Platform.standardizingPath("/..") == "/")
        #expect(Platform.standardizingPath("/") == "/")
        // Lexically, whether or not the path exists.
        #expect(Platform.standardizingPath("/nonexistent-pmlint/a/../b") == "/nonexistent-pmlint/b")
    }

    @Test func standardizingResolvesSymbolicLinksInAbsolutePaths() throws {
        let root = try scratchFolder(["real/sub/file.txt": "x"])
        defer { try? FileManager.default.removeItem(at: root) }
        let base = root.path
        try FileManager.default.createSymbolicLink(atPath: base + "/link", withDestinationPath: base + "/real")
        try FileManager.default.createSymbolicLink(atPath: base + "/linklink", withDestinationPath: base + "/link")
        try FileManager.default.createSymbolicLink(atPath: base + "/dangling", withDestinationPath: base + "/nowhere")
        #expect(Platform.standardizingPath(base + "/link") == base + "/real")
        #expect(Platform.standardizingPath(base + "/link/sub/") == base + "/real/sub")
        // A link to a link is followed to the end; `..` after a link leaves the link's target.
        #expect(Platform.standardizingPath(base + "/linklink/sub") == base + "/real/sub")
        #expect(Platform.standardizingPath(base + "/link/..") == base)
        // A link to nothing stays as written.
        #expect(Platform.standardizingPath(base + "/dangling/x") == base + "/dangling/x")
    }

    @Test func standardizingExpandsTheTilde() {
        // The home folder comes from the user database, as Foundation has it, whatever HOME says.
        let home = ("~" as NSString).standardizingPath
        #expect(home.hasPrefix("/"))
        #expect(Platform.standardizingPath("~") == home)
        #expect(Platform.standardizingPath("~/") == home)
        #expect(Platform.standardizingPath("~/x/./y") == home + "/x/y")
        #expect(Platform.standardizingPath("~no-such-user-pmlint/x/") == "~no-such-user-pmlint/x")
    }

    @Test func normalizedProjectPathsDropTheLeadingDotSlash() {
        #expect(Linter.normalized("./a//b/") == "a/b")
        #expect(Linter.normalized("./examples/acme") == "examples/acme")
        #expect(Linter.normalized("examples/acme/") == "examples/acme")
        #expect(Linter.normalized(".") == ".")
    }

    @Test func lastAndDeletedPathComponents() {
        #expect(Platform.lastPathComponent("examples/acme/plan.yaml") == "plan.yaml")
        #expect(Platform.lastPathComponent("a/b/") == "b")
        #expect(Platform.lastPathComponent("a//b//") == "b")
        #expect(Platform.lastPathComponent("/") == "/")
        #expect(Platform.lastPathComponent("plan.yaml") == "plan.yaml")
        #expect(Platform.deletingLastPathComponent("examples/acme/plan.yaml") == "examples/acme")
        #expect(Platform.deletingLastPathComponent("a//b/") == "a")
        #expect(Platform.deletingLastPathComponent("plan.yaml") == "")
        #expect(Platform.deletingLastPathComponent("/plan.yaml") == "/")
        #expect(Platform.deletingLastPathComponent("./plan.yaml") == ".")
        #expect(Platform.deletingLastPathComponent("/") == "/")
        // Foundation stopped on a one-character file name; it is a file in the current folder.
        #expect(Platform.deletingLastPathComponent("p") == "")
    }

    // MARK: Text

    @Test func trimmingSpacesAndTabsKeepsLineBreaks() {
        #expect("\t a b \u{3000}".trimmingSpacesAndTabs == "a b")
        #expect("\u{A0}\u{2003}x\u{200B}\u{202F}".trimmingSpacesAndTabs == "x")
        #expect(scalars("\n a \n".trimmingSpacesAndTabs) == scalars("\n a \n"))
        #expect(scalars(" \r\n".trimmingSpacesAndTabs) == scalars("\r\n"))
        #expect(scalars("\t\u{2028}x\u{85}".trimmingSpacesAndTabs) == scalars("\u{2028}x\u{85}"))
        #expect(" \t\u{3000} ".trimmingSpacesAndTabs == "")
        // Scalar by scalar: a combining mark after a trimmed space stays.
        #expect(scalars(" \u{301}a ".trimmingSpacesAndTabs) == scalars("\u{301}a"))
        #expect(Substring("  x  ").trimmingSpacesAndTabs == "x")
    }

    @Test func trimmingOtherCharacters() {
        #expect("$$terms$".trimming(where: { $0 == "$" }) == "terms")
        #expect("a$b".trimming(where: { $0 == "$" }) == "a$b")
        #expect("$$".trimming(where: { $0 == "$" }) == "")
    }

    @Test func replacingFindsLineFeedsInsideCRLF() {
        // Swift's own `replacing(_:with:)` compares characters, and "\r\n" is one character.
        #expect("a\r\nb\nc".replacingAll("\n", with: "<br>") == "a\r<br>b<br>c")
        #expect("x\r\ny".replacingAll("\r", with: "%0D") == "x%0D\ny")
        #expect("50% done\r\n".replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
                == "50%25 done%0D%0A")
        #expect("a|b||c".replacingAll("|", with: "\\|") == "a\\|b\\|\\|c")
        #expect("{today} to {today}".replacingAll("{today}", with: "2026-11-20") == "2026-11-20 to 2026-11-20")
        #expect("aaa".replacingAll("aa", with: "b") == "ba")
        #expect("中文|中文".replacingAll("|", with: "\\|") == "中文\\|中文")
        #expect("abc".replacingAll("", with: "x") == "abc")
        #expect("".replacingAll("a", with: "x") == "")
    }

    @Test func replacingLeavesAMatchACombiningMarkFollows() {
        // As Foundation: the `|` of `|́` (with U+0301) is not found; one before a zero-width
        // joiner is.
        #expect(scalars("a|\u{301}b|".replacingAll("|", with: "\\|")) == scalars("a|\u{301}b\\|"))
        #expect(scalars("a:\u{FE0F}".replacingAll(":", with: "%3A")) == scalars("a:\u{FE0F}"))
        #expect(scalars("a|\u{200D}b".replacingAll("|", with: "!")) == scalars("a!\u{200D}b"))
        #expect(scalars("a\n\u{301}".replacingAll("\n", with: "<br>")) == scalars("a\n\u{301}"))
    }

    @Test func paddingFillsOrCuts() {
        #expect("info".padded(toLength: 7) == "info   ")
        #expect("error".padded(toLength: 7) == "error  ")
        #expect("warning".padded(toLength: 7) == "warning")
        #expect("toolongvalue".padded(toLength: 7) == "toolong")
        #expect("中文".padded(toLength: 4) == "中文  ")
    }

    // MARK: SARIF URIs

    @Test func sarifURIsArePercentEncoded() {
        #expect(SARIFReporter.uri("examples/acme/plan.yaml") == "examples/acme/plan.yaml")
        #expect(SARIFReporter.uri("my project/plan.yaml") == "my%20project/plan.yaml")
        #expect(SARIFReporter.uri("中文/计划.yaml") == "%E4%B8%AD%E6%96%87/%E8%AE%A1%E5%88%92.yaml")
        #expect(SARIFReporter.uri("a#1/b:c.yaml") == "a%231/b%3Ac.yaml")
        #expect(SARIFReporter.uri("./x y/plan.yaml") == "x%20y/plan.yaml")
        #expect(SARIFReporter.uri("/abs/p a/plan.yaml") == "file:///abs/p%20a/plan.yaml")
        #expect(SARIFReporter.uri("100%;[x]?{}|\\\"<>^`") == "100%25%3B%5Bx%5D%3F%7B%7D%7C%5C%22%3C%3E%5E%60")
        #expect(SARIFReporter.uri("é") == "%C3%A9")
        #expect(SARIFReporter.uri("e\u{301}") == "e%CC%81")
        // What `.urlPathAllowed` less `:` keeps.
        #expect(SARIFReporter.uri("azAZ09!$&'()*+,-.=@_~/x") == "azAZ09!$&'()*+,-.=@_~/x")
    }

    // MARK: Files

    @Test func directoriesFilesAndLinks() throws {
        let root = try scratchFolder(["dir/file.txt": "x"])
        defer { try? FileManager.default.removeItem(at: root) }
        let base = root.path
        try FileManager.default.createSymbolicLink(atPath: base + "/link", withDestinationPath: base + "/dir")
        try FileManager.default.createSymbolicLink(atPath: base + "/dangling", withDestinationPath: base + "/nowhere")
        #expect(Platform.isDirectory(base + "/dir") == true)
        #expect(Platform.isDirectory(base + "/dir/file.txt") == false)
        #expect(Platform.isDirectory(base + "/link") == true)
        #expect(Platform.isDirectory(base + "/dangling") == nil)
        #expect(Platform.isDirectory(base + "/missing") == nil)
        #expect(Platform.isDirectory("") == nil)
        #expect(Platform.isDirectoryNotLink(base + "/dir"))
        #expect(!Platform.isDirectoryNotLink(base + "/link"))
        #expect(!Platform.isDirectoryNotLink(base + "/dir/file.txt"))
    }

    @Test func readingARegularFileUpToALimit() throws {
        let root = try scratchFolder(["ten.txt": "0123456789", "empty.txt": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Platform.readRegularFile(root.path + "/ten.txt", limit: 100) == Array("0123456789".utf8))
        #expect(try Platform.readRegularFile(root.path + "/ten.txt", limit: 3) == Array("0123".utf8))
        #expect(try Platform.readRegularFile(root.path + "/empty.txt", limit: 100) == [])
        let missing = #expect(throws: UsageError.self) { try Platform.readRegularFile(root.path + "/missing.txt", limit: 100) }
        #expect(missing?.description == "\(root.path)/missing.txt: cannot open the file for reading")
        // Anything but a regular file is named, never read: a device never ends, a FIFO waits.
        let device = #expect(throws: UsageError.self) { try Platform.readRegularFile("/dev/zero", limit: 100) }
        #expect(device?.description == "/dev/zero: a character device, not a regular file; pmlint reads only regular files")
        let folder = #expect(throws: UsageError.self) { try Platform.readRegularFile(root.path, limit: 100) }
        #expect(folder?.description == "\(root.path): a folder, not a regular file; pmlint reads only regular files")
        #expect(mkfifo(root.path + "/fifo", 0o600) == 0)
        let fifo = #expect(throws: UsageError.self) { try Platform.readRegularFile(root.path + "/fifo", limit: 100) }
        #expect(fifo?.description == "\(root.path)/fifo: a FIFO (named pipe), not a regular file; pmlint reads only regular files")
    }

    @Test func absolutePathsAreLexical() {
        #expect(Platform.absolutePath("/a/./b/../c") == "/a/c")
        #expect(Platform.absolutePath("/../x") == "/x")
        #expect(Platform.absolutePath("a/b").hasSuffix("/a/b"))
        #expect(Platform.absolutePath("a/b").hasPrefix("/"))
    }

    @Test func writingAndMovingAFile() throws {
        let root = try scratchFolder([:])
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.path + "/out.txt"
        let file = try #require(WritableFile(creatingNewAtPath: path))
        try file.write("中文\n")
        try file.write("")
        file.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "中文\n")
        #expect(WritableFile(creatingNewAtPath: root.path + "/missing/out.txt") == nil)
        // Never over what is there, a symbolic link least of all.
        #expect(WritableFile(creatingNewAtPath: path) == nil)
        #expect(symlink(path, root.path + "/link.txt") == 0)
        #expect(WritableFile(creatingNewAtPath: root.path + "/link.txt") == nil)
        #expect(Platform.moveFile(path, to: root.path + "/moved.txt") == nil)
        #expect(Platform.moveFile(path, to: root.path + "/again.txt") == "No such file or directory")
    }

    @Test func writeErrorsReadAsFoundationsDid() {
        #expect(WriteError(code: ENOSPC).description == "The operation could not be completed. There isn’t enough space.")
        #expect(WriteError(code: EDQUOT).description == "The operation could not be completed. There isn’t enough space.")
        #expect(WriteError(code: EACCES).description == "The operation could not be completed. You don’t have permission.")
        #expect(WriteError(code: EPIPE).description == "The operation could not be completed. Broken pipe.")
        #expect(WriteError(code: EBADF).description == "The operation could not be completed. Bad file descriptor.")
    }

    @Test func todayIsTheLocalCalendarDate() {
        let before = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        let today = localDate()
        let after = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        #expect([before, after].contains { $0.year == today.year && $0.month == today.month && $0.day == today.day })
    }

    // MARK: Baseline

    private func loadBaseline(_ json: String) throws -> Baseline {
        let root = try scratchFolder(["baseline.json": json])
        defer { try? FileManager.default.removeItem(at: root) }
        return try Baseline.load(root.path + "/baseline.json")
    }

    @Test func baselineEntriesAndTheLinesTheyAreOn() throws {
        let baseline = try loadBaseline("""
            {
              "version": 1,
              "findings": [
                {"fingerprint": "aaaa", "rule": "kickoff-minutes", "project": "p", "path": "log[0]", "message": "m"},
                {"fingerprint": "bbbb", "rule": 5, "extra": [1, {"x": null}]}
              ]
            }
            """)
        #expect(baseline.entries.map(\.fingerprint) == ["aaaa", "bbbb"])
        #expect(baseline.entries.map(\.line) == [4, 5])
        #expect(baseline.entries[0].rule == "kickoff-minutes" && baseline.entries[0].path == "log[0]")
        // A field that is not a string is read as empty, as before.
        #expect(baseline.entries[1].rule == "" && baseline.entries[1].project == "")
        #expect(try loadBaseline(#"{"version": 1.0, "findings": []}"#).entries.isEmpty)
    }

    @Test(arguments: [
        #"{"version": 2, "findings": []}"#, #"{"version": "1", "findings": []}"#, #"{"version": 1}"#,
        #"{"version": 1, "findings": {}}"#, #"{"version": 1, "findings": [1]}"#, "[]", "", "not json",
        #"{"version": 1, "findings": [{"fingerprint": "\ud800"}]}"#,
    ])
    func notABaseline(_ json: String) {
        do {
            _ = try loadBaseline(json)
            Issue.record("loaded")
        } catch let error as LocatedError {
            #expect(error.message == "not a pmlint baseline (version 1); write one with --write-baseline")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [#"{"version": 1, "findings": [{"rule": "r"}]}"#, #"{"version": 1, "findings": [{"fingerprint": 5}]}"#,
                      #"{"version": 1, "findings": [{"fingerprint": null}]}"#])
    func aBaselineEntryWithoutAFingerprint(_ json: String) {
        do {
            _ = try loadBaseline(json)
            Issue.record("loaded")
        } catch let error as LocatedError {
            #expect(error.message == "a baseline entry has no fingerprint")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
