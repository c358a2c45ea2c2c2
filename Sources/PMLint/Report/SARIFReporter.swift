/// SARIF 2.1.0 for GitHub code scanning: one run, every rule that ran described in
/// `tool.driver.rules`, each finding a result with its physical location and region.
/// Suppressed findings are included with their justification, as SARIF intends.
public struct SARIFReporter: Sendable {
    public var language: Language

    public init(language: Language) {
        self.language = language
    }

    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    public func render(_ result: CheckResult) -> ReportOutput {
        let language = self.language
        let rules = result.rules
        let position = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
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
                ("defaultConfiguration", .object([("level", .string(SARIFReporter.level(rule.severity)))])),
                ("properties", .object([("category", .string(rule.category)), ("tags", .array([.string("pmlint"), .string(rule.category)]))])),
            ])
        }
        let all = result.findings + result.suppressed
        // A project has a file or two: each spelled as a URI once, not once per finding.
        let uris = Dictionary(all.map { ($0.finding.file, "") }, uniquingKeysWith: { a, _ in a }).keys
            .reduce(into: [String: String]()) { $0[$1] = SARIFReporter.uri($1) }
        let results = JSON.elements(count: all.count) { index in
            let reported = all[index]
            let finding = reported.finding
            var message = finding.message[language]
            if let fix = finding.fix { message += "\n" + (language == .zh ? "修复：" : "Fix: ") + fix[language] }
            var pairs: [(String, JSON)] = [
                ("ruleId", .string(finding.rule)),
            ]
            if let index = position[finding.rule] { pairs.append(("ruleIndex", .int(index))) }
            pairs += [
                ("level", .string(SARIFReporter.level(finding.severity))),
                ("message", .object([("text", .string(message))])),
                ("locations", .array([.object([
                    ("physicalLocation", .object([
                        ("artifactLocation", .object([("uri", .string(uris[finding.file] ?? SARIFReporter.uri(finding.file)))])),
                        ("region", .object([
                            ("startLine", .int(max(1, finding.span.start.line))),
                            ("startColumn", .int(max(1, finding.span.start.column))),
                            ("endLine", .int(max(finding.span.start.line, finding.span.end.line))),
                            ("endColumn", .int(max(1, finding.span.end.line > finding.span.start.line ? finding.span.end.column : max(finding.span.end.column, finding.span.start.column)))),
                        ])),
                    ])),
                    ("logicalLocations", .array(finding.path.isEmpty ? [] : [.object([("fullyQualifiedName", .string(finding.path))])])),
                ])])),
                ("partialFingerprints", .object([("pmlint/v1", .string(reported.fingerprint.description))])),
                ("properties", .object([("project", .string(reported.project)), ("category", .string(finding.category))])),
            ]
            if let reason = reported.suppression {
                pairs.append(("suppressions", .array([.object([("kind", .string("inSource")), ("justification", .string(reason))])])))
            }
            return .object(pairs)
        }
        let log = JSON.object([
            ("$schema", .string(SARIFReporter.schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("pmlint")),
                    ("version", .string(JSONReporter.toolVersion)),
                    ("semanticVersion", .string(JSONReporter.toolVersion)),
                    ("rules", .array(descriptors)),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", results),
            ])])),
        ])
        return .chunks { log.write(to: $0) }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// The bytes a URI's path keeps as they are (RFC 3986's, but `:` and `;`): every other
    /// byte of a path's UTF-8 is percent-encoded.
    private static let pathAllowed: Set<UInt8> = Set("!$&'()*+,-./=@_~".utf8)
        .union(UInt8(ascii: "0")...UInt8(ascii: "9")).union(UInt8(ascii: "A")...UInt8(ascii: "Z")).union(UInt8(ascii: "a")...UInt8(ascii: "z"))

    /// A relative path as a URI reference (percent-encoded, forward slashes); an absolute one as a file URI.
    static func uri(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            if pathAllowed.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        if path.hasPrefix("/") { return "file://" + encoded }
        return encoded.hasPrefix("./") ? String(encoded.dropFirst(2)) : encoded
    }
}
