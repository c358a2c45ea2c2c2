#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What pmlint asks of the operating system, and the few string and path operations that
// Foundation has and FoundationEssentials has not. pmlint imports FoundationEssentials only, so
// that a run does not load Foundation's internationalisation and ICU libraries; each replacement
// here gives exactly what the Foundation call it replaces gave for the text pmlint hands it
// (PlatformTests pins them). System calls and unsafe pointers stay in this file and in YAML/.

// MARK: - Text

extension Unicode.Scalar {
    /// In Foundation's `CharacterSet.whitespaces`: tab, space, and the other space separators
    /// (U+200B included, as Foundation has it); never a line break.
    var isSpaceOrTab: Bool {
        switch value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Extends the character before it: a combining mark, a variation selector, an emoji skin
    /// tone. (Foundation's table is an older Unicode's: it differs on about a hundred marks
    /// that Unicode 16 and 17 added or reclassified.)
    var extendsPrevious: Bool {
        properties.isGraphemeExtend || (0x1F3FB...0x1F3FF).contains(value)
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`: the text without spaces and tabs at either end.
    var trimmingSpacesAndTabs: String { trimming(where: \.isSpaceOrTab) }

    /// `trimmingCharacters(in:)`: the text without the scalars at either end for which
    /// `isTrimmed` holds. Scalar by scalar, as Foundation trims (a combining mark after a
    /// trimmed space stays).
    func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }

    /// `replacingOccurrences(of:with:)` for the ASCII targets pmlint replaces: every occurrence,
    /// left to right, found scalar by scalar ("\n" is found inside "\r\n", which Swift's own
    /// `replacing(_:with:)`, comparing characters, does not find), except one that a combining
    /// mark (or a variation selector, an emoji skin tone) follows, which Foundation leaves.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let scalars = Array(unicodeScalars)
        let pattern = Array(target.unicodeScalars)
        guard !pattern.isEmpty else { return String(self) }
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let end = index + pattern.count
            if end <= scalars.count, scalars[index..<end].elementsEqual(pattern),
               end == scalars.count || !scalars[end].extendsPrevious {
                result.append(contentsOf: replacement.unicodeScalars)
                index = end
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// `padding(toLength:withPad: " ", startingAt: 0)`: filled with spaces, or cut, to `length`
    /// UTF-16 units.
    func padded(toLength length: Int) -> String {
        let units = Array(utf16)
        if units.count >= length { return String(decoding: units[..<length], as: UTF16.self) }
        return String(self) + String(repeating: " ", count: length - units.count)
    }
}

// MARK: - Paths

/// Path operations as `NSString` does them (the path methods FoundationEssentials lacks), and
/// the file system calls pmlint makes.
enum Platform {
    /// `NSString.lastPathComponent`: `a/b/` gives `b`, `/` gives `/`.
    static func lastPathComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed.utf16.count <= 1 { return fixed }
        return String(fixed[startOfLastComponent(fixed)...])
    }

    /// `NSString.deletingLastPathComponent`: `a/b` gives `a`, `b` gives ``, `/b` gives `/`.
    static func deletingLastPathComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed == "/" || fixed.isEmpty { return fixed }
        let start = startOfLastComponent(fixed)
        if start == fixed.startIndex { return "" }
        if start == fixed.index(after: fixed.startIndex) { return "/" }
        return String(fixed[..<fixed.index(before: start)])
    }

    /// `NSString.appendingPathComponent`.
    static func appendingPathComponent(_ path: String, _ component: String) -> String {
        if component.isEmpty { return path }
        if path.isEmpty { return component }
        return path.hasSuffix("/") ? path + component : path + "/" + component
    }

    /// `NSString.standardizingPath`: `~` expanded; `.`, empty components and a trailing slash
    /// dropped; symbolic links resolved component by component (the first component excepted);
    /// `..` taken back only in an absolute path; `/private` and `/var/automount` removed from the
    /// front when what is left exists. A relative path stays relative: `./a//b/` gives `./a/b`,
    /// `x/..` stays.
    static func standardizingPath(_ path: String) -> String {
        let resolved = resolvingSymlinks(expandingTilde(path))
        return removingPrefix("/var/automount", from: resolved) ?? resolved
    }

    /// `NSString.expandingTildeInPath`.
    static func expandingTilde(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let endOfUser = path.firstIndex(of: "/") ?? path.endIndex
        let user = String(path[path.index(after: path.startIndex)..<endOfUser])
        guard let home = homeDirectory(user.isEmpty ? nil : user) else { return droppingTrailingSlash(path) }
        return droppingTrailingSlash(home + path[endOfUser...])
    }

    /// `NSString.resolvingSymlinksInPath`.
    static func resolvingSymlinks(_ path: String) -> String {
        var components = pathComponents(path)
        guard !components.isEmpty else { return path }
        if components.last == "/" && components.count > 1 { components.removeLast() }
        let isAbsolute = path.hasPrefix("~") || path.hasPrefix("/")
        var resolved = components.removeFirst()
        for component in components {
            switch component {
            case "", ".":
                break
            case ".." where isAbsolute:
                resolved = deletingLastPathComponent(resolved)
            default:
                resolved = appendingPathComponent(resolved, component)
                if let destination = symbolicLinkDestination(resolved) { resolved = destination }
            }
        }
        return removingPrefix("/private", from: resolved) ?? resolved
    }

    /// `NSString.pathComponents`: `/a//b/` gives `/`, `a`, `b`, `/`.
    static func pathComponents(_ path: String) -> [String] {
        var result: [String] = []
        guard !path.isEmpty else { return result }
        if path.first == "/" { result.append("/") }
        var position = path.startIndex
        while position < path.endIndex {
            while position < path.endIndex && path[position] == "/" { position = path.index(after: position) }
            if position == path.endIndex { break }
            var end = position
            while end < path.endIndex && path[end] != "/" { end = path.index(after: end) }
            result.append(String(path[position..<end]))
            position = end
        }
        if path.utf16.count > 1 && path.hasSuffix("/") { result.append("/") }
        return result
    }

    /// Runs of slashes made one, and a trailing slash dropped (`/` stays, `//` becomes empty),
    /// as NSString's path methods first do.
    private static func fixingSlashes(_ path: String) -> String {
        if path == "/" { return path }
        var result = ""
        var afterSlash = false
        for character in path {
            if character == "/" {
                if !afterSlash { result.append(character) }
                afterSlash = true
            } else {
                result.append(character)
                afterSlash = false
            }
        }
        if result.hasSuffix("/") { result.removeLast() }
        return result
    }

    /// One trailing slash dropped, unless the path is a single character.
    private static func droppingTrailingSlash(_ path: String) -> String {
        path.utf16.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// Where the last component of a path without a trailing slash starts.
    private static func startOfLastComponent(_ path: String) -> String.Index {
        var position = path.endIndex
        while position > path.startIndex {
            let before = path.index(before: position)
            if path[before] == "/" { break }
            position = before
        }
        return position
    }

    /// The path without `prefix`, when it starts with it, is not just it, and what is left exists
    /// (as a path of its own, relative if need be: Foundation's test).
    private static func removingPrefix(_ prefix: String, from path: String) -> String? {
        guard path != prefix, path.hasPrefix(prefix) else { return nil }
        let rest = String(path.dropFirst(prefix.count))
        return isDirectory(rest) == nil ? nil : rest
    }

    /// The home folder of a user (nil: the current one), as Foundation finds it:
    /// `CFFIXED_USER_HOME`, else the user database, else (for the current user) `HOME`, else
    /// `/var/empty` for the current user.
    private static func homeDirectory(_ user: String?) -> String? {
        func nonEmpty(_ text: UnsafeMutablePointer<CChar>?) -> String? {
            guard let text, text.pointee != 0 else { return nil }
            return String(cString: text)
        }
        let fixed = getenv("CFFIXED_USER_HOME")
        var home = nonEmpty(fixed)
        if home == nil {
            let entry = if let user { getpwnam(user) } else { getpwuid(geteuid() != 0 ? geteuid() : getuid()) }
            home = nonEmpty(entry?.pointee.pw_dir)
        }
        if home == nil && user == nil { home = nonEmpty(getenv("HOME")) }
        // Foundation falls back to /var/empty when it met a failure on the way.
        if home == nil && (user == nil || fixed != nil) { home = "/var/empty" }
        guard var home else { return nil }
        while home.utf16.count > 1 && home.hasSuffix("/") { home.removeLast() }
        return home
    }

    /// Where a symbolic link leads, as Foundation resolves it: the link's target as written, made
    /// absolute by `realpath` (against the current folder, as Foundation does, even for a link
    /// elsewhere); nil when `path` is not a link or its target does not exist.
    private static func symbolicLinkDestination(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return nil }
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard readlink(path, &target, target.count - 1) >= 0 else { return nil }
        guard let resolved = realpath(target, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: - Percent-encoding

    /// A path percent-encoded as `addingPercentEncoding(withAllowedCharacters:)` with
    /// `.urlPathAllowed` less `:` did: every UTF-8 byte but the letters and digits of ASCII and
    /// `!$&'()*+,-./=@_~` written `%XX`.
    static func percentEncodedPath(_ path: String) -> String {
        let allowed = Set("!$&'()*+,-./=@_~".utf8)
        let digits = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        for byte in path.utf8 {
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if isAlphanumeric || allowed.contains(byte) {
                result.append(byte)
            } else {
                result += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    // MARK: - Files

    /// Whether `path` is a directory, following symbolic links; nil when nothing is there (a
    /// dangling link included). `FileManager.fileExists(atPath:isDirectory:)`.
    static func isDirectory(_ path: String) -> Bool? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether `path` is itself a directory, not a symbolic link to one.
    static func isDirectoryNotLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// Reads a regular file, or its first `limit + 1` bytes: enough to tell it is too large
    /// without reading all of it. Anything else (a FIFO, a device, a socket, a folder) is an
    /// error naming what it is, found without waiting on it: a FIFO is opened non-blocking.
    static func readRegularFile(_ path: String, limit: Int) throws(UsageError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            throw UsageError("\(path): cannot open the file for reading")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw UsageError("\(path): cannot read the file (\(String(cString: strerror(errno))))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw UsageError("\(path): \(kind(of: status.st_mode)), not a regular file; pmlint reads only regular files")
        }
        // Straight into the array that is kept: no second copy of a large file.
        let expected = status.st_size > 0 ? min(Int(status.st_size), limit) + 1 : 65_536
        var bytes = [UInt8](repeating: 0, count: expected)
        var count = 0
        while count <= limit {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - count))) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return read(descriptor, base + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw UsageError("\(path): cannot read the file (\(String(cString: strerror(errno))))")
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        default: return "a special file"
        }
    }

    /// What is at `path`: with `followingLinks` false, a final symbolic link itself.
    enum Entry {
        case none, regular, directory, symbolicLink, device, fifo, other
    }

    static func entry(at path: String, followingLinks: Bool = false) -> Entry {
        var status = stat()
        guard (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0 else { return .none }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        case S_IFCHR, S_IFBLK: return .device
        case S_IFIFO: return .fifo
        default: return .other
        }
    }

    /// Whether a path leads to a character device (a terminal, `/dev/null`), not a block device.
    static func isCharacterDevice(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR
    }

    /// What a path leads to, following symbolic links.
    static func target(at path: String) -> Entry { entry(at: path, followingLinks: true) }

    /// The path with every symbolic link resolved (`realpath`); nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The path made absolute against the current folder, `.` and `..` taken lexically, no
    /// symbolic link resolved: where the path says it is.
    static func absolutePath(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let current = getcwd(&buffer, buffer.count).map { _ in
                String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            } ?? "."
            full = current + "/" + path
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Removes a file, if it is there.
    static func removeFile(_ path: String) {
        _ = unlink(path)
    }

    /// Renames a file over another; the system's reason when it cannot.
    static func moveFile(_ source: String, to target: String) -> String? {
        rename(source, target) == 0 ? nil : String(cString: strerror(errno))
    }

    static var processID: Int32 { getpid() }

    /// The permission bits of a file (not followed through a link); nil when there is none.
    static func permissions(of path: String) -> UInt32? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return UInt32(info.st_mode) & 0o7777
    }

    /// Sets a file's permission bits, as the file it replaced had them.
    static func setPermissions(_ path: String, _ bits: UInt32) {
        _ = chmod(path, mode_t(bits))
    }

    /// What a program printed and how it ended.
    struct ProgramOutput {
        var status: Int32
        var output: [UInt8]
        /// It printed more than the limit and was stopped; `output` holds the first `limit` bytes.
        var truncated = false
    }

    /// Runs a program found on PATH with the arguments (no shell), standard input and errors
    /// on /dev/null, the environment plus `environment`, and collects at most `limit` bytes of
    /// what it prints: past that it is killed. nil when it cannot be started.
    static func run(_ arguments: [String], environment: [String: String] = [:], limit: Int) -> ProgramOutput? {
        var ends: [Int32] = [0, 0]
        // Close-on-exec: programs started later on other threads do not inherit this pipe,
        // which would keep it open after this program ends.
        guard pipe(&ends) == 0 else { return nil }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var inherited: [String] = []
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            if let name = text.split(separator: "=", maxSplits: 1).first, environment[String(name)] == nil { inherited.append(text) }
            index += 1
        }
        let envp = (inherited + environment.map { "\($0.key)=\($0.value)" }).map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        close(ends[1])
        defer { close(ends[0]) }
        guard spawned == 0 else { return nil }
        var result = ProgramOutput(status: -1, output: [])
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(ends[0], &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let room = limit - result.output.count
            result.output += buffer.prefix(min(count, room))
            if count > room {
                result.truncated = true
                kill(pid, SIGKILL)
                break
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Exited normally: the exit code; killed by a signal: -1.
        result.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return result
    }
}

/// A file open for writing, or standard output: what pmlint used `FileHandle` for.
final class WritableFile {
    private let descriptor: Int32
    private var isOpen: Bool

    private init(descriptor: Int32, isOpen: Bool) {
        self.descriptor = descriptor
        self.isOpen = isOpen
    }

    /// Standard output, never closed here.
    static var standardOutput: WritableFile { WritableFile(descriptor: STDOUT_FILENO, isOpen: false) }

    /// Creates a new file and opens it for writing; nil when it cannot, or when anything (a
    /// file, a symbolic link) is already at `path`.
    init?(creatingNewAtPath path: String) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return nil }
        isOpen = true
    }

    /// Opens what is at `path` (a device, a FIFO) for writing in place, never creating or
    /// replacing anything; nil when it cannot.
    init?(openingExistingAtPath path: String) {
        descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        isOpen = true
    }

    func write(_ text: String) throws(WriteError) {
        if let failure = writeAll(descriptor, text) { throw WriteError(code: failure) }
    }

    func close() {
        guard isOpen else { return }
        isOpen = false
        closeDescriptor(descriptor)
    }

    deinit { close() }
}

/// A failed write, described as Foundation's `FileHandle` error was where it said something,
/// and in the system's words where it did not.
struct WriteError: Error, CustomStringConvertible {
    var code: Int32

    var description: String {
        let reason: String
        switch code {
        case ENOENT: reason = "The file doesn’t exist."
        case EPERM, EACCES: reason = "You don’t have permission."
        case ENAMETOOLONG: reason = "The file name is invalid."
        case EDQUOT, ENOSPC: reason = "There isn’t enough space."
        case EROFS: reason = "The volume is read only."
        case EEXIST: reason = "A file with the same name already exists."
        default: reason = String(cString: strerror(code)) + "."
        }
        return "The operation could not be completed. " + reason
    }
}

/// Writes all of `text` to a file descriptor; the `errno` of a failure.
private func writeAll(_ descriptor: Int32, _ text: String) -> Int32? {
    var text = text
    return text.withUTF8 { writeAll(descriptor, UnsafeRawBufferPointer($0)) }
}

private func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32? {
    var written = 0
    while written < buffer.count {
        let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { return errno }
        written += count
    }
    return nil
}

private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

// MARK: - Process

/// Writes to standard error at once, unbuffered. A failure to write is fatal, as it was with
/// `FileHandle.standardError.write(_:)`.
public func printError(_ text: String) {
    if let failure = writeAll(STDERR_FILENO, text) {
        fatalError("cannot write to standard error: \(WriteError(code: failure))")
    }
}

/// Writes to standard output at once, unbuffered (unlike `print`). When standard output is
/// closed or gone, says so on standard error and exits with 2: a reader that went away is not
/// a crash.
public func writeStandardOutput(_ text: String) {
    if let failure = writeAll(STDOUT_FILENO, text) {
        _ = writeAll(STDERR_FILENO, "pmlint: cannot write to standard output (\(String(cString: strerror(failure))))\n")
        exit(2)
    }
}

/// Ends the process with `code`, flushing what `print` has buffered.
public func exitProcess(_ code: Int32) -> Never {
    exit(code)
}

/// Whether standard output is a terminal (for colour).
public func standardOutputIsTerminal() -> Bool {
    isatty(STDOUT_FILENO) == 1
}

/// Today's date in the local time zone (`TZ`, else the system's), as the Gregorian calendar has it.
public func localDate() -> (year: Int, month: Int, day: Int) {
    var now = time(nil)
    var parts = tm()
    tzset()
    guard localtime_r(&now, &parts) != nil else { return (1970, 1, 1) }
    return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
}

// MARK: - Standard streams of a server

extension Platform {
    /// The next bytes on standard input, as soon as any arrive; nil at its end or on an error.
    static func readStandardInput() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            return Array(buffer[..<count])
        }
    }

    /// Writes all of `bytes` to standard output; false when the reader is gone.
    static func writeStandardOutput(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(STDOUT_FILENO, $0) } == nil
    }

    /// A write to a closed pipe fails with EPIPE instead of ending the process.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }
}
