/// What pmlint may read. A pull request can change every file pmlint reads, so: only regular
/// files (a FIFO would hang the run, a device would never end), at most `maxFileSize` bytes
/// of each, and never a file reached through a symbolic link that leads out of the repository
/// (a committed `plan.yaml` linked to a secrets file would print its lines as source
/// snippets), unless the user allows it.
public struct FileAccess: Sendable {
    /// `--allow-outside`: follow symbolic links wherever they lead.
    public var allowOutside: Bool
    public var maxFileSize: Int

    public init(allowOutside: Bool = false, maxFileSize: Int? = nil) {
        self.allowOutside = allowOutside
        self.maxFileSize = maxFileSize ?? YAMLLimits().maxFileSize
    }

    /// Reads `path`, a file of the repository at `root` (default: the repository `path` is in).
    func read(_ path: String, root: String? = nil) throws(UsageError) -> [UInt8] {
        try confine(path, to: root ?? FileAccess.repositoryRoot(of: path))
        return try Platform.readRegularFile(path, limit: maxFileSize)
    }

    /// Refuses a path that leads, through a symbolic link, to a place outside `root`. A path
    /// that is outside without a link in it is where the user pointed, and is allowed.
    func confine(_ path: String, to root: String) throws(UsageError) {
        guard !allowOutside, let real = Platform.realPath(path) else { return }
        if real == Platform.absolutePath(path) || FileAccess.isInside(real, root) { return }
        throw UsageError("\(path): a symbolic link that leads outside the repository; pmlint does not follow it (--allow-outside allows it)")
    }

    /// Refuses a folder (a team's rule folder) that is not inside `root`, by the way it is
    /// written or by where its links lead.
    func requireInside(_ folder: String, root: String) throws(UsageError) {
        guard !allowOutside else { return }
        guard FileAccess.isInside(Platform.realPath(folder) ?? Platform.absolutePath(folder), root) else {
            throw UsageError("\(folder): outside the repository; a configuration's rule folders must be inside it (--allow-outside allows it)")
        }
    }

    /// The repository a path is in, with its links resolved: the nearest folder at or above it
    /// that holds `.git`; without one, `fallback` (the folder named on the command line), else
    /// the current folder.
    static func repositoryRoot(of path: String, fallback: String? = nil) -> String {
        var folder = Platform.absolutePath(path)
        if Platform.target(at: folder) != .directory { folder = Platform.deletingLastPathComponent(folder) }
        var candidate = folder
        while true {
            if Platform.target(at: Platform.appendingPathComponent(candidate, ".git")) != .none {
                return Platform.realPath(candidate) ?? candidate
            }
            if candidate == "/" || candidate.isEmpty { break }
            candidate = Platform.deletingLastPathComponent(candidate)
        }
        let chosen = fallback.map(Platform.absolutePath) ?? Platform.absolutePath(".")
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
