#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One project, read and validated: the plan, its log entries, the id namespace, and the
/// document diagnostics found on the way.
public final class Project: Sendable {
    public let location: ProjectLocation
    public let planFile: SourceFile
    public let logFile: SourceFile?
    public let plan: Item?
    /// Log entries in file order (from the plan's `log:` or from `log.yaml`).
    public let entries: ItemList
    /// The date of each of `entries` (nil where it has none), kept apart for passes by date.
    public let entryDates: OptionalDays
    /// Every id of the project: stakeholders, milestones, risks, changes and log entries.
    public let items: ProjectIDs
    /// Positions in `entries` of the entries naming each id in `re`, by the id's number in `items`.
    let linked: PositionLists
    /// Positions in `entries` of the entries naming each person in with/to/from, by number.
    let mentions: PositionLists
    public let findings: [Finding]
    /// Suppressions written in the project's files, on items and in comments.
    public let suppressions: [Suppression]
    /// A file of the project could not be parsed; rules then stay silent.
    public let isBroken: Bool

    public var name: String? { plan?.item("project")?.text("name") }

    public func stakeholder(_ id: String) -> Item? {
        guard let number = items.number(of: id), items.isStakeholder(number) else { return nil }
        return items.item(numbered: number)
    }

    /// Reads a project's files; only an unreadable file is an error, every problem inside one
    /// is a finding.
    public static func load(_ location: ProjectLocation, asOf: Day, limits: YAMLLimits = YAMLLimits()) throws -> Project {
        let planBytes = try readBytes(location.plan, limit: limits.maxFileSize)
        // The plan is parsed and read into items on one core while the log's bytes are read on
        // another. The trees live only while the project is read: its items keep byte ranges.
        enum Work: Sendable {
            case plan(ParsedFile, PlanRead)
            case log(Result<(String, [UInt8]), UsageError>?)
        }
        let work = concurrentMap([false, true]) { isLog -> Work in
            guard isLog else {
                let parsed = ParsedFile(path: location.plan, bytes: planBytes, limits: limits, readingAs: Schema.plan)
                return .plan(parsed, PlanRead(parsed))
            }
            return .log(location.log.map { path in Result { () throws(UsageError) in (path, try readBytes(path, limit: limits.maxFileSize)) } })
        }
        guard case .plan(let planFile, let planRead) = work[0], case .log(let logRead) = work[1] else {
            preconditionFailure("the plan and the log are read in order")
        }
        let logBytes = try logRead?.get()
        PhaseTimings.mark("\(location.path): files read, plan read into items")
        let logFile = try logBytes.map { path, bytes throws(UsageError) in try ParsedFile.read(path: path, bytes: bytes, limits: limits, as: Schema.logFile) }
        PhaseTimings.mark("\(location.path): parsed and read into items")
        let project = Project(location: location, planFile: planFile, planRead: planRead, logFile: logFile, asOf: asOf)
        PhaseTimings.mark("\(location.path): ids, references and dates checked")
        return project
    }

    /// A finding for each of the project's files that changed while it was checked: some of a
    /// long log's bytes, read again for a finding, were no longer what they had been, and the
    /// findings there could not be placed (`SourceBytes`). Asked for once the rules have run.
    var filesChanged: [Finding] {
        [planFile, logFile].compactMap { $0 }.filter(\.changedWhileChecked).map { file in
            DocumentRule.fileChanged.finding(
                LocalizedText(en: "\(file.path) changed while pmlint was checking it, so some findings in it could not be placed on their lines",
                              zh: "pmlint 检查期间 \(file.path) 被修改了，其中部分问题无法定位到所在行"),
                fix: LocalizedText(en: "run pmlint again once the file is saved", zh: "文件保存后重新运行 pmlint"),
                file: file.path, span: Span(at: Mark(line: 1, column: 1, offset: 0)), path: "", identity: "file-changed")
        }
    }

