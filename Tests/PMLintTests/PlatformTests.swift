import Foundation
import Testing
@testable import PMLint

/// What pmlint does itself since it left Foundation for FoundationEssentials gives what
/// Foundation gave: each case is checked against Foundation's own answer where it has one.
@Suite("Without Foundation")
struct PlatformTests {
    /// The project path in fingerprints: every way of typing a path Foundation's
    /// `standardizingPath` gave an answer for, but a relative one through a symbolic link
    /// (`./link/sub`, which Foundation made absolute and `link/sub` not).
    @Test func projectPathsAreNormalizedAsFoundationDid() throws {
        let folder = try scratchFolder(["real/sub/plan.yaml": ""])
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.path
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/real")
        let paths = ["examples", "./examples", "examples/", "./a//b/./c/", "a/../b", "../x", ".", "./", "/", "a/./b/..",
                     root + "/link/sub", root + "/link/../x", root + "/./real//sub/", root + "/nothing/../y", "~/x", "link/sub"]
        for path in paths {
            let foundation = (path as NSString).standardizingPath
            let expected = foundation.hasPrefix("./") ? String(foundation.dropFirst(2)) : foundation
            #expect(Linter.normalized(path) == expected, "\(path)")
        }
        #expect(Linter.normalized("./link/sub") == "link/sub")
    }

    @Test func pathComponentsAsFoundationGaveThem() {
        for path in ["a/b/c.yaml", "c.yaml", "/c.yaml", "a//b", "./plan.yaml", "dir/", "/", "", "a/b/"] {
            #expect(Paths.parent(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
            #expect(Paths.lastComponent(of: path) == (path as NSString).lastPathComponent, "\(path)")
        }
    }

    @Test func textsTrimmedAndReplacedAsFoundationDid() {
        for text in ["  a b \t", "\u{3000}全角\u{3000}", " \n a \n ", "", "   ", "\u{00A0}x"] {
            #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
        // A CRLF's line feed is found, as Foundation found it: the two bytes are one character.
        for (text, target, replacement) in [("a\r\nb", "\n", "%0A"), ("a\r\nb", "\r", "%0D"), ("x|y||", "|", "\\|"),
                                            ("{today} and {today}", "{today}", "2026-01-01"), ("无", "\n", "<br>")] {
            #expect(text.replacingEvery(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
        }
    }

    @Test func sarifURIsEncodedAsFoundationDid() {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: ":"))
        for path in ["examples/acme-crm/plan.yaml", "/abs/a b/计划.yaml", "a:b;c?d#e%f", "./x/[y]/{z}~!$&'()*+,=@"] {
            let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
            let expected = path.hasPrefix("/") ? "file://" + encoded : (encoded.hasPrefix("./") ? String(encoded.dropFirst(2)) : encoded)
            #expect(SARIFReporter.uri(path) == expected, "\(path)")
        }
    }
}
