#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A team's settings in `.pmlint.yml`, found from each project upwards to the repository root:
/// per-rule severity, parameters or `off`; extra rule folders; vague terms to add or remove;
/// the message language and the failing level.
public struct Configuration: Sendable {
    var file: String?
    var off: Set<String> = []
    var severities: [String: Severity] = [:]
    var parameters: [String: [String: ParameterValue]] = [:]
    var extraRules: [String] = []
    var vagueTermsAdded: [String] = []
    var vagueTermsRemoved: [String] = []
    public var language: Language?
    /// `error`, `warning`, `info` or `never`.
    public var failOn: String?
    /// The words that classify imported meetings and mails (`import_words`), each list the
    /// team's or the default.
    public var importWords = ImportWords()

    init() {}

    static let names = [".pmlint.yml", ".pmlint.yaml"]

    static let vagueTerms = Shape("vague terms", zh: "含糊词语", [
        Field("add", .texts, "Terms to flag besides the built-in ones."),
        Field("remove", .texts, "Built-in terms not to flag."),
    ])

    static let shape = Shape("configuration", zh: "配置", [
        Field("rules", .any, "Per rule: `off`, or `{severity: ..., <parameter>: ...}`."),
        Field("extra_rules", .texts, "Folders of the team's own rule files, relative to this file."),
        Field("vague_terms", .mapping(vagueTerms), "Vague terms to add or remove."),
        Field("lang", .choice(Language.allCases.map(\.rawValue)), "Message language."),
        Field("fail_on", .choice(["error", "warning", "info", "never"]), "The level that makes the exit code 1."),
        Field("import_words", .mapping(importWords), "Words that classify imported meetings and mails; a list given replaces the default."),
    ])

    static let importWords = Shape("import words", zh: "导入用词", ImportWords.keys.map { key in
        Field(key, .texts, key == "status_report"
              ? "Words in an e-mail's subject that make it a status report (default: \(ImportWords.defaults[key]!.joined(separator: ", ")))."
              : "Words in a meeting's title that make it a `\(key)` meeting (default: \(ImportWords.defaults[key]!.joined(separator: ", "))).")
    })

    /// The nearest configuration file from `folder` upwards, stopping at the repository root
    /// (the folder holding `.git`).
    public static func find(from folder: String) -> String? {
        var url = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            for name in names {
                let candidate = url.appendingPathComponent(name).path
                if FileManager.default.fileExists(atPath: candidate) {
                    return folder.hasPrefix("/") ? candidate : relative(candidate)
                }
            }
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return nil }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// A path as short as the user would write it, relative to the current folder when inside it.
    static func relative(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath
        return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
    }

    /// Reads a configuration and the catalog it asks for: the base catalog with the extra rule
    /// folders added and the rules configured. Any problem is a located error.
    public static func load(_ path: String, base: RuleCatalog, access: FileAccess = FileAccess()) throws -> (Configuration, RuleCatalog) {
        try load(SourceFile(path: path, bytes: try access.read(path), limits: access.limits), base: base, access: access)
    }

    /// The same, from a configuration's text.
    static func load(_ source: SourceFile, base: RuleCatalog, access: FileAccess) throws -> (Configuration, RuleCatalog) {
        let path = source.path
        if let problem = source.problems.first {
            throw LocatedError(file: path, span: problem.span, message: problem.isLimit ? "pmlint stopped reading this file: \(problem.message)" : "not valid YAML: \(problem.message)")
        }
        var reader = DocumentReader(source: source)
        let root = source.tree.root == nil ? nil : reader.readRoot(as: shape)
        if let problem = reader.findings.first {
            throw LocatedError(file: path, span: problem.span, message: problem.message.en)
        }
        var configuration = Configuration()
        configuration.file = path
        var catalog = base
        guard let root else { return (configuration, catalog) }
        let folder = Platform.deletingLastPathComponent(path)
        for entry in root.texts("extra_rules") {
            let rules = entry.text.hasPrefix("/") ? entry.text : Discovery.join(folder.isEmpty ? "." : folder, entry.text)
            do {
                let root = FileAccess.repositoryRoot(of: path)
                try access.requireInside(rules, root: root)
                try catalog.addFolder(rules, access: access, root: root, strict: true)
            } catch let error as UsageError {
                throw LocatedError(file: path, span: source.span(entry.node), message: error.description)
            }
            configuration.extraRules.append(rules)
        }
        if let terms = root.item("vague_terms") {
            configuration.vagueTermsAdded = terms.texts("add").map(\.text)
            configuration.vagueTermsRemoved = terms.texts("remove").map(\.text)
        }
        if let words = root.item("import_words") {
            for key in ImportWords.keys where words[key] != nil {
                configuration.importWords.words[key] = words.texts(key).map(\.text)
            }
        }
        configuration.language = root.choice("lang").flatMap(Language.init(rawValue:))
        configuration.failOn = root.choice("fail_on")
        if case .node(let rules)? = root["rules"]?.value {
            try configuration.readRules(rules, in: source, catalog: catalog)
        }
        return (configuration, configuration.configure(catalog))
    }

