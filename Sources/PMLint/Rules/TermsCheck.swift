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
    static let bindings: Set<String> = ["term", "field", "place"]
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
        let terms = TermTrie(list.terms)
        var hits: [Hit] = []
        for selector in fields {
            for subject in run.index.subjects(selector) {
                guard let text = subject.text else { continue }
                let matches = TermsCheck.matches(in: text.text, terms: terms)
                guard !matches.isEmpty else { continue }
                let spans = TermsCheck.spans(of: matches, in: text, source: subject.source)
                let place = Binding.localized(TermsCheck.place(of: selector, in: subject.item))
                for (match, span) in zip(matches, spans) {
                    var hit = run.hit(subject, bindings: ["term": .text(match.term), "field": .text(selector.name), "place": place],
                                      key: "|\(match.term)|\(match.start)")
                    if let span { hit.span = span }
                    hits.append(hit)
                }
            }
        }
        return hits
    }

    /// Which item's which field a text is in ("`acceptance_criteria` of milestone m1"): a text
    /// reused through a YAML alias is written once and found in each item that uses it.
    static func place(of selector: Selector, in item: Item) -> LocalizedText {
        let key = "`\(selector.name.split(separator: ".").last.map(String.init) ?? selector.name)`"
        let shape = item.shape
        let named = item.id.map { " \($0)" } ?? ""
        return LocalizedText(en: "\(key) of \(named.isEmpty ? "the " : "")\(shape.name)\(named)",
                             zh: named.isEmpty ? "\(shape.zhName)的 \(key)" : "\(shape.zhName)\(named) 的 \(key)")
    }

    /// A match, in characters of the text as written.
    struct Match {
        var start: Int
        var length: Int
        var term: String
    }

    /// Every vague term in `text`, leftmost-longest, never overlapping (RULES.md): whole words
    /// for `words` (no ASCII letter, digit, `_` or `-` on either side), a run of whitespace in
    /// the text matching a phrase's single space, a substring not inside the longer words it
    /// names, and no match in a clause that holds a number. Linear in the text's length,
    /// whatever the number of terms: one walk of the trie from each position.
    static func matches(in text: String, terms: TermTrie) -> [Match] {
        let original = Array(text)
        // The text lowercased, each run of whitespace one space, with where each character came from.
        var folded: [Character] = []
        var origin: [Int] = []
        folded.reserveCapacity(original.count)
        for (index, character) in original.enumerated() {
            if character.isWhitespace {
                if folded.last == " " { continue }
                folded.append(" ")
            } else {
                folded.append(Character(character.lowercased()))
            }
            origin.append(index)
        }
        // Clauses end at , ; ，；、。 and line breaks; a clause with a number makes its terms precise.
        var clauseHasNumber: [Bool] = []
        var clauseOf: [Int] = []
        clauseOf.reserveCapacity(original.count)
        var clause = 0
        var hasNumber = false
        for character in original {
            if clauseSeparators.contains(character) || character.isNewline {
                clauseHasNumber.append(hasNumber)
                clause += 1
                hasNumber = false
                clauseOf.append(clause)
                continue
            }
            clauseOf.append(clause)
            if character.isNumber && character.unicodeScalars.allSatisfy({ $0.properties.numericType == .decimal })
                || character == "%" || character == "％" {
                hasNumber = true
            }
        }
        clauseHasNumber.append(hasNumber)

        func isWordCharacter(_ index: Int) -> Bool {
            guard index >= 0, index < original.count, let ascii = original[index].asciiValue else { return false }
            return (0x30...0x39).contains(ascii) || (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii)
                || ascii == UInt8(ascii: "_") || ascii == UInt8(ascii: "-")
        }
        // Leftmost-longest without overlap: from each position past the last match, the
        // longest term that matches there, if any.
        var chosen: [Match] = []
        var start = 0
        while start < folded.count {
            var longest: Match?
            terms.forEachTerm(startingAt: start, in: folded) { term, count in
                let first = origin[start]
                let end = origin[start + count - 1] + 1
                if term.wholeWord, isWordCharacter(first - 1) || isWordCharacter(end) { return }
                if let before = term.onlyBefore {
                    let next = original[end...].first { !$0.isWhitespace }
                    if let next, !before.contains(next) { return }
                }
                if term.notWithin.contains(where: { word in occurs(word, around: first, length: end - first, in: original) }) { return }
                if clauseHasNumber[clauseOf[first]] { return }
                longest = Match(start: first, length: end - first, term: String(original[first..<end]))
            }
            guard let match = longest else {
                start += 1
                continue
            }
            chosen.append(match)
            // Continue at the first folded character past the match.
            let reached = match.start + match.length
            while start < folded.count, origin[start] < reached { start += 1 }
        }
        return chosen
    }

    private static let clauseSeparators: Set<Character> = [",", ";", "，", "；", "、", "。"]

    /// Whether `word` (which holds the matched term) is written where the match stands.
    private static func occurs(_ word: [Character], around start: Int, length: Int, in text: [Character]) -> Bool {
        let term = Array(text[start..<start + length]).map { Character($0.lowercased()) }
        guard word.count > term.count else { return false }
        for offset in 0...(word.count - term.count) where Array(word[offset..<offset + term.count]) == term {
            let from = start - offset
            guard from >= 0, from + word.count <= text.count else { continue }
            if text[from..<from + word.count].map({ Character($0.lowercased()) }) == word { return true }
        }
        return false
    }

    /// The span of each matched word, when the scalar sits on one line and reads in the file
    /// exactly as its value (plain, or quoted without escapes); nil otherwise. One pass over the
    /// text for all its matches.
    static func spans(of matches: [Match], in text: TextValue, source: SourceFile) -> [Span?] {
        let tree = source.tree
        let node = tree.resolved(text.node)
        let span = tree.span(node)
        guard span.start.line == span.end.line, span.end.offset <= source.bytes.count else { return matches.map { _ in nil } }
        let quote: Int
        switch tree.style(node) {
        case .plain: quote = 0
        case .singleQuoted, .doubleQuoted: quote = 1
        default: return matches.map { _ in nil }
        }
        let written = source.bytes[(span.start.offset + quote)..<(span.end.offset - quote)]
        guard written.elementsEqual(text.text.utf8) else { return matches.map { _ in nil } }
        // Columns (scalars) and bytes before each character.
        var scalars = [0]
        var bytes = [0]
        for character in text.text {
            scalars.append(scalars[scalars.count - 1] + character.unicodeScalars.count)
            bytes.append(bytes[bytes.count - 1] + character.utf8.count)
        }
        return matches.map { match in
            let end = match.start + match.length
            guard end < scalars.count else { return nil }
            let start = Mark(line: span.start.line, column: span.start.column + quote + scalars[match.start],
                             offset: span.start.offset + quote + bytes[match.start])
            return Span(start: start, end: Mark(line: start.line, column: span.start.column + quote + scalars[end],
                                                offset: span.start.offset + quote + bytes[end]))
        }
    }
}

/// The terms as a trie over their characters: one walk from a position of the text finds
/// every term that starts there, however many terms there are.
struct TermTrie {
    private var children: [[Character: Int]] = [[:]]
    private var ends: [Int?] = [nil]
    private let terms: [TermList.Term]

    init(_ terms: [TermList.Term]) {
        self.terms = terms
        for (index, term) in terms.enumerated() where !term.text.isEmpty {
            var node = 0
            for character in term.text {
                if let next = children[node][character] {
                    node = next
                } else {
                    children.append([:])
                    ends.append(nil)
                    children[node][character] = children.count - 1
                    node = children.count - 1
                }
            }
            // The first of equal terms is the one kept.
            if ends[node] == nil { ends[node] = index }
        }
    }

    /// Calls `body` with each term that matches `text` at `start` and its length in
    /// characters, shortest first.
    func forEachTerm(startingAt start: Int, in text: [Character], _ body: (TermList.Term, Int) -> Void) {
        var node = 0
        var position = start
        while position < text.count, let next = children[node][text[position]] {
            node = next
            position += 1
            if let term = ends[node] { body(terms[term], position - start) }
        }
    }
}
