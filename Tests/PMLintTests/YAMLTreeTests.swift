import Testing
@testable import PMLint

@Suite("YAML layer")
struct YAMLTreeTests {
    @Test func blockMappingMarksAreExact() throws {
        let file = parse("project:\n  name: CRM\n  start: 2026-09-01\n")
        #expect(file.problems.isEmpty)
        let tree = file.tree
        let root = try #require(tree.root)
        #expect(tree.kind(root) == .mapping)
        let project = try #require(tree.value(root, forKey: "project"))
        let name = try #require(tree.value(project, forKey: "name"))
        #expect(tree.string(name) == "CRM")
        #expect(tree.span(name).start == Mark(line: 2, column: 9, offset: 17))
        #expect(tree.span(name).end == Mark(line: 2, column: 12, offset: 20))
        // A block mapping ends where its last value ends, not after trailing lines.
        #expect(tree.span(project).start == Mark(line: 2, column: 3, offset: 11))
        #expect(tree.span(project).end.line == 3)
        #expect(tree.span(project).end.column == 20)
    }

    @Test func flowCollectionsKeepTheirBrackets() throws {
        let tree = parse("to: [li-wei, chen-jie]\nx: {a: 1}\n").tree
        let root = try #require(tree.root)
        let list = try #require(tree.value(root, forKey: "to"))
        #expect(tree.kind(list) == .sequence)
        #expect(tree.isFlow(list))
        #expect(tree.span(list).start.column == 5)
        #expect(tree.span(list).end.column == 23)
        #expect(tree.children(list).map { tree.string($0) } == ["li-wei", "chen-jie"])
        #expect(tree.span(tree.children(list).last!).start.column == 14)
        let map = try #require(tree.value(root, forKey: "x"))
        #expect(tree.kind(map) == .mapping)
        #expect(tree.span(map).end.column == 10)
    }

    @Test func blockSequenceItems() throws {
        let tree = parse("log:\n  - date: 2026-09-01\n    type: call\n  - date: 2026-09-02\n").tree
        let log = try #require(tree.value(tree.root!, forKey: "log"))
        #expect(tree.children(log).count == 2)
        let second = tree.children(log).last!
        #expect(tree.span(second).start == Mark(line: 4, column: 5, offset: 45))
        #expect(tree.span(log).start.column == 3)
    }

    @Test func columnsCountCharactersAndOffsetsCountBytes() throws {
        let text = "name: 华信制造\nclient: 华信\n"
        let tree = parse(text).tree
        let client = try #require(tree.value(tree.root!, forKey: "client"))
        let span = tree.span(client)
        #expect(span.start.line == 2)
        #expect(span.start.column == 9)
        // "name: 华信制造\n" is 6 + 12 + 1 bytes.
        #expect(span.start.offset == 19 + 8)
        #expect(span.end.offset == span.start.offset + 6)
        #expect(tree.string(client) == "华信")
    }

