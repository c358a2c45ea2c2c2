#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Findings a team has accepted for now, recorded by fingerprint (never by line), so that CI
/// shows only new ones. A recorded finding that no longer occurs is reported as
/// `baseline-stale`, so the baseline only ever shrinks.
struct Baseline: Sendable {
    struct Entry: Sendable {
        var fingerprint: String
        var rule: String
        var project: String
        var path: String
        var message: String
        /// Where the entry is written in the baseline file, for `baseline-stale`.
        var line: Int
    }

    var file: String
    var entries: [Entry]

    public static func load(_ path: String, access: FileAccess = FileAccess()) throws -> Baseline {
        try parse(try access.read(path), path: path)
    }

    /// A baseline from its bytes; `path` names it in errors.
    static func parse(_ bytes: [UInt8], path: String) throws(LocatedError) -> Baseline {
        let start = Span(at: Mark(line: 1, column: 1, offset: 0))
        guard let file = try? JSONDecoder().decode(BaselineFile.self, from: Data(bytes)), file.version == 1 else {
            throw LocatedError(file: path, span: start, message: "not a pmlint baseline (version 1); write one with --write-baseline")
        }
        // Line numbers of each fingerprint as written, one search forward per entry.
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var cursor = 0
        var entries: [Entry] = []
        for finding in file.findings {
            guard let fingerprint = finding.fingerprint else {
                throw LocatedError(file: path, span: start, message: "a baseline entry has no fingerprint")
            }
            while cursor < lines.count, !lines[cursor].contains("\"\(fingerprint)\"") { cursor += 1 }
            entries.append(Entry(fingerprint: fingerprint, rule: finding.rule ?? "", project: finding.project ?? "",
                                 path: finding.path ?? "", message: finding.message ?? "", line: min(cursor, lines.count - 1) + 1))
        }
        return Baseline(file: path, entries: entries)
    }
}

/// A baseline file as written by `--write-baseline`: `version` 1 and an array of objects. Only
/// `fingerprint` is required of an entry; a field that is not a string is read as missing (a
/// string that cannot be read makes the file no baseline).
private struct BaselineFile: Decodable {
    var version: Int
    var findings: [Finding]

    struct Finding: Decodable {
        var fingerprint: String?
        var rule: String?
        var project: String?
        var path: String?
        var message: String?

        enum CodingKeys: String, CodingKey {
            case fingerprint, rule, project, path, message
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String? {
                do {
                    return try container.decodeIfPresent(String.self, forKey: key)
                } catch DecodingError.typeMismatch {
                    return nil
                }
            }
            fingerprint = try text(.fingerprint)
            rule = try text(.rule)
            project = try text(.project)
            path = try text(.path)
            message = try text(.message)
        }
    }
}

/// A baseline applied project by project: each entry hides one finding with its fingerprint;
/// the entries that hid none are reported as `baseline-stale` once every project is checked.
struct BaselineFilter {
    let baseline: Baseline
    private var remaining: [String: [Int]] = [:]

    init(_ baseline: Baseline) {
        self.baseline = baseline
        for (index, entry) in baseline.entries.enumerated() { remaining[entry.fingerprint, default: []].append(index) }
    }

    mutating func apply(to project: inout ProjectReport) {
        var kept: [ReportedFinding] = []
        for finding in project.findings {
            if var indexes = remaining[finding.fingerprint], !indexes.isEmpty {
                indexes.removeFirst()
                remaining[finding.fingerprint] = indexes
                project.baselined += 1
            } else {
                kept.append(finding)
            }
        }
        project.findings = kept
    }

    /// The entries that hid nothing, of those this run could have produced: a rule that ran,
    /// on a project that was checked (by its key, or by its path as an older baseline has it).
    func stale(rules: Set<String>, projects: Set<String>) -> [ReportedFinding] {
        let root = FileAccess.repositoryRoot(of: baseline.file)
        return remaining.values.flatMap { $0 }.sorted().compactMap { index -> ReportedFinding? in
            let entry = baseline.entries[index]
            guard rules.contains(entry.rule), projects.contains(entry.project) || projects.contains(Linter.normalized(entry.project)) else { return nil }
            let mark = Mark(line: entry.line, column: 1, offset: 0)
            let finding = DocumentRule.baselineStale.finding(
                LocalizedText(en: "the baseline records a `\(entry.rule)` finding at `\(entry.path)` in \(entry.project) that no longer occurs",
                              zh: "基线中记录的 \(entry.project) 中 `\(entry.path)` 处的 `\(entry.rule)` 问题已不再出现"),
                fix: LocalizedText(en: "rewrite the baseline with --write-baseline so it only shrinks", zh: "用 --write-baseline 重写基线，让它只减不增"),
                file: baseline.file, span: Span(at: mark), path: "", identity: entry.fingerprint)
            return ReportedFinding(finding: finding, project: entry.project,
                                   repositoryPath: FileAccess.relative(baseline.file, to: root) ?? baseline.file,
                                   fingerprint: fingerprint(rule: finding.rule, project: entry.project, identity: entry.fingerprint))
        }
    }
}

/// `--write-baseline`: every finding's fingerprint recorded as projects are checked.
public struct BaselineRecorder: ReportWriter, Sendable {
    private var findings = JSONArrayStream()
    public var recorded: Int { findings.count }

    public init() {}

    public mutating func start(_ run: RunInfo) -> String { findings.head(of: document) }

    public mutating func add(_ project: ProjectReport) -> String {
        project.findings.map { reported in
            findings.element(.object([
                ("fingerprint", .string(reported.fingerprint)),
                ("rule", .string(reported.finding.rule)),
                ("project", .string(project.key)),
                ("path", .string(reported.finding.path)),
                ("message", .string(reported.finding.message.en)),
            ]))
        }.joined()
    }

    public func finish(_ summary: CheckSummary) -> String { findings.tail(of: document) + "\n" }

    private var document: JSON {
        .object([("version", .int(1)), ("tool", .string("pmlint")), ("findings", JSONArrayStream.placeholder)])
    }
}
