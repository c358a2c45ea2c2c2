#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Calendar events and mails become log entries: people matched to stakeholders by the e-mail
/// addresses in their `contact`, never invented; each entry with its `source`, so importing
/// again adds only what is new.
public enum LogImport {
    public enum Kind: String, Sendable {
        case calendar, mail
    }

    public struct Outcome: Sendable {
        /// What was written (nil when nothing was new).
        public var addition: LogAddition.Outcome?
        public var added: Int
        public var known: Int
        public var withoutStakeholder: Int
        public var outsideProject: Int
        public var withoutID: Int
        public var statusReports: Int
        public var unmatched: [String]
        var kind: Kind

        public func rendered(_ language: Language, dryRun: Bool) -> String {
            let zh = language == .zh
            // What the addition says is escaped by it; the rest is escaped here.
            var out = addition == nil ? (zh ? "没有要导入的新条目。\n" : "nothing new to import.\n") : ""
            let what = kind == .calendar ? (zh ? "会议" : "meeting") : (zh ? "邮件" : "e-mail")
            if zh {
                out += "导入\(added) 个\(what)" + (known > 0 ? "，\(known) 个已在日志中" : "") + (withoutStakeholder > 0 ? "，\(withoutStakeholder) 个不属于本项目（没有客户方干系人，且有项目外的人）" : "")
                    + (outsideProject > 0 ? "，\(outsideProject) 个不在项目日期内" : "") + (withoutID > 0 ? "，\(withoutID) 封没有 Message-ID" : "") + "。\n"
                if statusReports > 0 { out += "\(statusReports) 封邮件是状态报告：请在其中补上 done、next、issues 和 help_needed。\n" }
                if !unmatched.isEmpty {
                    out += "\(unmatched.count) 个地址没有对应的干系人：\(unmatched.joined(separator: "、"))；如果他们属于本项目，请把他们加为干系人并写上 `contact:`。\n"
                }
            } else {
                func plural(_ count: Int, _ noun: String) -> String {
                    "\(count) \(noun)\(count == 1 ? "" : noun.hasSuffix("s") ? "es" : "s")"
                }
                out += "imported " + plural(added, what) + (known > 0 ? "; \(known) already in the log" : "")
                    + (withoutStakeholder > 0 ? "; \(withoutStakeholder) not the project's (no one from the client's side, and people from outside the project)" : "")
                    + (outsideProject > 0 ? "; \(outsideProject) outside the project's dates" : "")
                    + (withoutID > 0 ? "; \(withoutID) without a Message-ID" : "") + ".\n"
                if statusReports > 0 {
                    out += plural(statusReports, "e-mail") + (statusReports == 1 ? " was a status report" : " were status reports")
                        + ": fill in done, next, issues and help_needed in \(statusReports == 1 ? "it" : "them").\n"
                }
                if !unmatched.isEmpty {
                    out += plural(unmatched.count, "address") + " matched nobody: \(unmatched.joined(separator: ", ")); add them as stakeholders with `contact:` if they belong to the project.\n"
                }
            }
            return (addition?.rendered(language, dryRun: dryRun) ?? "") + Escaping.forLog(out)
        }
    }

