/// docs/format.md: the plan and log format for the people who write them. The tables come from
/// the schema pmlint reads the files with, so they cannot drift from it (a test compares the
/// committed page with this); the prose around them is written here once.
public enum FormatReference {
    public static func markdown() -> String {
        var out = """
        # The plan and log format

        A project is a folder holding `plan.yaml` (the project, its people, scope, communication
        plan, milestones, risks and change requests) and `log.yaml` (the dated record of every
        contact with the client). A small project may keep its log in the plan, under `log:`.
        `pmlint init` writes both files with comments; `pmlint schema plan` and `pmlint schema log`
        print this format as JSON Schema, for an editor to complete and check as you type.

        This page is generated from the format pmlint reads (`pmlint schema --markdown`).

        ## Values

        | form | written as | example |
        | --- | --- | --- |
        | date | `YYYY-MM-DD`; a log entry may add a time (`2026-09-02 14:00`) | `2026-09-02` |
        | dates | a date or a range, alone or in a list | `[2026-10-01..2026-10-08, 2026-12-25]` |
        | duration | a number and a unit: `d` days, `w` weeks, `mo` calendar months, `wd` working days; or `daily`, `weekly`, `biweekly`, `monthly`, `quarterly` | `2w` |
        | id | letters, digits, `.`, `_`, `-`, starting with a letter or digit; one namespace for the whole project | `cr2` |
        | person, people | the id of a stakeholder, or a list of them | `[li-wei, tom]` |
        | items | ids of milestones, risks, change requests or log entries (`re`) | `[cr2]` |
        | text, texts | a string, or a list of strings (one string counts as a list of one) | `[Go live by 2026-12-01]` |

        An empty value (`""`, `[]`, or nothing after the colon) counts as not given, except that
        `issues: []` and `help_needed: []` on a status report say "none". A key pmlint does not
        know is an error (a misspelt key would silently switch checks off); keys starting with `x-`
        are yours.

        ## What links a follow-up

        A log entry follows up an item when its `re` names the item's `id`: minutes of the kickoff
        say `re: [kickoff]`, the answer to a change request `re: [cr2]`, a call about a conflict
        `re: [c1]`. Give every item you will follow up an `id`, and name it in `re` on the entries
        about it. (A few rules also accept an entry that names a milestone in its text, or a call
        with the person who raised a conflict; `pmlint explain RULE` says which.)

        ## Addressed to the client

        A stakeholder with `side: client` is on the client's side. An entry is client-facing when
        its `with`, `to` or `from` names one; it is addressed to the client when its `with` or `to`
        names one and its `from` names none. An answer, a report or a reply must be addressed to
        the client: an entry whose `from` is on the client's side is the client speaking.

        ## Dates after the check date

        pmlint checks a project as of a date (`--as-of`, default today). Log entries dated after it
        are ignored (and reported as `future-date`); a date in the plan after it (`done_on`,
        `shared_on`, ...) counts as not yet happened.


        """
        out += "## plan.yaml\n\n"
        out += shapes(from: Schema.plan)
        out += "## log.yaml\n\n`log:` is a list of entries, oldest first.\n\n"
        out += shapes(from: Schema.entry)
        out += "## What pmlint reports about the files themselves\n\n"
        out += "These findings (category `document`) come before any rule: a file that cannot be read gives "
            + "its one real problem, not dozens of echoes of it.\n\n"
        out += "| id | severity | what it means |\n| --- | --- | --- |\n"
        for rule in DocumentRule.allCases {
            out += "| `\(rule.rawValue)` | \(rule.severity.rawValue) | \(rule.summary.en) |\n"
        }
        return out
    }

    /// A table per shape, the shape first and then the shapes its fields hold, each once.
    private static func shapes(from root: Shape) -> String {
        var out = ""
        var seen = Set<String>()
        var queue = [(root, root === Schema.plan ? "plan.yaml" : "a log entry")]
        while !queue.isEmpty {
            let (shape, title) = queue.removeFirst()
            guard seen.insert(shape.name).inserted else { continue }
            if shape !== root { out += "### \(title)\n\n" }
            out += "| key | value | | meaning | example |\n| --- | --- | --- | --- | --- |\n"
            for field in shape.fields {
                let need = field.required ? "required" : field.requiredWhen.map { "required when `\($0.key)` is `\($0.value)`" } ?? ""
                let meaning = field.doc + (field.defaultValue.map { " Default: `\($0)`." } ?? "")
                out += "| `\(field.key)` | \(type(field.type)) | \(need) | \(cell(meaning)) | \(example(field)) |\n"
                switch field.type {
                case .mapping(let child): queue.append((child, "`\(field.key)`: a \(child.name)"))
                case .list(let child): queue.append((child, "`\(field.key)`: a list of \(child.name)s"))
                default: break
                }
            }
            out += "\n"
        }
        return out
    }

    private static func type(_ type: FieldType) -> String {
        switch type {
        case .text: return "text"
        case .texts: return "texts"
        case .date: return "date"
        case .dates: return "dates"
        case .duration: return "duration"
        case .integer(let range): return "integer \(range.lowerBound)–\(range.upperBound)"
        case .number: return "number"
        case .choice(let words): return "one of " + words.map { "`\($0)`" }.joined(separator: ", ")
        case .identifier: return "id"
        case .person: return "person"
        case .people: return "people"
        case .items: return "items"
        case .mapping(let shape): return "a \(shape.name)"
        case .list(let shape): return "a list of \(shape.name)s"
        case .any: return "any"
        }
    }

    private static func example(_ field: Field) -> String {
        switch field.type {
        case .date: return "`2026-09-02`"
        case .dates: return "`[2026-10-01..2026-10-08]`"
        case .duration: return "`1w`"
        case .integer(let range): return "`\(range.upperBound - 1)`"
        case .number: return "`1.5`"
        case .choice(let words): return "`\(field.defaultValue ?? words[0])`"
        case .identifier: return "`m1`"
        case .person: return "`li-wei`"
        case .people: return "`[li-wei, tom]`"
        case .items: return "`[cr2]`"
        case .texts: return "`[...]`"
        case .text, .mapping, .list, .any: return ""
        }
    }

    private static func cell(_ text: String) -> String { text.replacingAll("|", with: "\\|") }
}
