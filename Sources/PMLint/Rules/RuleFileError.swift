/// A problem in a rule file: it names the file, line and column, and what is wrong.
public struct RuleFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var span: Span
    public var message: String

    public var description: String { "\(file):\(span.start.line):\(span.start.column): \(message)" }
}
