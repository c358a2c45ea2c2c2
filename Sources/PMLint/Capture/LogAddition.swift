/// Adds entries to a project's log as `check` would accept them: refused (nothing written) when
/// the log would gain a problem, else written atomically, with what the entries settle.
public enum LogAddition {
    public struct Outcome: Sendable {
        /// The file written (or that would be, with a dry run).
        public var file: String
        public var created: Bool
        /// The entries as they are written into the file.
        public var text: String
        /// Findings `check` gave before and does not after.
        public var settled: [ReportedFinding]
        /// Findings `check` gives after and did not before, or words differently (a follow-up
        /// now late rather than missing).
        public var raised: [ReportedFinding]

        /// What was added, and what it changes in `check`'s findings.
        public func rendered(_ language: Language, dryRun: Bool) -> String {
            let zh = language == .zh
            var out = dryRun
                ? (zh ? "将添加到 \(file)（未写入）：\n" : "would add to \(file) (nothing written):\n")
                : (zh ? "已添加到 \(file)\(created ? "（新建）" : "")：\n" : "added to \(file)\(created ? " (new file)" : ""):\n")
            out += text
            if !out.hasSuffix("\n") { out += "\n" }
            for finding in settled {
                out += (zh ? "已解决：" : "settles: ") + "\(finding.finding.rule): \(finding.finding.message[language])\n"
            }
            for finding in raised {
                out += (zh ? "现在报告：" : "now reported: ")
                    + "\(finding.finding.severity.rawValue)[\(finding.finding.rule)]: \(finding.finding.message[language])\n"
            }
            if settled.isEmpty && raised.isEmpty { out += zh ? "检查结果没有变化。\n" : "no finding of check changes.\n" }
            return Escaping.forLog(out)
        }
    }

    /// What stops the addition: the problems the entries would bring, located in the new text.
    public struct Refusal: Error, Sendable {
        public var problems: [ReportedFinding]

        public func rendered(_ language: Language) -> String {
            var message = language == .zh ? "pmlint：未写入任何内容，新条目有问题：\n" : "pmlint: nothing written; the new entry has a problem:\n"
            for problem in problems {
                let finding = problem.finding
                message += "  \(Escaping.forError(finding.file)):\(finding.span.start.line):\(finding.span.start.column): "
                    + Escaping.forError(finding.message[language]) + "\n"
            }
            return message
        }
    }

    /// The one project at `path`, read, with its configuration: what entries are added to.
    /// `verb` says what is done to it, for the error when `path` holds several projects.
    struct Target {
        var location: ProjectLocation
        var setup: ProjectSetup
        var project: Project

        init(_ path: String, options: CheckOptions, verb: String) throws {
            let locations = try Discovery.projects(in: [path])
            guard locations.count == 1, let location = locations.first else {
                throw UsageError("\(path) holds \(locations.count) projects; name the one to \(verb) (its folder or plan.yaml)")
            }
            self.location = location
            setup = try ProjectSetup(configFile: options.configFile ?? Configuration.find(from: location.path) ?? "", options: options)
            project = try Project.load(location, asOf: options.asOf, limits: options.limits, access: options.access)
            guard !project.isBroken else {
                throw UsageError("\(location.plan)\(location.log.map { " or \($0)" } ?? "") cannot be read as a project; `pmlint check \(location.path)` shows why")
            }
        }
    }

    public static func add(_ entries: [LogEntryDraft], toProjectAt path: String, options: CheckOptions,
                           dryRun: Bool = false) throws -> Outcome {
        try add(entries, to: Target(path, options: options, verb: "add to"), options: options, dryRun: dryRun)
    }

    static func add(_ entries: [LogEntryDraft], to project: Target, options: CheckOptions, dryRun: Bool) throws -> Outcome {
        let (location, setup, before) = (project.location, project.setup, project.project)

        // The log file, the plan of a single-file project, or a new log.yaml beside the plan.
        let (target, file) = before.logDestination
        var after = location
        if target == nil { after.log = file }
        let edit = try LogAppender.appending(entries, to: target)
        let bytes = edit.bytes
        let edited = SourceFile(path: file, bytes: bytes, limits: options.limits)
        let changed = Project(location: after,
                              planFile: target === before.planFile ? edited : before.planFile,
                              logFile: target === before.planFile ? nil : edited, asOf: options.asOf)

        let pipeline = { (location: ProjectLocation) in ProjectPipeline(location: location, setup: setup, options: options) }
        let old = pipeline(location).report(on: before)
        let new = pipeline(after).report(on: changed)
        // A problem of the format (an unknown id, a missing field, a date after today) that was
        // not there before: the entries are refused.
        // An entry dated before the last one is out of order (info), which adding past events must be.
        func isDocument(_ finding: ReportedFinding) -> Bool {
            DocumentRule(rawValue: finding.finding.rule).map { $0 != .logOrder } ?? false
        }
        var known = old.findings.filter(isDocument).map { $0.finding.rule + "\u{0}" + $0.finding.message.en }
        let problems = new.findings.filter(isDocument).filter { finding in
            let key = finding.finding.rule + "\u{0}" + finding.finding.message.en
            if let index = known.firstIndex(of: key) {
                known.remove(at: index)
                return false
            }
            return true
        }
        guard problems.isEmpty else { throw Refusal(problems: problems) }

        let oldPrints = Set(old.findings.map(\.fingerprint)), newPrints = Set(new.findings.map(\.fingerprint))
        let text = edit.inserted.replacingAll("\r\n", with: "\n")
        if !dryRun {
            // The log is replaced whole (a temporary file renamed over it), keeping its permissions.
            try OutputFile.write(String(decoding: bytes, as: UTF8.self), to: file, protecting: [], allowOutside: options.access.allowOutside)
        }
        return Outcome(file: file, created: target == nil, text: text,
                       settled: old.findings.filter { !newPrints.contains($0.fingerprint) && !isDocument($0) },
                       raised: new.findings.filter { finding in
                           // New, or the same item worded anew (a follow-up now late rather than missing).
                           !isDocument(finding) && (!oldPrints.contains(finding.fingerprint) || !old.findings.contains {
                               $0.fingerprint == finding.fingerprint && $0.finding.message == finding.finding.message
                           })
                       })
    }

}
