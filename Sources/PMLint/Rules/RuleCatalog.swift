#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The rules a run uses: the built-in catalog (embedded in the binary from `rules/`) and the
/// folders of a team's own rules.
public struct RuleCatalog: Sendable {
    public private(set) var rules: [Rule]

    init(rules: [Rule]) {
        self.rules = rules
    }

    /// The built-in rules. They are tested to load; a failure here is a bug in pmlint.
    public static func builtIn() throws(LocatedError) -> RuleCatalog {
        var catalog = RuleCatalog(rules: [])
        // Compiled on all cores: at a small project's scale, this is a third of the run.
        let loaded = concurrentMap(embeddedRuleFiles.map { $0 }) { name, text in
            Result { () throws(LocatedError) in try RuleLoader.load(path: "rules/\(name)", bytes: Array(text.utf8), isBuiltIn: true) }
        }
        for rule in loaded { try catalog.add(try rule.get()) }
        return catalog
    }

    /// Adds every `*.yaml` of a folder as a rule file.
    /// `root` and `strict` for a configuration's folders: every rule file must be inside it.
    public mutating func addFolder(_ folder: String, access: FileAccess = FileAccess(), root: String? = nil, strict: Bool = false) throws {
        guard Platform.isDirectory(folder) == true else {
            throw UsageError("\(folder): no such rule folder")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = Discovery.join(folder, name)
            try add(try RuleLoader.load(path: path, bytes: try access.read(path, root: root, strict: strict), isBuiltIn: false, limits: access.limits))
        }
    }

    mutating func add(_ rule: Rule) throws(LocatedError) {
        let idNode = rule.file.tree.root.flatMap { rule.file.tree.value($0, forKey: "id") }
        let span = idNode.map { rule.file.span($0) } ?? Span(at: Mark(line: 1, column: 1, offset: 0))
        if DocumentRule(rawValue: rule.id) != nil {
            throw LocatedError(file: rule.file.path, span: span, message: "rule id `\(rule.id)` is taken by a document diagnostic of pmlint")
        }
        if let other = rules.first(where: { $0.id == rule.id }) {
            // The same folder named twice (on the command line and in the configuration).
            if !rule.isBuiltIn, standardized(other.file.path) == standardized(rule.file.path) { return }
            throw LocatedError(file: rule.file.path, span: span, message: "rule id `\(rule.id)` is already defined in \(other.file.path)")
        }
        rules.append(rule)
    }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    private func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// Every id and category a `--select`/`--ignore` may name.
    var selectable: Set<String> {
        Set(rules.map(\.id) + rules.map(\.category) + DocumentRule.allCases.map(\.rawValue) + DocumentRule.allCases.map(\.category))
    }
}

/// `--select` / `--ignore` by rule id or category.
public struct RuleSelection: Sendable {
    var select: [String]
    var ignore: [String]

    public init(select: [String] = [], ignore: [String] = []) {
        self.select = select
        self.ignore = ignore
    }

    func includes(rule: String, category: String) -> Bool {
        if ignore.contains(rule) || ignore.contains(category) { return false }
        return select.isEmpty || select.contains(rule) || select.contains(category)
    }

    /// Up to three ids close to a mistyped one.
    public static func closest(to name: String, in ids: [String]) -> [String] {
        let close = nearest(to: name, in: ids, limit: 3)
        return close.isEmpty ? ids.filter { $0.contains(name) || name.contains($0) }.prefix(3).map { $0 } : close
    }

    /// Names that are neither a rule id nor a category are a usage error, with a suggestion.
    func validate(against catalog: RuleCatalog) throws {
        let known = catalog.selectable
        for name in select + ignore where !known.contains(name) {
            let hint = nearest(to: name, in: known).first.map { "; did you mean `\($0)`?" } ?? ""
            throw UsageError("`\(name)` is neither a rule id nor a category\(hint)")
        }
    }
}
