/// SARIF 2.1.0 for GitHub code scanning: one run, every rule that ran described in
/// `tool.driver.rules`, each finding a result with its physical location and region.
/// Suppressed findings are included with their justification, as SARIF intends.
public struct SARIFReporter: ReportWriter, Sendable {
    public var language: Language
    private var results = JSONArrayStream()
    private var position: [String: Int] = [:]
    private var log = JSON.null
    /// Suppressed findings follow the others, as they always have.
    private var suppressed: [ReportedFinding] = []

    public init(language: Language) {
        self.language = language
    }

    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    public mutating func start(_ run: RunInfo) -> String {
        let rules = run.rules
        position = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let descriptors: [JSON] = rules.map { rule in
            var help = rule.summary[language]
            if let rationale = rule.rationale { help += "\n\n" + rationale[language] }
            if let source = rule.source { help += "\n\n(" + source + ")" }
            return .object([
                ("id", .string(rule.id)),
                ("name", .string(rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())),
                ("shortDescription", .object([("text", .string(rule.summary[language]))])),
                ("fullDescription", .object([("text", .string(rule.rationale?[language] ?? rule.summary[language]))])),
                ("help", .object([("text", .string(help))])),
                ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
                ("properties", .object([("category", .string(rule.category)), ("tags", .array([.string("pmlint"), .string(rule.category)]))])),
            ])
        }
        log = JSON.object([
            ("$schema", .string(SARIFReporter.schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("pmlint")),
                    ("version", .string(Version.number)),
                    ("semanticVersion", .string(Version.number)),
                    ("rules", .array(descriptors)),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", JSONArrayStream.placeholder),
            ])])),
        ])
        return results.head(of: log)
    }

    public mutating func add(_ project: ProjectReport) -> String {
        suppressed += project.suppressed
        return project.findings.map { results.element(result($0)) }.joined()
    }

    public mutating func finish(_ summary: CheckSummary) -> String {
        (summary.stale + suppressed).map { results.element(result($0)) }.joined() + results.tail(of: log) + "\n"
    }

    private func result(_ reported: ReportedFinding) -> JSON {
        let finding = reported.finding
        var message = finding.message[language]
        if let fix = finding.fix { message += "\n" + (language == .zh ? "建议：" : "Fix: ") + fix[language] }
        var pairs: [(String, JSON)] = [
            ("ruleId", .string(finding.rule)),
        ]
        if let index = position[finding.rule] { pairs.append(("ruleIndex", .int(index))) }
        pairs += [
            ("level", .string(level(finding.severity))),
            ("message", .object([("text", .string(message))])),
            ("locations", .array([.object([
                ("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(SARIFReporter.uri(reported.repositoryPath))), ("uriBaseId", .string("%SRCROOT%"))])),
                    ("region", .object([
                        ("startLine", .int(max(1, finding.span.start.line))),
                        ("startColumn", .int(max(1, finding.span.start.column))),
                        ("endLine", .int(max(finding.span.start.line, finding.span.end.line))),
                        ("endColumn", .int(max(1, finding.span.end.line > finding.span.start.line ? finding.span.end.column : max(finding.span.end.column, finding.span.start.column)))),
                    ])),
                ])),
                ("logicalLocations", .array(finding.path.isEmpty ? [] : [.object([("fullyQualifiedName", .string(finding.path))])])),
            ])])),
            ("partialFingerprints", .object([("pmlint/v1", .string(reported.fingerprint))])),
            ("properties", .object([("project", .string(reported.project)), ("category", .string(finding.category))])),
        ]
        if let reason = reported.suppression {
            pairs.append(("suppressions", .array([.object([("kind", .string("inSource")), ("justification", .string(reason))])])))
        }
        return .object(pairs)
    }

    func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// A relative path as a URI reference (percent-encoded, forward slashes); an absolute one as a file URI.
    static func uri(_ path: String) -> String {
        let encoded = Platform.percentEncodedPath(path)
        if path.hasPrefix("/") { return "file://" + encoded }
        return encoded.hasPrefix("./") ? String(encoded.dropFirst(2)) : encoded
    }
}