    @Test func byteOrderMarkIsSkippedButCountedInOffsets() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8)
        let file = YAMLParser.parse(bytes)
        let value = try #require(file.tree.value(file.tree.root!, forKey: "a"))
        #expect(file.tree.span(value).start == Mark(line: 1, column: 4, offset: 6))
    }

    @Test func literalBlockScalarEndsAtItsLastCharacter() throws {
        let tree = parse("summary: |\n  first line\n  second line\n\n\nnext: x\n").tree
        let summary = try #require(tree.value(tree.root!, forKey: "summary"))
        #expect(tree.string(summary) == "first line\nsecond line\n")
        #expect(tree.span(summary).start.line == 1)
        #expect(tree.span(summary).end.line == 3)
        #expect(tree.span(summary).end.column == 14)
    }

    @Test func foldedAndQuotedScalars() throws {
        let tree = parse("a: >\n  one\n  two\nb: \"x\\ty\"\nc: 'it''s'\n").tree
        let root = tree.root!
        #expect(tree.string(tree.value(root, forKey: "a")!) == "one two\n")
        #expect(tree.style(tree.value(root, forKey: "a")!) == .folded)
        #expect(tree.string(tree.value(root, forKey: "b")!) == "x\ty")
        #expect(tree.style(tree.value(root, forKey: "b")!) == .doubleQuoted)
        #expect(tree.string(tree.value(root, forKey: "c")!) == "it's")
    }

    @Test func aliasPointsAtItsAnchorWithoutCopying() throws {
        let tree = parse("a: &who [li-wei]\nb: *who\n").tree
        let root = tree.root!
        let a = tree.value(root, forKey: "a")!
        let b = tree.value(root, forKey: "b")!
        #expect(tree.kind(b) == .alias)
        #expect(tree.resolved(b) == a)
        #expect(tree.span(b).start.line == 2)
    }

    /// Thirty levels of ten aliases each stand for 10^30 nodes: the file is parsed into a few
    /// hundred, and stopped as a limit before anything walks it.
    @Test func aliasBombIsStoppedWithoutBeingExpanded() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...30 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let file = parse(text)
        #expect(file.tree.nodeCount < 400)
        let problem = try #require(file.problems.first)
        #expect(problem.isLimit && problem.message == "aliases in this file expand to far more nodes than it holds")
        #expect(file.tree.root == nil)
        // A few aliases reused, as people write them, are fine.
        #expect(parse("a: &who [li-wei, wang-fang]\nb: *who\nc: *who\nd: {to: *who}\n").problems.isEmpty)
    }

    @Test func syntaxErrorQuotesLibyamlAndPointsAtTheProblem() throws {
        let file = parse("project:\n  name: a\n   bad: b\n")
        let problem = try #require(file.problems.first)
        #expect(problem.message.contains("mapping values are not allowed"))
        #expect(problem.span.start.line == 3)
        #expect(file.tree.root == nil)
    }

    @Test func unclosedFlowSequence() throws {
        let problem = try #require(parse("to: [a, b\nnext: 1\n").problems.first)
        #expect(problem.message.contains("flow sequence"))
        #expect(problem.span.start.line >= 2)
    }

    @Test func unclosedQuote() throws {
        let problem = try #require(parse("a: \"open\nb: 1\n").problems.first)
        #expect(problem.message.contains("quoted scalar"))
    }

    @Test(arguments: [
        ("- a\nb: c\n", "did not find expected '-' indicator"),
        ("a:\n\t- b\n", "found character that cannot start any token"),
        ("a:\n  b: 1\n  - c\n", "did not find expected key"),
        ("a: &x\n  b: *y\n", "undefined alias"),
        ("{a: b\n", "did not find expected ',' or '}'"),
        ("a: !<tag\n", "did not find the expected '>'"),
        ("%YAML 2.0\n--- a\n", "found incompatible YAML document"),
    ])
    func parserAndScannerErrorsKeepLibyamlsWords(_ text: String, _ words: String) throws {
        let problem = try #require(parse(text).problems.first)
        #expect(problem.message.contains(words), "\(problem.message)")
        #expect(problem.span.start.line >= 1)
    }

    @Test func invalidUTF8IsLocatedByByte() throws {
        let bytes = Array("a: b\nc: ".utf8) + [0xFF, 0x0A]
        let problem = try #require(YAMLParser.parse(bytes).problems.first)
        #expect(problem.message.contains("UTF-8"))
        #expect(problem.span.start.line == 2)
        #expect(problem.span.start.column == 4)
        #expect(problem.span.start.offset == 8)
    }

    @Test func nulByteIsAProblem() throws {
        let bytes = Array("a: b".utf8) + [0x00] + Array("\n".utf8)
        let problem = try #require(YAMLParser.parse(bytes).problems.first)
        #expect(problem.message.contains("control characters"))
    }

    @Test func undefinedAliasIsAProblem() throws {
        let problem = try #require(parse("a: *nowhere\n").problems.first)
        #expect(problem.message.contains("undefined alias"))
        #expect(problem.span.start.column == 4)
    }

    @Test func nestingDepthIsBoundedInTheEventLoop() throws {
        let text = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let file = YAMLParser.parse(Array(text.utf8), limits: YAMLLimits(maxDepth: 1000))
        let problem = try #require(file.problems.first)
        #expect(problem.message.contains("deeper than 1000"))
        #expect(problem.span.start.column == 1001)
    }

    @Test func deepBlockNestingWithinTheLimitBuildsAndFrees() {
        var text = ""
        for level in 0..<900 { text += String(repeating: " ", count: level) + "k:\n" }
        let file = YAMLParser.parse(Array(text.utf8), limits: YAMLLimits(maxDepth: 1000))
        #expect(file.problems.isEmpty)
        #expect(file.tree.nodeCount > 1700)
    }

    @Test func secondDocumentIsRecorded() {
        let tree = parse("a: 1\n---\nb: 2\n").tree
        #expect(tree.extraDocument?.start.line == 2)
    }

    @Test func emptyFileHasNoRoot() {
        let file = parse("")
        #expect(file.problems.isEmpty)
        #expect(file.tree.root == nil)
    }
}
