/// Text from users' files, made safe for each output. A pull request can put anything in a
/// topic or a folder name: an escape sequence that rewrites the terminal, a line break
/// followed by `::error` or `::add-mask::` that GitHub's runner takes as a command, HTML that a
/// pull-request comment would render.
public enum Escaping {
    /// Control characters (C0 but line breaks and tabs, DEL, C1), the Unicode line and
    /// paragraph separators and the bidirectional overrides, written as visible escapes
    /// (`\u{1B}`): nothing reaches a terminal or a log raw.
    static func controls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u{" + hex + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// A line of output that would begin (after spaces) with `::` or `##[` is a GitHub
    /// workflow command to the runner reading the log; a backslash before it makes it text.
    /// The runner trims any whitespace before looking for `::`, and its older parser finds
    /// `##[` anywhere in a line, so every `##[` is broken too.
    static func workflowCommands(_ text: String) -> String {
        guard text.contains("::") || text.contains("##[") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let body = line.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
            let safe = body.hasPrefix("::") ? String(line[..<body.startIndex]) + "\\" + body : String(line)
            return safe.replacingAll("##[", with: "##\\[")
        }.joined(separator: "\n")
    }

    /// Both: what the text and Markdown forms print.
    public static func forLog(_ text: String) -> String { workflowCommands(controls(text)) }

    /// A message on standard error: on one line, nothing raw.
    public static func forError(_ text: String) -> String { forLog(text).replacingAll("\n", with: "\\n") }

    /// Text for Markdown: HTML's special characters as entities (no tag renders), `|` escaped
    /// (no table breaks), `@` as an entity (no one is mentioned), `\\`, `[`, `]` and `!`
    /// escaped (no link or image). Code spans are left to render: inside one nothing is HTML,
    /// and the rules' own texts use them. Line breaks are kept for the caller to place.
    static func markdown(_ text: String) -> String {
        var out = ""
        for character in workflowCommands(controls(text)) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "@": out += "&#64;"
            case "|", "\\", "[", "]", "!": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }
}
