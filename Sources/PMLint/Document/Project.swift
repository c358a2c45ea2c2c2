/// One project, read and validated: the plan, its log entries, the id namespace, and the
/// document diagnostics found on the way.
final class Project: Sendable {
    let location: ProjectLocation
    let planFile: SourceFile
    let logFile: SourceFile?
    let plan: Item?
    /// Log entries in file order (from the plan's `log:` or from `log.yaml`).
    let entries: [Item]
    /// Every id of the project: stakeholders, milestones, risks, changes and log entries.
    let items: [String: Item]
    let findings: [Finding]
    /// Suppressions written in the project's files, on items and in comments.
    let suppressions: [Suppression]
    /// A file of the project could not be parsed; rules then stay silent.
    let isBroken: Bool
    /// For each file, the logical paths of the items starting on each line, where the project
    /// has `# pmlint-disable-next-line` comments (empty otherwise).
    let itemsByLine: [String: [Int: [String]]]

    var name: String? { plan?.item("project")?.text("name") }

    func stakeholder(_ id: String) -> Item? {
        guard let item = items[id], item.shape === Schema.stakeholder else { return nil }
        return item
    }

    /// Where new log entries go: the log file, else the plan's own `log:`, else a new
    /// `log.yaml` beside the plan (no file yet).
    var logDestination: (file: SourceFile?, path: String) {
        if let logFile { return (logFile, logFile.path) }
        if plan?["log"] != nil { return (planFile, planFile.path) }
        return (nil, Platform.appendingPathComponent(Platform.deletingLastPathComponent(location.plan), "log.yaml"))
    }

    /// Reads a project's files; only an unreadable file is an error, every problem inside one
    /// is a finding.
    public static func load(_ location: ProjectLocation, asOf: Day, limits: YAMLLimits = YAMLLimits(),
                            access: FileAccess = FileAccess()) throws -> Project {
        var access = access
        access.limits = limits
        let planFile = SourceFile(path: location.plan, bytes: try access.read(location.plan, root: location.root), limits: limits)
        let logFile = try location.log.map { SourceFile(path: $0, bytes: try access.read($0, root: location.root), limits: limits) }
        return Project(location: location, planFile: planFile, logFile: logFile, asOf: asOf)
    }

    /// `planNode` reads the plan from a node inside `planFile` (a rule file's example) instead
    /// of the file's root.
    init(location: ProjectLocation, planFile: SourceFile, planNode: NodeID? = nil, logFile: SourceFile?, asOf: Day) {
        self.location = location
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

        var planReader = DocumentReader(source: planFile)
        let plan = planFile.problems.isEmpty ? planReader.readRoot(as: Schema.plan, node: planNode) : nil
        findings += planReader.findings
        var suppressions = planReader.suppressions + (planNode == nil ? SuppressionComments.scan(planFile) : [])
        var entries = plan?.items("log") ?? []

        if let logFile, logFile.problems.isEmpty {
            var logReader = DocumentReader(source: logFile)
            let log = logReader.readRoot(as: Schema.logFile)
            findings += logReader.findings
            suppressions += logReader.suppressions + SuppressionComments.scan(logFile)
            if let planLog = plan?["log"], let logKey = log.flatMap({ logFile.tree.keyNode(in: $0.node, named: "log") }) {
                findings.append(Finding(
                    rule: DocumentRule.duplicateKey.rawValue, severity: .error, category: DocumentRule.category,
                    message: LocalizedText(
                        en: "`log` is given twice: in \(planFile.path) (line \(planFile.span(planLog.node).start.line)) and in this file; pmlint reads the plan's",
                        zh: "`log` 出现了两次：在 \(planFile.path)（第 \(planFile.span(planLog.node).start.line) 行）和本文件中；pmlint 只读取计划中的"),
                    fix: LocalizedText(en: "keep the log in one place: move the plan's entries here and remove its `log:`",
                                       zh: "日志只保留一处：把计划中的条目移到这里，并删除计划里的 `log:`"),
                    file: logFile.path, span: logFile.span(logKey), path: "log", identity: "log-twice"))
            } else if let log {
                entries = log.items("log")
            }
        }
        if let calendar = plan?.item("calendar"), let workdays = calendar["workdays"] {
            let both = Set(calendar["holidays"]?.value.days ?? []).intersection(workdays.value.days).sorted()
            if let first = both.first {
                findings.append(DocumentRule.schema.finding(
                    LocalizedText(en: "\(first) is both a holiday and a make-up working day; pmlint counts it as neither",
                                  zh: "\(first) 既是假日又是调休工作日；pmlint 两者都不算"),
                    fix: LocalizedText(en: "keep the day in one list: `holidays` for a day off, `workdays` for a weekend day worked",
                                       zh: "只在一个列表中保留这一天：休息日写在 `holidays`，周末上班写在 `workdays`"),
                    file: calendar.source.path, span: calendar.source.span(workdays.node), path: calendar.path(of: "workdays"),
                    identity: "calendar.workdays|both"))
            }
        }
        self.plan = plan
        self.entries = entries
        self.suppressions = suppressions

        var items: [String: Item] = [:]
        if let plan {
            for key in ["stakeholders", "milestones", "risks", "changes"] {
                for item in plan.items(key) { Project.register(item, in: &items, findings: &findings) }
            }
        }
        for entry in entries { Project.register(entry, in: &items, findings: &findings) }
        self.items = items

        if let plan { Project.checkReferences(in: plan, items: items, findings: &findings) }
        // Against a plan that could not be read, every reference would be an echo of its one problem.
        for entry in entries where plan != nil && entry.source !== plan?.source {
            Project.checkReferences(in: entry, items: items, findings: &findings)
        }
        Project.checkDates(entries, asOf: asOf, findings: &findings)
        self.findings = findings
        // Which items start on which line matters only to `# pmlint-disable-next-line`.
        itemsByLine = suppressions.contains { $0.scope.isLine } ? Project.itemsByLine(plan: plan, entries: entries) : [:]
    }

