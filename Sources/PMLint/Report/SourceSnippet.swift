/// The source line of a span with an underline under the node, as compilers print it.
public struct SourceSnippet: Sendable {
    let lineText: String
    /// The text before the underline, with tabs kept and every other character as spaces of its
    /// display width, so the underline sits under the node in a terminal (CJK is two columns).
    let padding: String
    let underlineWidth: Int

    init?(bytes: [UInt8], span: Span) {
        let start = min(span.start.offset, bytes.count)
        func breaksLine(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
        // A very long line (minified, or hostile) is shown as a window around the node. Its ends
        // are looked for no further than the window reaches, so many findings on one long line
        // cost no more than a few.
        let window = 160
        let reach = window * 2
        var lineStart = start
        while lineStart > 0, start - lineStart < reach, !breaksLine(bytes[lineStart - 1]) { lineStart -= 1 }
        while lineStart > 0, lineStart < bytes.count, bytes[lineStart] & 0xC0 == 0x80 { lineStart -= 1 }
        let startsLine = lineStart == 0 || breaksLine(bytes[lineStart - 1])
        var lineEnd = start
        while lineEnd < bytes.count, lineEnd - start < reach, !breaksLine(bytes[lineEnd]) { lineEnd += 1 }
        while lineEnd < bytes.count, bytes[lineEnd] & 0xC0 == 0x80 { lineEnd += 1 }
        let endsLine = lineEnd == bytes.count || breaksLine(bytes[lineEnd])
        var end = min(max(span.end.offset, start), lineEnd)
        var prefix = ""
        var suffix = ""
        if !startsLine || !endsLine || lineEnd - lineStart > reach {
            var from = max(lineStart, start - window / 2)
            while from > lineStart, bytes[from] & 0xC0 == 0x80 { from -= 1 }
            var to = min(lineEnd, start + reach)
            while to < lineEnd, bytes[to] & 0xC0 == 0x80 { to += 1 }
            if from > lineStart || !startsLine { prefix = "…" }
            if to < lineEnd || !endsLine { suffix = "…" }
            lineStart = from
            lineEnd = to
            end = min(end, lineEnd)
        }
        lineText = prefix + String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self) + suffix
        let before = prefix + String(decoding: bytes[lineStart..<start], as: UTF8.self)
        padding = String(before.unicodeScalars.map { $0 == "\t" ? "\t" : String(repeating: " ", count: displayWidth($0)) }.joined())
        var width = String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars.reduce(0) { $0 + displayWidth($1) }
        // An underline never trails off over blanks (block nodes end where the next one starts).
        let trailing = String(decoding: bytes[start..<end], as: UTF8.self).reversed().prefix { $0 == " " || $0 == "\t" }.count
        width -= trailing
        underlineWidth = max(1, width)
    }
}

/// Terminal columns a character takes: two for East Asian wide and full-width characters.
func displayWidth(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
         0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
         0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return 2
    default:
        return 1
    }
}
