/// Where a project's ids are defined and named, and its items by logical path: what hover,
/// definition, references, completion and the outline need, from one read project.
struct ProjectMap: Sendable {
    /// An id where it is written: its item's `id` (the definition) or a reference to it.
    struct Occurrence: Sendable {
        var id: String
        var file: String
        var span: Span
        var isDefinition: Bool
        /// The field that names it (`re`, `with`, `owner`...) or `id`.
        var key: String
    }

    let project: Project
    private(set) var occurrences: [Occurrence] = []
    /// Every item (stakeholders, milestones, entries, the scope...) by its logical path.
    private(set) var itemsByPath: [String: Item] = [:]

    init(project: Project) {
        self.project = project
        var seen = Set<ObjectIdentifier>()
        func visit(_ item: Item) {
            guard seen.insert(ObjectIdentifier(item)).inserted else { return }
            itemsByPath[item.path] = item
            for field in item.fields {
                let key = field.field(in: item.shape).key
                switch field.value {
                case .refs(let refs):
                    for ref in refs {
                        occurrences.append(Occurrence(id: ref.id, file: item.source.path, span: item.source.span(ref.node),
                                                      isDefinition: false, key: key))
                    }
                case .text(let id) where key == "id" && field.field(in: item.shape).type.isIdentifier:
                    occurrences.append(Occurrence(id: id, file: item.source.path, span: item.source.span(field.node),
                                                  isDefinition: true, key: key))
                case .item(let child): visit(child)
                case .items(let children): children.forEach(visit)
                default: break
                }
            }
        }
        if let plan = project.plan { visit(plan) }
        project.entries.forEach(visit)
    }

    /// The id written at a byte offset of a file.
    func occurrence(in file: String, at offset: Int) -> Occurrence? {
        occurrences.first { $0.file == file && $0.span.start.offset <= offset && offset <= $0.span.end.offset }
    }

    func definition(of id: String) -> Occurrence? { occurrences.first { $0.id == id && $0.isDefinition } }

    func occurrences(of id: String) -> [Occurrence] { occurrences.filter { $0.id == id } }

    /// The item a finding is on: the longest logical path of an item that starts its path.
    func item(at path: String) -> Item? {
        var path = path
        while true {
            if let item = itemsByPath[path] { return item }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = String(path[..<cut])
        }
    }

    var stakeholders: [Item] { project.plan?.items("stakeholders") ?? [] }

    /// Every item with an id that `re` may name, in file order.
    var followable: [Item] {
        (["milestones", "risks", "changes"].flatMap { project.plan?.items($0) ?? [] } + project.entries).filter { $0.id != nil }
    }

    /// Whether an item still asks for something: an open conflict or risk, a change request
    /// not decided, a milestone not done, a scheduled action not done.
    static func isOpen(_ item: Item) -> Bool {
        if item.shape === Schema.milestone { return item.date("done_on") == nil }
        if item.shape === Schema.change { return ["received", "assessing"].contains(item.choice("status") ?? "received") }
        if let status = item.choice("status") { return status == "open" }
        return false
    }

    /// What an item is, in a line: its name, title or topic, else its date and type.
    static func title(of item: Item) -> String {
        for key in ["name", "title", "topic", "summary", "description"] {
            if let text = item.text(key), !text.isEmpty { return text }
        }
        let date = item.date("date").map { "\($0) " } ?? ""
        return date + [item.choice("type"), item.choice("kind")].compactMap { $0 }.joined(separator: ", ")
    }

    /// Who or what an item is, as Markdown: its kind, title, and the fields that say most.
    func describe(_ item: Item, language: Language) -> String {
        let zh = language == .zh
        var out = "**\(zh ? item.shape.zhName : item.shape.name)**"
        if let id = item.id { out += " `\(id)`" }
        out += ": " + Self.markdownEscaped(Self.title(of: item)) + "\n\n"
        for field in item.fields {
            let key = field.field(in: item.shape).key
            guard !["id", "name", "title", "topic"].contains(key) else { continue }
            let shown: String
            switch field.value {
            case .text(let text), .choice(let text): shown = Self.markdownEscaped(String(text.prefix(120)))
            case .date(let day): shown = day.description
            case .integer(let number): shown = String(number)
            case .refs(let refs):
                shown = refs.map { ref in
                    let name = project.stakeholder(ref.id)?.text("name").map { " (\(Self.markdownEscaped($0)))" } ?? ""
                    return "`\(ref.id)`\(name)"
                }.joined(separator: ", ")
            case .texts(let texts): shown = "\(texts.count) " + (zh ? "项" : texts.count == 1 ? "item" : "items")
            case .duration(let duration): shown = duration.description
            default: continue
            }
            out += "- \(key): \(shown)\n"
        }
        if let id = item.id {
            let named = occurrences(of: id).filter { !$0.isDefinition }.count
            out += "\n" + (zh ? "被引用 \(named) 次" : "named in \(named) place\(named == 1 ? "" : "s")") + "\n"
        }
        return out
    }

    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }
}

extension FieldType {
    var isIdentifier: Bool { if case .identifier = self { true } else { false } }
}
