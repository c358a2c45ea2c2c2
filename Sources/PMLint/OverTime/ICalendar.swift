/// An RFC 5545 calendar of to-dos: one `VTODO` per item `pmlint due` lists.
///
/// - `UID` is the finding's identity (its fingerprint, rule and project), so importing a newer
///   export updates the to-do instead of adding a second one.
/// - `SEQUENCE` is the as-of date's day number: an export made later never has a lower one, so
///   a calendar takes a moved deadline (earlier or later) as the newer version of the to-do.
/// - `DTSTAMP` is as-of at midnight UTC, so the same files and date give the same calendar.
enum ICalendar {
    static func todos(_ entries: [DueReport.Entry], run: RunInfo, _ language: Language) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//pmlint//pmlint \(Version.number)//\(language == .zh ? "ZH" : "EN")",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text(language == .zh ? "pmlint：即将到期" : "pmlint: due"),
        ]
        let epoch = Day(ordinal: 10957) // 2000-01-01
        for entry in entries {
            let finding = entry.item.finding.finding
            let project = entry.project.name ?? entry.project.path
            let summary = DueReport.summary(finding.rule, run: run, language)
            let late = entry.item.isLate
            var description = late
                ? (language == .zh ? "已逾期，pmlint 报告：\(finding.message[language])" : "Late: pmlint reports: \(finding.message[language])")
                : (language == .zh ? "若届时未完成，pmlint 将报告：\(finding.message[language])"
                                   : "If not done by then, pmlint reports: \(finding.message[language])")
            if let fix = finding.fix?[language] {
                description += (language == .zh ? "\n\n要做：" : "\n\nTo do: ") + fix
            }
            description += "\n\n\(finding.rule) · \(finding.file):\(finding.span.start.line)"
            lines += [
                "BEGIN:VTODO",
                "UID:\(entry.item.finding.fingerprint)-\(finding.rule)@pmlint",
                "DTSTAMP:\(compact(run.asOf))T000000Z",
                "SEQUENCE:\(max(0, run.asOf.days(since: epoch)))",
            ] + (entry.item.due.map { ["DUE;VALUE=DATE:\(compact($0))"] } ?? []) + [
                "SUMMARY:" + text("\(project): \(summary)"),
                "DESCRIPTION:" + text(description),
                "CATEGORIES:" + text(finding.category),
                "PRIORITY:\(priority(finding.severity))",
                "STATUS:NEEDS-ACTION",
                "END:VTODO",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// 1 the highest, 9 the lowest (RFC 5545 §3.8.1.9).
    private static func priority(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 5
        case .info: return 9
        }
    }

    private static func compact(_ day: Day) -> String {
        day.description.filter { $0 != "-" }
    }

    /// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`, other
    /// control characters dropped (RFC 5545 §3.3.11).
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": break
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines longer than 75 octets folded: CRLF and a space, never inside a UTF-8 character
    /// (RFC 5545 §3.1); a character of several scalars may be split between them.
    static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out
    }
}