    /// For each file, the logical paths of the items starting on each line (where a
    /// `# pmlint-disable-next-line` before an item reaches all of the item's findings).
    private static func itemsByLine(plan: Item?, entries: [Item]) -> [String: [Int: [String]]] {
        var lines: [String: [Int: [String]]] = [:]
        func visit(_ item: Item) {
            lines[item.source.path, default: [:]][item.source.span(item.node).start.line, default: []].append(item.path)
            for value in item.fields.map(\.value) {
                switch value {
                case .item(let child): visit(child)
                case .items(let children): children.forEach(visit)
                default: break
                }
            }
        }
        // The plan itself is left out: a whole file is `# pmlint-disable`'s business.
        for value in plan?.fields.map(\.value) ?? [] {
            if case .item(let child) = value { visit(child) }
            if case .items(let children) = value { children.forEach(visit) }
        }
        for entry in entries where entry.source !== plan?.source { visit(entry) }
        return lines
    }

    private static func register(_ item: Item, in items: inout [String: Item], findings: inout [Finding]) {
        guard let id = item.id, let idNode = item["id"]?.node else { return }
        guard let first = items[id] else {
            items[id] = item
            return
        }
        let line = first.source.span(first.node).start.line
        let firstPlace = "\(first.shape.name) `\(first.path)` (\(Platform.lastPathComponent(first.source.path)) line \(line))"
        let firstPlaceZh = "\(first.shape.zhName) `\(first.path)`（\(Platform.lastPathComponent(first.source.path)) 第 \(line) 行）"
        findings.append(Finding(
            rule: DocumentRule.duplicateID.rawValue, severity: .error, category: DocumentRule.category,
            message: LocalizedText(en: "id `\(id)` is already used by \(firstPlace); ids are unique across the whole project",
                                   zh: "id `\(id)` 已被 \(firstPlaceZh) 使用；整个项目中的 id 必须唯一"),
            fix: LocalizedText(en: "give this \(item.shape.name) an id of its own", zh: "为这个\(item.shape.zhName)另起一个 id"),
            file: item.source.path, span: item.source.span(idNode), path: item.path(of: "id"),
            identity: "\(item.path).id|\(id)"))
    }

