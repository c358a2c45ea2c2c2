/// A problem in a file pmlint reads to do its job (a rule file, the configuration, a baseline):
/// it names the file, line and column, and what is wrong. It stops the run with exit 2.
public struct LocatedError: Error, CustomStringConvertible, Sendable {
    var file: String
    var span: Span
    var message: String

    public var description: String { "\(file):\(span.start.line):\(span.start.column): \(message)" }
}
