/// One problem pmlint reports: a document diagnostic or a rule's finding.
public struct Finding: Sendable {
    public var rule: String
    public var severity: Severity
    public var category: String
    public var message: LocalizedText
    public var fix: LocalizedText?
    /// The file as the user named it (the command-line path joined with the file's name).
    public var file: String
    public var span: Span
    /// The logical place in the document, e.g. `milestones[1].due`.
    public var path: String
    /// What identifies the finding across edits besides rule and project: an item id based
    /// path and a message key, never a line number.
    public var identity: String

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

extension Finding {
    /// The same finding on another day: rule and identity, whatever the message says.
    var ruleAndIdentity: String { rule + "\u{0}" + identity }

    /// A file that could not be read, or a plan that is not a mapping: the one real problem,
    /// which no suppression may hide (the run would pass with no rule run at all).
    var stopsTheCheck: Bool {
        DocumentRule(rawValue: rule)?.stopsTheCheck == true || (rule == DocumentRule.schema.rawValue && path.isEmpty)
    }
}