    /// People fields must name stakeholders; `re` must name an item of the project.
    private static func checkReferences(in item: Item, items: [String: Item], findings: inout [Finding]) {
        for value in item.fields {
            let field = value.field(in: item.shape)
            switch (field.type, value.value) {
            case (.person, .refs(let refs)), (.people, .refs(let refs)), (.items, .refs(let refs)):
                let wantsPerson = field.type.isPeople
                for ref in refs {
                    let target = items[ref.id]
                    // People fields name stakeholders; `re` names the items an entry follows up.
                    if let target, wantsPerson == (target.shape === Schema.stakeholder) { continue }
                    let candidates = items.filter { ($0.value.shape === Schema.stakeholder) == wantsPerson }.map(\.key)
                    let hint = nearest(to: ref.id, in: candidates).first
                    let message: LocalizedText
                    if let target, wantsPerson {
                        message = LocalizedText(en: "`\(field.key)` names `\(ref.id)`, which is a \(target.shape.name), not a stakeholder",
                                                zh: "`\(field.key)` 引用的 `\(ref.id)` 是\(target.shape.zhName)，不是干系人")
                    } else if target != nil {
                        message = LocalizedText(
                            en: "`\(field.key)` names `\(ref.id)`, a stakeholder; `re` names the items an entry follows up (a meeting, milestone, risk, change or conflict)" + (hint.map { "; did you mean `\($0)`?" } ?? ""),
                            zh: "`\(field.key)` 引用的 `\(ref.id)` 是干系人；`re` 应引用本条目跟进的事项（会议、里程碑、风险、变更或冲突）" + (hint.map { "；是不是想写 `\($0)`？" } ?? ""))
                    } else {
                        let kind = wantsPerson ? "stakeholder" : "item"
                        let kindZh = wantsPerson ? "干系人" : "条目"
                        message = LocalizedText(
                            en: "`\(field.key)` names `\(ref.id)`, but no \(kind) has that id" + (hint.map { "; did you mean `\($0)`?" } ?? ""),
                            zh: "`\(field.key)` 引用了 `\(ref.id)`，但没有这个 id 的\(kindZh)" + (hint.map { "；是不是想写 `\($0)`？" } ?? ""))
                    }
                    let fix = wantsPerson
                        ? (target.map { target in
                            LocalizedText(en: "name a stakeholder in `\(field.key)`; the \(target.shape.name) `\(ref.id)` belongs in `re`",
                                          zh: "`\(field.key)` 中应写干系人；\(target.shape.zhName) `\(ref.id)` 应写在 `re` 中")
                        } ?? LocalizedText(en: "correct the id, or add `\(ref.id)` to `stakeholders`", zh: "改正 id，或把 `\(ref.id)` 加入 `stakeholders`"))
                        : target != nil
                        ? LocalizedText(en: "name the people in `with`, `to` or `from`, and the item followed up in `re`",
                                        zh: "把人写在 `with`、`to` 或 `from` 中，`re` 中写所跟进的事项")
                        : LocalizedText(en: "correct the id, or give the item it follows up `id: \(ref.id)`", zh: "改正 id，或为所跟进的条目加上 `id: \(ref.id)`")
                    findings.append(Finding(
                        rule: DocumentRule.unknownReference.rawValue, severity: .error, category: DocumentRule.category,
                        message: message, fix: fix, file: item.source.path, span: item.source.span(ref.node),
                        path: item.path(of: field.key), identity: "\(item.stablePath(of: field.key))|\(ref.id)"))
                }
            case (.mapping, .item(let child)):
                checkReferences(in: child, items: items, findings: &findings)
            case (.list, .items(let children)):
                for child in children { checkReferences(in: child, items: items, findings: &findings) }
            default:
                break
            }
        }
    }

    private static func checkDates(_ entries: [Item], asOf: Day, findings: inout [Finding]) {
        var previous: Day?
        for entry in entries {
            guard let date = entry.date("date"), let node = entry["date"]?.node else { continue }
            let span = entry.source.span(node)
            if let previous, date < previous {
                findings.append(Finding(
                    rule: DocumentRule.logOrder.rawValue, severity: .info, category: DocumentRule.category,
                    message: LocalizedText(en: "this entry is dated \(date), earlier than the entry before it (\(previous)); keep the log in date order",
                                           zh: "此条目日期为 \(date)，早于前一条（\(previous)）；日志应按日期顺序记录"),
                    fix: LocalizedText(en: "move the entry to its place in time, or correct its date", zh: "把条目移到对应的时间位置，或改正日期"),
                    file: entry.source.path, span: span, path: entry.path(of: "date"), identity: "\(entry.stablePath)|\(date)"))
            }
            if date > asOf {
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
