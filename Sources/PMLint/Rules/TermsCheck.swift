/// Vague words in texts that should be precise (objectives, scope, acceptance criteria): one
/// hit per occurrence, leftmost-longest and never overlapping, pointing at the word itself
/// where the source shows the text as it is.
struct TermsCheck: CheckKind {
    static let name = "terms"
    static let fields = [
        Field("in", .texts, "the text fields to search."),
        Field("terms", .text, "the parameter holding the word lists."),
    ]
    static let required: Set<String> = ["in", "terms"]
    static let bindings: Set<String> = ["term", "field"]
    let fields: [Selector]
    let parameter: String

    init(_ spec: CheckSpec) throws(LocatedError) {
        var fields: [Selector] = []
        for text in spec.item.texts("in") {
            let selected = try Selector.compile(text.text, at: text.node, in: spec.source)
            guard selected.shape == nil else { throw spec.error(text.node, "`\(text.text)` is not a text list") }
            fields.append(selected)
        }
        self.fields = fields
        parameter = (spec.item.text("terms") ?? "").trimming(where: { $0 == "$" })
        guard spec.predicates.parameters.contains(parameter) else {
            throw spec.error(spec.place("terms"), "`terms` names a parameter of the rule holding the term lists, e.g. `$terms`")
        }
    }

    func messageShape(selector: Selector?) -> Shape? { nil }

    func run(_ run: CheckRun) -> [Hit] {
        guard case .terms(let list)? = run.evaluation.parameters[parameter] else { return [] }
        let terms = list.terms.map { (term: $0, characters: Array($0.text)) }
        var hits: [Hit] = []
        for selector in fields {
            for subject in run.index.subjects(selector) {
                guard let text = subject.text else { continue }
                for match in TermsCheck.matches(in: text.text, terms: terms) {
                    var hit = run.hit(subject, bindings: ["term": .text(match.term), "field": .text(selector.name)],
                                      key: "|\(match.term)|\(match.start)")
                    if let span = TermsCheck.span(of: match, in: text, source: subject.source) { hit.span = span }
                    hits.append(hit)
                }
            }
        }
        return hits
    }

    struct Match {
        var start: Int
        var length: Int
        var term: String
    }

    static func matches(in text: String, terms: [(term: TermList.Term, characters: [Character])]) -> [Match] {
        if isASCII(text), !terms.contains(where: { mayOccur($0.term.text, inASCII: text) }) { return [] }
        let original = Array(text)
        let lowered = original.map { Character($0.lowercased()) }
        func isWordCharacter(_ index: Int) -> Bool {
            guard index >= 0, index < original.count else { return false }
            let character = original[index]
            return character.isLetter || character.isNumber || character == "_"
        }
        var found: [Match] = []
        for (term, characters) in terms where !characters.isEmpty && characters.count <= lowered.count {
            for start in 0...(lowered.count - characters.count) where lowered[start] == characters[0] {
                guard lowered[start..<start + characters.count].elementsEqual(characters) else { continue }
                let end = start + characters.count
                if term.wholeWord, isWordCharacter(start - 1) || isWordCharacter(end) { continue }
                if let before = term.onlyBefore, end < original.count, !before.contains(original[end]) { continue }
                found.append(Match(start: start, length: characters.count, term: String(original[start..<end])))
            }
        }
        found.sort { ($0.start, -$0.length) < ($1.start, -$1.length) }
        var chosen: [Match] = []
        var reached = 0
        for match in found where match.start >= reached {
            chosen.append(match)
            reached = match.start + match.length
        }
        return chosen
    }

    private static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// Whether an (already lowercased) term occurs in ASCII text, ignoring case: a quick
    /// test that spares most texts the character-by-character match.
    private static func mayOccur(_ term: String, inASCII text: String) -> Bool {
        let needle = Array(term.utf8)
        guard let first = needle.first, needle.count <= text.utf8.count else { return needle.isEmpty }
        guard needle.allSatisfy({ $0 < 0x80 }) else { return false }
        let haystack = Array(text.utf8)
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        for start in 0...(haystack.count - needle.count) where lower(haystack[start]) == first {
            var index = 1
            while index < needle.count, lower(haystack[start + index]) == needle[index] { index += 1 }
            if index == needle.count { return true }
        }
        return false
    }

    /// The span of the word, when the scalar sits on one line and reads in the file exactly as
    /// its value (plain, or quoted without escapes); nil otherwise.
    static func span(of match: Match, in text: TextValue, source: SourceFile) -> Span? {
        let tree = source.tree
        let node = tree.resolved(text.node)
        let span = tree.span(node)
        guard span.start.line == span.end.line, span.end.offset <= source.bytes.count else { return nil }
        let quote: Int
        switch tree.style(node) {
        case .plain: quote = 0
        case .singleQuoted, .doubleQuoted: quote = 1
        default: return nil
        }
        let written = source.bytes[(span.start.offset + quote)..<(span.end.offset - quote)]
        guard written.elementsEqual(text.text.utf8) else { return nil }
        let characters = Array(text.text)
        let prefix = String(characters[..<match.start])
        let word = String(characters[match.start..<(match.start + match.length)])
        let start = Mark(line: span.start.line, column: span.start.column + quote + prefix.unicodeScalars.count,
                         offset: span.start.offset + quote + prefix.utf8.count)
        let end = Mark(line: start.line, column: start.column + word.unicodeScalars.count, offset: start.offset + word.utf8.count)
        return Span(start: start, end: end)
    }
}
