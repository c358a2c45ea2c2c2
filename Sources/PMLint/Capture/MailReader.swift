/// The headers pmlint needs of e-mails in `.eml` files and mbox mailboxes: `Message-ID`,
/// `Date`, `From`, `To`, `Cc` and `Subject`, unfolded, with RFC 2047 encoded words decoded
/// (UTF-8, ASCII and Latin-1; a word in another charset is kept as written).
struct MailReader {
    struct Mail: Equatable {
        var messageID: String?
        var date: Day?
        var from: [String]
        var to: [String]
        var subject: String

        var source: String? { messageID.map { "mail:" + $0 } }
    }

    static let maxMessages = 200_000

    /// The mails of one file: an mbox (it starts with a `From ` line) or one message.
    static func mails(in bytes: [UInt8]) -> [Mail] {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        guard lines.first?.hasPrefix("From ") == true else { return [mail(headers: lines)] }
        // An mbox: each message starts at a `From ` line after a blank line (or the first).
        var mails: [Mail] = []
        var current: [String] = []
        var previousBlank = true
        lines.append("")
        for line in lines {
            if line.hasPrefix("From ") && previousBlank {
                if !current.isEmpty { mails.append(mail(headers: current)) }
                current = []
                guard mails.count < maxMessages else { break }
            } else {
                current.append(line)
            }
            previousBlank = line.isEmpty
        }
        if !current.isEmpty { mails.append(mail(headers: current)) }
        return mails
    }

    /// A message's headers, up to the first blank line, folded lines joined.
    static func mail(headers lines: [String]) -> Mail {
        var fields: [(name: String, value: String)] = []
        for line in lines {
            if line.isEmpty { break }
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingSpaces()
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((line[..<colon].lowercased(), String(line[line.index(after: colon)...]).trimmingSpaces()))
            }
            guard fields.count < 1000 else { break }
        }
        func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }
        func addresses(_ name: String) -> [String] { fields.filter { $0.name == name }.flatMap { Self.addresses($0.value) } }
        let id = field("message-id").map { value in
            value.trimmingSpaces().trimming { $0 == "<" || $0 == ">" }
        }.flatMap { $0.isEmpty ? nil : $0 }
        return Mail(messageID: id, date: field("date").flatMap(Self.date), from: addresses("from"),
                    to: addresses("to") + addresses("cc"), subject: decoded(field("subject") ?? ""))
    }

    /// The addresses of an address list: `"Wei, Li" <li.wei@acme.example>, sam@x.example`.
    static func addresses(_ value: String) -> [String] {
        var result: [String] = []
        var part = ""
        var quoted = false, angle = false
        for character in value + "," {
            switch character {
            case "\"": quoted.toggle(); part.append(character)
            case "<" where !quoted: angle = true; part.append(character)
            case ">" where !quoted: angle = false; part.append(character)
            case "," where !quoted && !angle:
                if let open = part.lastIndex(of: "<"), let close = part.lastIndex(of: ">"), open < close {
                    result.append(String(part[part.index(after: open)..<close]))
                } else if part.contains("@") {
                    result.append(part.split(separator: " ").first { $0.contains("@") }.map(String.init) ?? part)
                }
                part = ""
            default: part.append(character)
            }
        }
        return result.map { $0.trimmingSpaces().lowercased() }.filter { $0.contains("@") }
    }

    /// `Thu, 20 Nov 2026 09:30:00 +0800`: the day as the sender's clock showed it.
    static func date(_ value: String) -> Day? {
        let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
        let words = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        for index in words.indices.dropLast(2) {
            if let day = Int(words[index]), let month = months[words[index + 1].prefix(3).lowercased()], let year = Int(words[index + 2]) {
                return Day(year: year < 100 ? year + 2000 : year, month: month, day: day)
            }
        }
        return nil
    }

    /// RFC 2047: `=?UTF-8?B?...?=` and `=?utf-8?Q?...?=` decoded; whitespace between two encoded
    /// words dropped.
    static func decoded(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var out = ""
        var rest = Substring(value)
        var lastWasEncoded = false
        while let start = rest.firstRange(of: "=?") {
            let before = rest[..<start.lowerBound]
            let afterStart = rest[start.upperBound...]
            let parts = afterStart.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[3].hasPrefix("="), let decodedWord = word(charset: String(parts[0]), encoding: String(parts[1]), text: String(parts[2])) else {
                out += before + "=?"
                rest = afterStart
                lastWasEncoded = false
                continue
            }
            if !(lastWasEncoded && before.allSatisfy { $0 == " " || $0 == "\t" }) { out += before }
            out += decodedWord
            lastWasEncoded = true
            // Past `charset?encoding?text?=`.
            let consumed = parts[0].count + parts[1].count + parts[2].count + 4
            rest = afterStart.dropFirst(consumed)
        }
        return out + rest
    }

    private static func word(charset: String, encoding: String, text: String) -> String? {
        var bytes: [UInt8]
        switch encoding.uppercased() {
        case "B": guard let decoded = base64(text) else { return nil }; bytes = decoded
        case "Q":
            let utf8 = Array(text.utf8)
            bytes = []
            var position = 0
            while position < utf8.count {
                let byte = utf8[position]
                if byte == UInt8(ascii: "_") {
                    bytes.append(0x20)
                    position += 1
                } else if byte == UInt8(ascii: "="), position + 2 < utf8.count,
                          let value = UInt8(String(decoding: utf8[(position + 1)...(position + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    position += 3
                } else {
                    bytes.append(byte)
                    position += 1
                }
            }
        default: return nil
        }
        switch charset.lowercased().split(separator: "*").first.map(String.init) ?? "" {
        case "utf-8", "utf8", "us-ascii": return String(validating: bytes, as: UTF8.self)
        // Mail labelled Latin-1 is often Windows-1252, whose 0x80-0x9F are quotes and dashes.
        case "iso-8859-1", "latin1", "windows-1252", "cp1252":
            return String(String.UnicodeScalarView(bytes.map { byte in
                windows1252[byte].flatMap(Unicode.Scalar.init) ?? Unicode.Scalar(byte)
            }))
        default: return nil
        }
    }

    static let windows1252: [UInt8: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02C6,
        0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C,
        0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
        0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    static func base64(_ text: String) -> [UInt8]? {
        var table = [UInt8](repeating: 255, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { table[Int(character)] = UInt8(value) }
        var out: [UInt8] = []
        var buffer = 0, bits = 0
        for character in text.utf8 where character != UInt8(ascii: "=") {
            let value = table[Int(character)]
            guard value != 255 else { return nil }
            buffer = (buffer << 6) | Int(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return out
    }
}


