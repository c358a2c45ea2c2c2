#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What pmlint needs beyond FoundationEssentials, which it uses instead of Foundation: Foundation
// brings its internationalisation and ICU libraries, 9 MB of every run.

/// Paths as strings, `/`-separated.
enum Paths {
    /// The last component: `c.yaml` of `a/b/c.yaml` (trailing slashes ignored).
    static func lastComponent(of path: String) -> String {
        let trimmed = path.count > 1 ? String(path.reversed().drop { $0 == "/" }.reversed()) : path
        guard let slash = trimmed.lastIndex(of: "/"), trimmed != "/" else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The path without its last component: `a/b` of `a/b/c.yaml`, `` of `c.yaml`, `/` of `/c`.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.last == "/" { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        var parent = trimmed[..<slash]
        while parent.count > 1, parent.last == "/" { parent = parent.dropLast() }
        return parent.isEmpty ? "/" : String(parent)
    }

    /// Whether `path` names a folder (a symbolic link is followed), or nil when nothing is there.
    /// (`FileManager.fileExists(atPath:isDirectory:)` takes a `Bool` here and an `ObjCBool` on
    /// macOS.)
    static func isFolder(_ path: String) -> Bool? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & mode_t(S_IFMT) == mode_t(S_IFDIR)
    }

    /// The path as written, made plain: `~` expanded, empty and `.` components and trailing
    /// slashes dropped, `..` taken back in an absolute path, and an absolute path that exists
    /// with its symbolic links resolved. A relative path stays relative.
    static func standardized(_ path: String) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/"), let home = getenv("HOME").map({ String(cString: $0) }) {
            path = home + path.dropFirst()
        }
        let isAbsolute = path.hasPrefix("/")
        if isAbsolute, let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var components: [Substring] = []
        for component in path.split(separator: "/") where component != "." {
            if component == "..", isAbsolute {
                if !components.isEmpty { components.removeLast() }
            } else {
                components.append(component)
            }
        }
        let joined = components.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        if joined.isEmpty { return path.isEmpty ? "" : "." }
        return path.hasPrefix("./") ? "./" + joined : joined
    }
}

extension StringProtocol {
    /// The text without the spaces and tabs (Unicode's space separators) at its ends.
    func trimmingSpaces() -> String {
        trimming { $0.isWhitespace && !$0.isNewline }
    }

    /// The text without the characters at its ends that `isTrimmed` says to drop.
    func trimming(where isTrimmed: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !isTrimmed($0) }), let last = lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension String {
    /// Every occurrence of `target` replaced, compared byte by byte as Foundation's
    /// `replacingOccurrences` compares: the line feed of a CRLF is found, where comparing
    /// characters would not (CRLF is one character).
    func replacingEvery(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard let first = pattern.first, utf8.contains(first) else { return self }
        var out: [UInt8] = []
        var text = self
        text.withUTF8 { bytes in
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == first, index + pattern.count <= bytes.count,
                   bytes[index..<index + pattern.count].elementsEqual(pattern) {
                    out += replacement.utf8
                    index += pattern.count
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Writes text to standard error, unbuffered.
public func printError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        var done = 0
        while done < bytes.count {
            let written = write(2, bytes.baseAddress! + done, bytes.count - done)
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }
            done += written
        }
    }
}

/// Ends the process with `status` (the C library's `exit`, which ArgumentParser's commands hide
/// behind their own).
public func exitProcess(_ status: Int32) -> Never {
    exit(status)
}

/// The C library's `read`, for code where a local `read` hides it.
func readDescriptor(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// The C library's `write`, for code where a local `write` hides it.
func writeDescriptor(_ descriptor: Int32, from buffer: UnsafeRawPointer, count: Int) -> Int {
    write(descriptor, buffer, count)
}
