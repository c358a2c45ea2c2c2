/// A position in a source file: 1-based line and column as editors show them (columns count
/// characters, as libyaml does), and the 0-based byte offset into the file.
public struct Mark: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int
    public var offset: Int

    init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: Mark, b: Mark) -> Bool { a.offset < b.offset }
}

/// The stretch of a file a node or finding covers; `end` is exclusive.
public struct Span: Sendable, Hashable {
    public var start: Mark
    public var end: Mark

    init(start: Mark, end: Mark) {
        self.start = start
        self.end = end
    }

    init(at mark: Mark) {
        self.init(start: mark, end: mark)
    }
}
