/// What pmlint may read. A pull request can change every file pmlint reads, so: only regular
/// files (a FIFO would hang the run, a device would never end), at most `maxFileSize` bytes
/// of each, and never a file reached through a symbolic link that leads out of the repository
/// (a committed `plan.yaml` linked to a secrets file would print its lines as source
/// snippets), unless the user allows it.
public struct FileAccess: Sendable {
    /// `--allow-outside`: follow symbolic links wherever they lead.
    public var allowOutside: Bool
    /// The bounds of every YAML file read: documents, configurations and rule files alike.
    public var limits: YAMLLimits
    var maxFileSize: Int { limits.maxFileSize }

    public init(allowOutside: Bool = false, limits: YAMLLimits = YAMLLimits()) {
        self.allowOutside = allowOutside
        self.limits = limits
    }

    /// Reads `path`, a file of the repository at `root` (default: the repository `path` is in).
    /// `strict`: the file must be inside the repository even when no link leads there (a file
    /// a configuration names, rather than one named on the command line).
    func read(_ path: String, root: String? = nil, strict: Bool = false) throws(UsageError) -> [UInt8] {
        try confine(path, to: root ?? FileAccess.repositoryRoot(of: path), strict: strict)
        return try Platform.readRegularFile(path, limit: maxFileSize)
    }

    /// Refuses a path that leads, through a symbolic link, to a place outside `root`. A path
    /// that is outside without a link in it is where the user pointed, and is allowed (unless
    /// `strict`). A path whose real place cannot be told is refused.
    func confine(_ path: String, to root: String, strict: Bool = false) throws(UsageError) {
        guard !allowOutside else { return }
        guard let real = Platform.realPath(path) else {
            if Platform.entry(at: path) == .none { return }  // missing: opening it says so
            throw UsageError("\(path): pmlint cannot tell where this path leads, so does not read it (--allow-outside allows it)")
        }
        if FileAccess.isInside(real, root) || (!strict && real == Platform.absolutePath(path)) { return }
        throw UsageError("\(path): a symbolic link that leads outside the repository; pmlint does not follow it (--allow-outside allows it)")
    }

    /// Refuses a folder (a team's rule folder) that is not inside `root`, by the way it is
    /// written or by where its links lead.
    func requireInside(_ folder: String, root: String) throws(UsageError) {
        guard !allowOutside, Platform.entry(at: folder) != .none else { return }
        guard let real = Platform.realPath(folder), FileAccess.isInside(real, root) else {
            throw UsageError("\(folder): outside the repository; a configuration's rule folders must be inside it (--allow-outside allows it)")
        }
    }

    /// The repository a path is in: the nearest folder at or above it that holds `.git`, else
    /// `fallback` (the folder named on the command line), else the current folder; with links
    /// resolved. Under the folder pmlint runs in (which is where it really is), a folder
    /// reached through a link is passed over: a committed link to a folder elsewhere that holds
    /// its own `.git` does not make that folder the repository.
    static func repositoryRoot(of path: String, fallback: String? = nil) -> String {
        let current = Platform.absolutePath(".")
        var folder = Platform.absolutePath(path)
        if Platform.target(at: folder) != .directory { folder = Platform.deletingLastPathComponent(folder) }
        if !isInside(folder, current) { folder = Platform.realPath(folder) ?? folder }
        var candidate = folder
        while true {
            let throughLink = isInside(candidate, current) && Platform.realPath(candidate) != candidate
            if !throughLink, Platform.target(at: Platform.appendingPathComponent(candidate, ".git")) != .none {
                return Platform.realPath(candidate) ?? candidate
            }
            if candidate == "/" || candidate.isEmpty { break }
            candidate = Platform.deletingLastPathComponent(candidate)
        }
        let chosen = fallback.map(Platform.absolutePath) ?? current
        // The folder named, where it is, not where a link would take it.
        if isInside(chosen, current), Platform.realPath(chosen) != chosen { return current }
        return Platform.realPath(chosen) ?? chosen
    }

    /// Where `path` is within `root` (`examples/acme/plan.yaml`; `.` for the root itself), its
    /// links resolved: the same however the path was spelled and wherever pmlint ran; nil
    /// when it is not inside.
    static func relative(_ path: String, to root: String) -> String? {
        let real = Platform.realPath(path) ?? Platform.absolutePath(path)
        guard isInside(real, root) else { return nil }
        return real == root ? "." : String(real.dropFirst(root.hasSuffix("/") ? root.count : root.count + 1))
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
