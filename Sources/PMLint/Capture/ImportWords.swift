/// The words that mark a meeting's kind in its title, and a status report in a mail's subject.
/// Nothing is guessed beyond them: a meeting whose title has none is `kind: other`.
public struct ImportWords: Sendable {
    static let keys = ["kickoff", "review", "retrospective", "progress", "workshop", "status_report"]

    static let defaults: [String: [String]] = [
        "kickoff": ["kickoff", "kick-off", "kick off", "启动会", "开工会"],
        "review": ["review", "sign-off", "acceptance", "评审", "验收"],
        "retrospective": ["retrospective", "retro", "lessons learned", "post-mortem", "复盘", "回顾会", "总结会"],
        "progress": ["progress", "status meeting", "weekly sync", "check-in", "周会", "例会", "进度会"],
        "workshop": ["workshop", "研讨", "工作坊"],
        "status_report": ["status report", "weekly report", "progress report", "monthly report", "周报", "月报", "状态报告", "进度报告"],
    ]

    var words = ImportWords.defaults

    public init() {}

    /// The meeting kind a title names, the first in the keys' order; nil: none.
    func meetingKind(_ title: String) -> String? {
        Self.keys.filter { $0 != "status_report" }.first { key in (words[key] ?? []).contains { Self.names(title, $0) } }
    }

    func isStatusReport(_ subject: String) -> Bool {
        (words["status_report"] ?? []).contains { Self.names(subject, $0) }
    }

    /// Whether `text` contains `word`, case-insensitively; a Latin word only as a whole word
    /// ("review" is not in "preview"), a Chinese one anywhere.
    static func names(_ text: String, _ word: String) -> Bool {
        let text = Array(text.lowercased().unicodeScalars), word = Array(word.lowercased().unicodeScalars)
        guard !word.isEmpty, word.count <= text.count else { return false }
        func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) }
        for start in 0...(text.count - word.count) where Array(text[start..<start + word.count]) == word {
            let before = start > 0 ? text[start - 1] : nil
            let after = start + word.count < text.count ? text[start + word.count] : nil
            let wholeWord = (before.map { !(isLatinLetter($0) && isLatinLetter(word[0])) } ?? true)
                && (after.map { !(isLatinLetter($0) && isLatinLetter(word[word.count - 1])) } ?? true)
            if wholeWord { return true }
        }
        return false
    }
}