    /// Reads a file, or its first `limit + 1` bytes: enough to tell it is too large without
    /// reading all of it (or forever, from a device).
    static func readBytes(_ path: String, limit: Int = Int.max - 1) throws(UsageError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw UsageError("\(path): cannot open the file for reading")
        }
        defer { close(descriptor) }
        // Straight into the array that is kept: no second copy of a large file.
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 && status.st_size > 0 ? min(Int(status.st_size), limit) + 1 : 65_536
        // Read into the array's own storage, as it is made: no zeroing, no copy.
        var failure: Int32 = 0
        var atEnd = false
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < buffer.count {
                let read = readDescriptor(descriptor, into: base + initialized, count: buffer.count - initialized)
                if read < 0, errno == EINTR { continue }
                if read < 0 { failure = errno }
                atEnd = read == 0
                if read <= 0 { return }
                initialized += read
            }
        }
        if failure != 0 {
            throw UsageError("\(path): cannot read the file (\(String(cString: strerror(failure))))")
        }
        if atEnd { return bytes }
        // A file longer than it said (or of unknown size) is read on, up to the limit.
        var count = bytes.count
        while count <= limit {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - count))) }
            let read = bytes.withUnsafeMutableBytes { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return readDescriptor(descriptor, into: base + count, count: buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw UsageError("\(path): cannot read the file (\(String(cString: strerror(errno))))")
            }
            if read == 0 { break }
            count += read
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// `planNode` reads the plan from a node inside `planFile` (a rule file's example) instead
    /// of the file's root; `planRead`, when given, is the plan read already.
    init(location: ProjectLocation, planFile parsedPlan: ParsedFile, planNode: NodeID? = nil, planRead: PlanRead? = nil,
         logFile parsedLog: ParsedFile?, asOf: Day) {
        self.location = location
        let planFile = parsedPlan.source
        let logFile = parsedLog?.source
        self.planFile = planFile
        self.logFile = logFile
        var findings: [Finding] = []
        for file in [planFile, logFile].compactMap({ $0 }) {
            for problem in file.problems {
                if problem.isLimit {
                    findings.append(DocumentRule.limitExceeded.finding(
                        LocalizedText(en: "pmlint stopped reading this file: \(problem.message)",
                                      zh: "pmlint 停止读取此文件：\(problem.message)"),
                        fix: LocalizedText(en: "split the file, or raise the limit (--max-file-size, --max-depth, --max-nodes, --max-aliases) if it is genuine",
                                           zh: "拆分文件；如果内容确实需要，可调高限制（--max-file-size、--max-depth、--max-nodes、--max-aliases）"),
                        file: file.path, span: problem.span, path: "", identity: "limit|\(problem.message)"))
                    continue
                }
                findings.append(Finding(
                    rule: DocumentRule.yamlSyntax.rawValue, severity: .error, category: DocumentRule.category,
                    message: LocalizedText(en: "YAML cannot be read here: \(problem.message)",
                                           zh: "此处的 YAML 无法解析：\(problem.message)"),
                    fix: LocalizedText(en: "correct the YAML at this point (check indentation, colons and quotes)",
                                       zh: "修正此处的 YAML（检查缩进、冒号和引号）"),
                    file: file.path, span: problem.span, path: "", identity: "syntax"))
            }
        }
        isBroken = !findings.isEmpty

        let planRead = planRead ?? PlanRead(parsedPlan, node: planNode)
        let plan = planRead.plan
        findings += planRead.findings
        var suppressions = planRead.suppressions
        var entries = plan?.items("log") ?? ItemList()

        if let parsedLog, let logFile, logFile.problems.isEmpty {
            var logReader = DocumentReader(parsedLog)
            let log = logReader.readRoot(as: Schema.logFile)
            findings += logReader.findings
            suppressions += logReader.suppressions + logFile.comments
            if let planLog = plan?["log"], let logRoot = parsedLog.tree.root, log != nil,
               let logKey = parsedLog.tree.keyNode(in: logRoot, named: "log") {
                findings.append(Finding(
                    rule: DocumentRule.duplicateKey.rawValue, severity: .error, category: DocumentRule.category,
                    message: LocalizedText(
                        en: "`log` is given twice: in \(planFile.path) (line \(planFile.span(planLog.range).start.line)) and in this file; pmlint reads the plan's",
                        zh: "`log` 出现了两次：在 \(planFile.path)（第 \(planFile.span(planLog.range).start.line) 行）和本文件中；pmlint 只读取计划中的"),
                    fix: LocalizedText(en: "keep the log in one place: move the plan's entries here and remove its `log:`",
                                       zh: "日志只保留一处：把计划中的条目移到这里，并删除计划里的 `log:`"),
                    file: logFile.path, span: parsedLog.span(logKey), path: "log", identity: "log-twice"))
            } else if let log {
                entries = log.items("log")
            }
        }
        self.plan = plan
        self.entries = entries
        self.suppressions = suppressions

        var items = ProjectIDs()
        if let plan {
            for key in ["stakeholders", "milestones", "risks", "changes"] {
                for item in plan.items(key) {
                    if let id = item.id { Project.register(item, id: id, in: &items, findings: &findings) }
                }
            }
        }
        // The entries' ids read on all cores (a long log has few), then registered in order.
        let identified = concurrentSlices(entries) { slice in
            slice.compactMap { entry in entry.id.map { (entry, $0) } }
        }
        for (entry, id) in identified.joined() { Project.register(entry, id: id, in: &items, findings: &findings) }

        if let plan {
            var unindexed: EntryReferences?
            Project.checkReferences(in: plan, ids: items, findings: &findings, indexing: &unindexed)
        }
        // The log's entries on all cores (a long log holds most of a project's references),
        // their dates and references taken on the way. Entries written in the plan were
        // checked with it, and are only indexed here.
        let ids = items
        let planSource = plan?.source
        let slices = concurrentSlices(entries) { slice in
            var found: [Finding] = []
            var dates = OptionalDays()
            dates.reserveCapacity(slice.count)
            var references: EntryReferences? = EntryReferences(numberingAfter: ids)
            for entry in slice {
                Project.checkReferences(in: entry, ids: ids, reporting: entry.source !== planSource, findings: &found, indexing: &references)
                references?.endEntry()
                dates.append(entry.date("date"))
            }
            return (found, dates, references ?? EntryReferences(numberingAfter: ids))
        }
        let references = EntryReferences.joined(slices.map(\.2), ids: &items)
        // The two lists built on cores of their own.
        let count = items.count
        let lists = concurrentMap([false, true]) { people in PositionLists(count: count) { references.forEach(people: people, $0) } }
        linked = lists[0]
        mentions = lists[1]
        self.items = items
        findings += slices.flatMap(\.0)
        var dates = OptionalDays()
        dates.reserveCapacity(entries.count)
        for slice in slices { dates.append(contentsOf: slice.1) }
        entryDates = dates
        Project.checkDates(entries, dates: dates, asOf: asOf, findings: &findings)
        self.findings = findings
    }

    /// For each file, the logical paths of the items starting on each line (where a
    /// `# pmlint-disable-next-line` before an item reaches all of the item's findings).
    public var itemsByLine: [String: [Int: [String]]] {
        var lines: [String: [Int: [String]]] = [:]
        func visit(_ item: Item) {
            lines[item.source.path, default: [:]][item.span.start.line, default: []].append(item.path)
            item.nestedItems.forEach(visit)
        }
        // The plan itself is left out: a whole file is `# pmlint-disable`'s business.
        plan?.nestedItems.forEach(visit)
        for entry in entries where entry.source !== plan?.source { visit(entry) }
        return lines
    }

    private static func register(_ item: Item, id: String, in items: inout ProjectIDs, findings: inout [Finding]) {
        guard let first = items.add(item, id: id) else { return }
        guard let idRange = item["id"]?.range else { return }
        let line = first.span.start.line
        let firstPlace = "\(first.shape.name) `\(first.path)` (\(Paths.lastComponent(of: first.source.path)) line \(line))"
        let firstPlaceZh = "\(first.shape.zhName) `\(first.path)`（\(Paths.lastComponent(of: first.source.path)) 第 \(line) 行）"
        findings.append(Finding(
            rule: DocumentRule.duplicateID.rawValue, severity: .error, category: DocumentRule.category,
            message: LocalizedText(en: "id `\(id)` is already used by \(firstPlace); ids are unique across the whole project",
                                   zh: "id `\(id)` 已被 \(firstPlaceZh) 使用；整个项目中的 id 必须唯一"),
            fix: LocalizedText(en: "give this \(item.shape.name) an id of its own", zh: "为这个\(item.shape.zhName)另起一个 id"),
            file: item.source.path, span: item.source.span(idRange), path: item.path(of: "id"),
            identity: "\(item.path).id|\(id)"))
    }

    /// People fields must name stakeholders; `re` must name an item of the project. Given
    /// `references`, the item is a log entry, and the ids its own fields name are added to them.
    /// Not `reporting`: the item was checked already (an entry written in the plan), and only
    /// its references are taken.
    private static func checkReferences(in item: Item, ids: ProjectIDs, reporting: Bool = true,
                                        findings: inout [Finding], indexing references: inout EntryReferences?) {
        // Only refs, of `person`, `people` and `items` fields, and the items inside an item.
        for stored in item.storedFields {
            switch stored.value {
            case .refs, .longRefs:
                let wantsPerson = item.withShape { $0.names(people: Int(stored.position)) }
                item.forEachReference(in: stored.value) { written, range in
                    let number = ids.number(of: written)
                    references?.add(String(decoding: written, as: UTF8.self), number: number, isPerson: wantsPerson)
                    guard reporting else { return }
                    if let number, !wantsPerson || ids.isStakeholder(number) { return }
                    let id = String(decoding: written, as: UTF8.self)
                    let field = item.shape.fields[Int(stored.position)]
                    let target = ids[id]
                    let hint = nearest(to: id, in: ids.givenIDs(stakeholdersOnly: wantsPerson)).first
                    let message: LocalizedText
                    if let target {
                        message = LocalizedText(en: "`\(field.key)` names `\(id)`, which is a \(target.shape.name), not a stakeholder",
                                                zh: "`\(field.key)` 引用的 `\(id)` 是\(target.shape.zhName)，不是干系人")
                    } else {
                        let kind = wantsPerson ? "stakeholder" : "item"
                        let kindZh = wantsPerson ? "干系人" : "条目"
                        message = LocalizedText(
                            en: "`\(field.key)` names `\(id)`, but no \(kind) has that id" + (hint.map { "; did you mean `\($0)`?" } ?? ""),
                            zh: "`\(field.key)` 引用了 `\(id)`，但没有这个 id 的\(kindZh)" + (hint.map { "；是不是想写 `\($0)`？" } ?? ""))
                    }
                    let fix = wantsPerson
                        ? LocalizedText(en: "correct the id, or add `\(id)` to `stakeholders`", zh: "改正 id，或把 `\(id)` 加入 `stakeholders`")
                        : LocalizedText(en: "correct the id, or give the item it follows up `id: \(id)`", zh: "改正 id，或为所跟进的条目加上 `id: \(id)`")
                    findings.append(Finding(
                        rule: DocumentRule.unknownReference.rawValue, severity: .error, category: DocumentRule.category,
                        message: message, fix: fix, file: item.source.path, span: item.source.span(range),
                        path: item.path(of: field.key), identity: "\(item.stablePath(of: field.key))|\(id)"))
                }
            case .item, .items:
                guard reporting else { continue }
                var nested: EntryReferences?
                for child in item.children(of: stored.value) {
                    checkReferences(in: child, ids: ids, findings: &findings, indexing: &nested)
                }
            default:
                break
            }
        }
    }

    private static func checkDates(_ entries: ItemList, dates: OptionalDays, asOf: Day, findings: inout [Finding]) {
        var previous: Day?
        // By position: an entry is looked at only for a finding.
        for (position, date) in dates.enumerated() {
            guard let date else { continue }
            if let previous, date < previous {
                let entry = entries[position]
                let span = entry.source.span(entry["date"]?.range ?? entry.range)
                findings.append(Finding(
                    rule: DocumentRule.logOrder.rawValue, severity: .info, category: DocumentRule.category,
                    message: LocalizedText(en: "this entry is dated \(date), earlier than the entry before it (\(previous)); keep the log in date order",
                                           zh: "此条目日期为 \(date)，早于前一条（\(previous)）；日志应按日期顺序记录"),
                    fix: LocalizedText(en: "move the entry to its place in time, or correct its date", zh: "把条目移到对应的时间位置，或改正日期"),
                    file: entry.source.path, span: span, path: entry.path(of: "date"), identity: "\(entry.stablePath)|\(date)"))
            }
            if date > asOf {
                let entry = entries[position]
                let span = entry.source.span(entry["date"]?.range ?? entry.range)
                findings.append(Finding(
                    rule: DocumentRule.futureDate.rawValue, severity: .warning, category: DocumentRule.category,
                    message: LocalizedText(en: "this entry is dated \(date), after the check date \(asOf); rules ignore it until then",
                                           zh: "此条目日期为 \(date)，晚于检查日期 \(asOf)；在那之前规则会忽略它"),
                    fix: LocalizedText(en: "log what has happened, not what is planned: correct the date, or plan it as a milestone or an action",
                                       zh: "日志记录已发生的事：改正日期，或把计划中的事写成里程碑或行动项"),
                    file: entry.source.path, span: span, path: entry.path(of: "date"), identity: "\(entry.stablePath)|future"))
            }
            previous = date
        }
    }
}

/// A plan read into items: the plan (none when its file could not be parsed), the problems
/// found in it, and the suppressions written in it.
struct PlanRead: Sendable {
    let plan: Item?
    let findings: [Finding]
    let suppressions: [Suppression]

    /// Reads the plan from `parsed`'s root, or from `node` (a rule file's example).
    init(_ parsed: ParsedFile, node: NodeID? = nil) {
        var reader = DocumentReader(parsed)
        plan = parsed.source.problems.isEmpty ? reader.readRoot(as: Schema.plan, node: node) : nil
        findings = reader.findings
        suppressions = reader.suppressions + (node == nil ? parsed.source.comments : [])
    }
}

extension FieldType {
    var isPeople: Bool {
        switch self {
        case .person, .people: return true
        default: return false
        }
    }
}

extension YAMLTree {
    /// The key node of `key` in a mapping.
    func keyNode(in node: NodeID, named key: String) -> NodeID? {
        pairs(resolved(node)).first { kind($0.key) == .scalar && string($0.key) == key }?.key
    }
}