    private mutating func readRules(_ written: NodeID, in source: SourceFile, catalog: RuleCatalog) throws {
        let tree = source.tree
        let node = tree.resolved(written)
        if tree.isNull(node) { return }
        func error(_ node: NodeID, _ message: String) -> LocatedError {
            LocatedError(file: source.path, span: source.span(node), message: message)
        }
        guard tree.kind(node) == .mapping else { throw error(written, "`rules` maps rule ids to `off` or to `{severity: ..., parameter: ...}`") }
        let documentRules = Set(DocumentRule.allCases.map(\.rawValue))
        for (keyNode, valueNode) in tree.pairs(node) {
            let id = tree.string(tree.resolved(keyNode))
            let value = tree.resolved(valueNode)
            let rule = catalog.rule(id)
            guard rule != nil || documentRules.contains(id) else {
                let hint = nearest(to: id, in: catalog.rules.map(\.id) + documentRules).first.map { "; did you mean `\($0)`?" } ?? ""
                throw error(keyNode, "`\(id)` is not a rule id\(hint)")
            }
            if tree.kind(value) == .scalar {
                guard tree.string(value) == "off" || tree.string(value) == "false" else {
                    throw error(valueNode, "a rule takes `off`, or a mapping such as `{severity: error}`")
                }
                off.insert(id)
                continue
            }
            guard tree.kind(value) == .mapping else { throw error(valueNode, "a rule takes `off`, or a mapping such as `{severity: error}`") }
            for (settingNode, settingValue) in tree.pairs(value) {
                let setting = tree.string(tree.resolved(settingNode))
                let text = tree.string(tree.resolved(settingValue))
                if setting == "severity" {
                    guard let severity = Severity(rawValue: text) else {
                        throw error(settingValue, "`\(text)` is not a severity: use error, warning or info")
                    }
                    severities[id] = severity
                    continue
                }
                guard let parameter = rule?.parameters.first(where: { $0.name == setting }) else {
                    let known = ["severity"] + (rule?.parameters.map(\.name) ?? [])
                    let hint = nearest(to: setting, in: known).first.map { "; did you mean `\($0)`?" } ?? ""
                    throw error(settingNode, "`\(id)` has no setting `\(setting)`; it takes \(known.map { "`\($0)`" }.joined(separator: ", "))\(hint)")
                }
                let value: ParameterValue
                switch parameter.defaultValue {
                case .duration:
                    guard let duration = Duration(parsing: text) else { throw error(settingValue, "`\(text)` is not a duration such as 2d, 1w, 1mo or 5wd") }
                    value = .duration(duration)
                case .number:
                    guard let number = Double(text) else { throw error(settingValue, "`\(text)` is not a number") }
                    value = .number(number)
                case .terms:
                    do {
                        value = .terms(try ParameterReader(source: source).terms(tree.resolved(settingValue)))
                    } catch {
                        throw error
                    }
                }
                parameters[id, default: [:]][setting] = value
            }
        }
    }

    /// The catalog with this configuration's severities, parameters, terms and rules turned off.
    func configure(_ catalog: RuleCatalog) -> RuleCatalog {
        RuleCatalog(rules: catalog.rules.compactMap { rule in
            guard !off.contains(rule.id) else { return nil }
            var rule = rule
            if let severity = severities[rule.id] { rule.severity = severity }
            rule.parameters = rule.parameters.map { parameter in
                var value = parameters[rule.id]?[parameter.name] ?? parameter.defaultValue
                if case .terms(var list) = value, !(vagueTermsAdded.isEmpty && vagueTermsRemoved.isEmpty) {
                    let removed = Set(vagueTermsRemoved.map { $0.lowercased() })
                    list.terms.removeAll { removed.contains($0.text) }
                    for term in vagueTermsAdded {
                        list.terms.append(.init(text: term.lowercased(), wholeWord: term.unicodeScalars.allSatisfy(\.isASCII), onlyBefore: nil))
                    }
                    value = .terms(list)
                }
                return Parameter(name: parameter.name, defaultValue: value, from: parameter.from)
            }
            return rule
        })
    }
}