    public static func run(_ kind: Kind, files: [String], project path: String, options: CheckOptions,
                           dryRun: Bool) throws -> Outcome {
        let target = try LogAddition.Target(path, options: options, verb: "import into")
        let project = target.project
        guard let plan = project.plan else {
            throw UsageError("\(target.location.plan) cannot be read as a project; `pmlint check \(target.location.path)` shows why")
        }
        let words = target.setup.configuration.importWords

        // Stakeholders by the addresses in their contact.
        var byAddress: [String: String] = [:]
        var clientSide: Set<String> = []
        for stakeholder in plan.items("stakeholders") {
            guard let id = stakeholder.id else { continue }
            if stakeholder.choice("side") == "client" { clientSide.insert(id) }
            for address in MailReader.addresses((stakeholder.text("contact") ?? "").replacingAll(";", with: ",").replacingAll(" ", with: ",")) {
                byAddress[address] = id
            }
        }
        let known = Set(project.entries.compactMap { $0.text("source") })
        let start = plan.item("project")?.date("start") ?? options.asOf
        let end = min(options.asOf, plan.item("project")?.date("closed_on") ?? options.asOf)

        var outcome = Outcome(addition: nil, added: 0, known: 0, withoutStakeholder: 0, outsideProject: 0, withoutID: 0,
                              statusReports: 0, unmatched: [], kind: kind)
        var unmatched: [String] = []
        var drafts: [(date: Day, source: String, entry: LogEntryDraft)] = []
        var seen = Set<String>()
        /// A meeting or mail of the project: someone from the client's side takes part, or only
        /// the project's own people do. A meeting of another project that a team member also
        /// attends is not the project's.
        func belongs(_ addresses: [String], matched: [String]) -> Bool {
            !matched.isEmpty && (matched.contains(where: clientSide.contains) || addresses.allSatisfy { byAddress[$0] != nil })
        }
        /// The stakeholders among the addresses. The others are listed at the end where a
        /// stakeholder was there too: a client's colleague not yet in the plan, not the
        /// attendees of every other meeting in the calendar.
        func match(_ addresses: [String]) -> [String] {
            var ids: [String] = []
            for address in addresses {
                if let id = byAddress[address], !ids.contains(id) { ids.append(id) }
            }
            if !ids.isEmpty {
                for address in addresses where byAddress[address] == nil && !unmatched.contains(address) { unmatched.append(address) }
            }
            return ids
        }

        switch kind {
        case .calendar:
            for file in files {
                let bytes = try Platform.readRegularFile(file, limit: options.limits.maxFileSize)
                let meetings: [ICalendarReader.Meeting]
                do {
                    meetings = try ICalendarReader().meetings(in: bytes, from: Day(ordinal: Int.min / 4), to: options.asOf.adding(days: 366))
                } catch {
                    throw UsageError("\(file): \(error.description)")
                }
                for meeting in meetings {
                    guard (start...end).contains(meeting.date) else { outcome.outsideProject += 1; continue }
                    let people = (meeting.organizer.map { [$0] } ?? []) + meeting.attendees
                    let with = match(people)
                    guard belongs(people, matched: with) else { outcome.withoutStakeholder += 1; continue }
                    guard !known.contains(meeting.source) else { outcome.known += 1; continue }
                    guard seen.insert(meeting.source).inserted else { continue }
                    var entry = LogEntryDraft()
                    entry.set("date", meeting.date.description)
                    entry.set("type", "meeting")
                    entry.set("source", meeting.source)
                    entry.set("kind", words.meetingKind(meeting.summary) ?? "other")
                    entry.set("with", with)
                    entry.set("topic", meeting.summary.replacingAll("\n", with: " ").trimmingSpaces())
                    entry.set("agenda", agenda(meeting.description))
                    drafts.append((meeting.date, meeting.source, entry))
                }
            }
        case .mail:
            for file in try mailFiles(files) {
                let bytes = try Platform.readRegularFile(file, limit: options.limits.maxFileSize)
                for mail in MailReader.mails(in: bytes) {
                    guard let source = mail.source else { outcome.withoutID += 1; continue }
                    guard let date = mail.date, (start...end).contains(date) else { outcome.outsideProject += 1; continue }
                    let senders = match(mail.from)
                    let recipients = match(mail.to).filter { !senders.contains($0) }
                    guard belongs(mail.from + mail.to, matched: senders + recipients) else { outcome.withoutStakeholder += 1; continue }
                    guard !known.contains(source) else { outcome.known += 1; continue }
                    guard seen.insert(source).inserted else { continue }
                    let fromClient = senders.contains { clientSide.contains($0) }
                    let isReport = !fromClient && words.isStatusReport(mail.subject)
                    var entry = LogEntryDraft()
                    entry.set("date", date.description)
                    entry.set("type", isReport ? "status_report" : "email")
                    entry.set("source", source)
                    entry.set("re", references(in: mail.subject, known: project.items))
                    entry.set("to", recipients)
                    if fromClient { entry.set("from", senders.filter { clientSide.contains($0) }) }
                    entry.set("topic", mail.subject.trimmingSpaces())
                    if isReport { outcome.statusReports += 1 }
                    drafts.append((date, source, entry))
                }
            }
        }
        outcome.unmatched = unmatched
        outcome.added = drafts.count
        guard !drafts.isEmpty else { return outcome }
        drafts.sort { ($0.date, $0.source) < ($1.date, $1.source) }
        outcome.addition = try LogAddition.add(drafts.map(\.entry), to: target, options: options, dryRun: dryRun)
        return outcome
    }

    /// A description's lines as agenda items: bullets and numbering dropped, at most 20.
    static func agenda(_ description: String) -> [String] {
        description.split(whereSeparator: { $0 == "\n" }).map { (line: Substring) -> String in
            var text = Substring(String(line).trimmingSpaces())
            // A list marker: `-`, `*`, `•`, or a number followed by `.` or `)`; "2026 budget" keeps its year.
            if let first = text.first, "-*•·".contains(first) {
                text.removeFirst()
            } else if let marker = text.firstIndex(where: { !$0.isASCII || !$0.isNumber }), marker > text.startIndex,
                      text[marker] == "." || text[marker] == ")" {
                text = text[text.index(after: marker)...]
            }
            return String(text).trimmingSpaces()
        }.filter { !$0.isEmpty }.prefix(20).map { $0 }
    }

    /// Ids the team writes in a subject in brackets, `[cr2] Export`, that name an item.
    static func references(in subject: String, known: [String: Item]) -> [String] {
        var ids: [String] = []
        var rest = Substring(subject)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            let id = String(rest[rest.index(after: open)..<close]).trimmingSpaces()
            // Only what `re` may name: a stakeholder's id in brackets is not a follow-up.
            if let item = known[id], item.shape !== Schema.stakeholder, !ids.contains(id) { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        return ids
    }

    /// The files named, a folder standing for its `.eml` and `.mbox` files (and files named `mbox`).
    static func mailFiles(_ paths: [String]) throws -> [String] {
        try paths.flatMap { path -> [String] in
            guard Platform.isDirectory(path) == true else { return [path] }
            let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            return names.filter { $0.hasSuffix(".eml") || $0.hasSuffix(".mbox") || $0 == "mbox" }
                .map { Platform.appendingPathComponent(path, $0) }
        }
    }
}
