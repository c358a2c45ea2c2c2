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

    static let category = "document"

    /// A file that could not be read (its YAML, or a limit): nothing in it was checked, so
    /// the finding can never be suppressed.
    var stopsTheCheck: Bool { self == .yamlSyntax || self == .limitExceeded }

    var category: String {
        switch self {
        case .suppressionInvalid, .suppressionUnused: return "suppression"
        case .baselineStale: return "baseline"
        default: return DocumentRule.category
        }
    }

    var severity: Severity {
        switch self {
        // A misspelt key silently switches checks off (`reveiwer:` makes a milestone look unreviewed).
        case .yamlSyntax, .schema, .unknownKey, .duplicateKey, .duplicateID, .unknownReference, .limitExceeded: return .error
        case .futureDate, .suppressionInvalid, .suppressionUnused: return .warning
        case .logOrder, .baselineStale: return .info
        }
    }

    /// A finding of this diagnostic.
    func finding(_ message: LocalizedText, fix: LocalizedText? = nil, file: String, span: Span, path: String, identity: String) -> Finding {
        Finding(rule: rawValue, severity: severity, category: category, message: message, fix: fix,
                file: file, span: span, path: path, identity: identity)
    }

    var summary: LocalizedText {
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
