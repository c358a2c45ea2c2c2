/// One problem pmlint reports: a document diagnostic or a rule's finding.
public struct Finding: Sendable {
    public var rule: String
    var severity: Severity
    var category: String
    var message: LocalizedText
    var fix: LocalizedText?
    /// The file as the user named it (the command-line path joined with the file's name).
    var file: String
    var span: Span
    /// The logical place in the document, e.g. `milestones[1].due`.
    var path: String
    /// What identifies the finding across edits besides rule and project: an item id based
    /// path and a message key, never a line number.
    var identity: String

    init(rule: String, severity: Severity, category: String, message: LocalizedText,
                fix: LocalizedText? = nil, file: String, span: Span, path: String, identity: String) {
        self.rule = rule
        self.severity = severity
        self.category = category
        self.message = message
        self.fix = fix
        self.file = file
        self.span = span
        self.path = path
        self.identity = identity
    }
}
