/// How much a finding matters, lowest first.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A text in every language pmlint speaks.
public struct LocalizedText: Sendable, Hashable {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    public subscript(_ language: Language) -> String {
        switch language {
        case .en: return en
        case .zh: return zh.isEmpty ? en : zh
        }
    }
}

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

    public init(rule: String, severity: Severity, category: String, message: LocalizedText,
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

/// pmlint's own diagnostics: those of FORMAT.md on the documents (category `document`), and
/// those on suppressions and baselines. They are reported like rule findings.
public enum DocumentRule: String, Sendable, CaseIterable {
    case yamlSyntax = "yaml-syntax"
    case schema
    case unknownKey = "unknown-key"
    case duplicateKey = "duplicate-key"
    case duplicateID = "duplicate-id"
    case unknownReference = "unknown-reference"
    case logOrder = "log-order"
    case futureDate = "future-date"
    case limitExceeded = "limit-exceeded"
    case suppressionInvalid = "suppression-invalid"
    case suppressionUnused = "suppression-unused"
    case baselineStale = "baseline-stale"

    public static let category = "document"

    public var category: String {
        switch self {
        case .suppressionInvalid, .suppressionUnused: return "suppression"
        case .baselineStale: return "baseline"
        default: return DocumentRule.category
        }
    }

    public var severity: Severity {
        switch self {
        case .yamlSyntax, .schema, .duplicateKey, .duplicateID, .unknownReference, .limitExceeded: return .error
        case .unknownKey, .futureDate, .suppressionInvalid, .suppressionUnused: return .warning
        case .logOrder, .baselineStale: return .info
        }
    }

    /// A finding of this diagnostic.
    func finding(_ message: LocalizedText, fix: LocalizedText? = nil, file: String, span: Span, path: String, identity: String) -> Finding {
        Finding(rule: rawValue, severity: severity, category: category, message: message, fix: fix,
                file: file, span: span, path: path, identity: identity)
    }

    public var summary: LocalizedText {
        switch self {
        case .yamlSyntax: return LocalizedText(en: "The file is not valid YAML.", zh: "文件不是合法的 YAML。")
        case .schema: return LocalizedText(en: "A field is missing, or a value has the wrong type or form.", zh: "缺少必填字段，或值的类型、格式不对。")
        case .unknownKey: return LocalizedText(en: "A key the format does not define.", zh: "格式中没有定义的键。")
        case .duplicateKey: return LocalizedText(en: "The same key twice in one mapping.", zh: "同一映射中重复的键。")
        case .duplicateID: return LocalizedText(en: "Two items share an id.", zh: "两个条目使用了同一个 id。")
        case .unknownReference: return LocalizedText(en: "A reference names no stakeholder or item.", zh: "引用的干系人或条目不存在。")
        case .logOrder: return LocalizedText(en: "A log entry is dated earlier than the one before it.", zh: "日志条目的日期早于前一条。")
        case .futureDate: return LocalizedText(en: "A log entry is dated after the as-of date.", zh: "日志条目的日期晚于检查日期。")
        case .limitExceeded: return LocalizedText(en: "A file goes past one of pmlint's limits (size, nesting, nodes, aliases).", zh: "文件超出了 pmlint 的某项限制（大小、嵌套、节点数、别名数）。")
        case .suppressionInvalid: return LocalizedText(en: "A suppression without a reason, or for no known rule.", zh: "没有写明原因、或针对未知规则的屏蔽。")
        case .suppressionUnused: return LocalizedText(en: "A suppression that hides nothing.", zh: "没有屏蔽任何问题的屏蔽声明。")
        case .baselineStale: return LocalizedText(en: "A finding recorded in the baseline no longer occurs.", zh: "基线中记录的问题已不再出现。")
        }
    }
}
