/// The log entry a finding's fix suggests ("then log: - date: YYYY-MM-DD ..."), made ready to
/// insert: dated as of the check, with the people its placeholders describe filled in from the
/// plan where the plan says who they are. A placeholder the plan cannot answer stays, so the
/// entry's own diagnostic points at what is left to fill.
enum SuggestedEntry {
    /// The first log entry written in a fix text, as the rule file writes it.
    static func template(in fix: String) -> LogEntryDraft? {
        let lines = fix.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.trimmingSpacesAndTabs.hasPrefix("- date:") }) else { return nil }
        let indent = lines[first].prefix { $0 == " " }.count
        var block = [String(lines[first].dropFirst(indent))]
        for line in lines[(first + 1)...] {
            let lineIndent = line.prefix { $0 == " " }.count
            guard lineIndent > indent, !line.trimmingSpacesAndTabs.isEmpty else { break }
            block.append(String(line.dropFirst(indent)))
        }
        let file = SourceFile(path: "fix", bytes: Array(block.joined(separator: "\n").utf8))
        let tree = file.tree
        guard file.problems.isEmpty, let root = tree.root, tree.kind(root) == .sequence,
              let entry = tree.children(root).first.map(tree.resolved), tree.kind(entry) == .mapping else { return nil }
        var draft = LogEntryDraft()
        for (key, value) in tree.pairs(entry) {
            let name = tree.string(key)
            switch tree.kind(value) {
            case .scalar: draft.set(name, tree.string(value))
            case .sequence:
                let items = tree.children(value).filter { tree.kind($0) == .scalar }.map(tree.string)
                // `[...]` is for the reader to fill: an empty list, which `check` says belongs filled.
                draft.set(name, items.filter { $0 != "..." }, keepEmpty: true)
            default: continue
            }
        }
        return draft.value("type") == nil ? nil : draft
    }

    /// The template with the date and the people filled in.
    /// `path` is the logical path of the finding the entry answers (its milestone's reviewer
    /// fills `reviewer-id`).
    static func filled(_ template: LogEntryDraft, map: ProjectMap?, asOf: Day, at path: String) -> LogEntryDraft {
        var entry = LogEntryDraft()
        for field in template.fields {
            switch field.value {
            case .scalar(let text):
                entry.set(field.key, text == "YYYY-MM-DD" ? asOf.description : map.flatMap { person(for: text, map: $0, at: path) } ?? text)
            case .list(let items):
                var seen = Set<String>()
                let ids = items.map { item in map.flatMap { person(for: item, map: $0, at: path) } ?? item }.filter { seen.insert($0).inserted }
                entry.set(field.key, ids, keepEmpty: true)
            }
        }
        return entry
    }

    /// The stakeholder a placeholder such as `client-owner-id` or `your-id` stands for, when
    /// the plan says who that is; nil for what is not a placeholder, or that the plan leaves open.
    static func person(for placeholder: String, map: ProjectMap, at path: String) -> String? {
        guard placeholder.hasSuffix("-id"), map.project.items[placeholder] == nil else { return nil }
        let plan = map.project.plan
        let people = map.stakeholders
        func first(side: String, roles: [String]) -> String? {
            for role in roles {
                if let found = people.first(where: { $0.choice("side") == side && $0.choice("role") == role }) { return found.id }
            }
            return nil
        }
        let communication = plan?.item("communication")
        let primary = communication?.refs("primary_contact").first?.id
        switch placeholder {
        case "client-owner-id": return first(side: "client", roles: ["owner", "sponsor"])
        case "client-sponsor-id": return first(side: "client", roles: ["sponsor", "owner"])
        case "client-id", "client-contact-id":
            return primary ?? first(side: "client", roles: ["contact", "owner", "sponsor", "member", "other"])
        case "your-id":
            return plan?.item("project")?.refs("manager").first?.id ?? first(side: "team", roles: ["manager", "member", "other"])
        case "reviewer-id":
            return map.item(at: path)?.refs("reviewer").first?.id ?? first(side: "client", roles: ["owner", "sponsor"])
        case "escalation-contact-id":
            return communication?.refs("escalation").first?.id
        default: return nil
        }
    }

    /// A new entry of each type, for completion: the fields the rules' fixes write for that
    /// type (a status report's `to`, `done`, `next`, `issues`...), placeholders left for
    /// `filled` to date and name.
    static func skeletons(catalog: [Rule]) -> [(type: String, entry: LogEntryDraft)] {
        var byType: [String: LogEntryDraft] = [:]
        for rule in catalog {
            guard let fix = rule.fix?.en, let template = template(in: fix), case .scalar(let type)? = template.value("type") else { continue }
            // A fix's entry may follow one item up (`re: [{id}]`): a new entry starts without it.
            var entry = LogEntryDraft()
            for field in template.fields where field.key != "re" && field.key != "id" && !field.key.hasSuffix("_on") {
                if case .scalar(let text) = field.value, text.contains("{") { continue }
                switch field.value {
                case .scalar(let text): entry.set(field.key, text)
                case .list(let items): entry.set(field.key, items.filter { !$0.contains("{") }, keepEmpty: true)
                }
            }
            if let known = byType[type], known.fields.count >= entry.fields.count { continue }
            byType[type] = entry
        }
        for type in Schema.entryTypes where byType[type] == nil {
            var entry = LogEntryDraft()
            entry.set("date", "YYYY-MM-DD")
            entry.set("type", type)
            byType[type] = entry
        }
        return Schema.entryTypes.compactMap { type in byType[type].map { (type, $0) } }
    }
}
