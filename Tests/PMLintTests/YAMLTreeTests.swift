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

    @Test func aliasBombCostsNothing() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...30 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let file = parse(text)
        #expect(file.problems.isEmpty)
        #expect(file.tree.nodeCount < 400)
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

@Suite("Line index")
struct LineIndexTests {
    /// Every line break libyaml knows, and texts whose bytes look like them (Chinese characters
    /// hold the bytes 0x85, 0xA8 and 0xA9 inside their sequences): lines and columns agree with
    /// libyaml's own marks, which count characters.
    @Test func linesAndColumnsAreLibyamlsForEveryBreak() throws {
        let texts = ["a: 文字\nb: 2\n", "a: 1\r\nb: 2\r\n", "a: 1\rb: 2\r", "a: 1\u{85}b: 2\u{85}", "a: é\u{2028}b: 2\u{2029}c: 3\n",
                     "a: 中文上线准备\nlong: " + String(repeating: "库存盘点 ", count: 400) + "\nc: 3\nb: 2\n"]
        for text in texts {
            let bytes = Array(text.utf8)
            let lines = LineIndex(bytes: bytes, bodyStart: 0)
            let file = YAMLParser.parse(bytes, pieces: 1)
            try #require(file.problems.isEmpty, "\(text.debugDescription)")
            let tree = file.tree
            let b = try #require(tree.root.flatMap { tree.value($0, forKey: "b") })
            // Recount from scratch: lines by every break, columns by characters.
            let offset = tree.span(b).start.offset
            let before = String(decoding: bytes[..<offset], as: UTF8.self)
            var line = 1
            var column = 1
            var previous: Unicode.Scalar?
            for scalar in before.unicodeScalars {
                if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar), !(scalar == "\n" && previous == "\r") {
                    line += 1
                    column = 1
                } else if scalar != "\n" {
                    column += 1
                }
                previous = scalar
            }
            #expect(lines.mark(at: offset) == Mark(line: line, column: column, offset: offset), "\(text.debugDescription)")
        }
    }

    /// Every offset of texts spanning several of the index's blocks, with every kind of break
    /// (CRLF, NEL, LS and PS also across block boundaries) and a byte order mark: the line and
    /// column are those of a plain walk over the whole text.
    @Test func everyOffsetAgreesWithAWalkFromTheStart() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "é", "中", "\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", " ", "—"]
        for round in 0..<12 {
            // Some texts only break at LF, the path most files take.
            let alphabet = round % 3 == 0 ? ["a", "é", "中", "\n", " "] : pieces
            var text = round % 2 == 0 ? "\u{FEFF}" : ""
            for _ in 0..<Int.random(in: 1500...4000, using: &generator) { text += alphabet.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            let bodyStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let lines = LineIndex(bytes: bytes, bodyStart: bodyStart)
            // The walk: where each line starts, from the body's start.
            var starts = [bodyStart]
            var index = bodyStart
            while index < bytes.count {
                var length = 0
                if bytes[index] == 0x0A { length = 1 }
                else if bytes[index] == 0x0D { length = index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1 }
                else if bytes[index...].starts(with: [0xC2, 0x85]) { length = 2 }
                else if bytes[index...].starts(with: [0xE2, 0x80, 0xA8]) || bytes[index...].starts(with: [0xE2, 0x80, 0xA9]) { length = 3 }
                if length > 0 { starts.append(index + length) }
                index += max(length, 1)
            }
            var line = 0
            for offset in 0...bytes.count {
                while line + 1 < starts.count, starts[line + 1] <= offset { line += 1 }
                let lineStart = min(starts[line], offset)
                let column = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
                let expected = Mark(line: line + 1, column: column, offset: offset)
                if lines.mark(at: offset) != expected {
                    Issue.record("offset \(offset): \(lines.mark(at: offset)) instead of \(expected) in \(text.debugDescription)")
                    break
                }
            }
        }
    }

    @Test func charactersAreCountedEightBytesAtATimeAsOneByOne() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab 中文é—“\n".unicodeScalars)
        for _ in 0..<50 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...300, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
            let bytes = Array(text.utf8)
            let start = Int.random(in: 0...bytes.count, using: &generator)
            let counted = bytes.withUnsafeBufferPointer { LineIndex.characters(in: $0, from: start, to: bytes.count) }
            #expect(counted == bytes[start...].filter { $0 & 0xC0 != 0x80 }.count)
        }
    }

    /// Bytes next to a line feed's (0x0B, 0x8A, 0x09, 0x00) included: the eight-at-a-time count
    /// must see a line feed exactly where there is one.
    @Test func lineFeedsAreCountedEightBytesAtATimeAsOneByOne() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x0A, 0x0B, 0x8A, 0x09, 0x00, 0x61, 0xFF, 0x7F, 0x80]
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...100, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let start = Int.random(in: 0...bytes.count, using: &generator)
            let end = Int.random(in: start...bytes.count, using: &generator)
            let found = bytes.withUnsafeBufferPointer { LineIndex.lineFeeds(in: $0, from: start, to: end) }
            let feeds = bytes.indices.filter { $0 >= start && $0 < end && bytes[$0] == 0x0A }
            #expect(found?.count == (feeds.isEmpty ? nil : feeds.count), "\(bytes) \(start)..<\(end)")
            #expect(found?.lastEnd == feeds.last.map { $0 + 1 }, "\(bytes) \(start)..<\(end)")
        }
    }

    @Test func rareBreaksAreFoundByTheirWholeSequence() {
        func has(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer(LineIndex.hasRareBreak) }
        #expect(!has("数据迁移 报表 培训 — “quotes” é\n"))
        #expect(has("a\rb"))
        #expect(has("a\u{85}b"))
        #expect(has("a\u{2028}b"))
        #expect(has("中文\u{2029}"))
        #expect(!has(""))
    }
}
