/// A project's plan and log as committed at a date, read with `git` (a program pmlint runs,
/// never a shell): for `trend --history git`, so edits made later do not rewrite the past.
struct GitHistory: Sendable {
    let location: ProjectLocation
    let limits: YAMLLimits

    /// git, told to run nothing of the repository's own: no fsmonitor, no pager, no hooks.
    /// No prompt for credentials and no fetch of missing objects from a remote: a step reads
    /// what the clone holds, or nothing.
    private func git(_ arguments: [String]) -> Platform.ProgramOutput? {
        Platform.run(["git", "-c", "core.fsmonitor=false", "--no-pager", "-C", location.root] + arguments,
                     environment: ["GIT_TERMINAL_PROMPT": "0", "GIT_NO_LAZY_FETCH": "1", "GIT_OPTIONAL_LOCKS": "0"],
                     limit: limits.maxFileSize)
    }

    /// Why the history cannot be read, or nil when it can.
    func problem() -> String? {
        guard let head = git(["rev-parse", "--verify", "--quiet", "HEAD"]) else {
            return "git could not be run: --history git needs git on the PATH"
        }
        guard head.status == 0 else {
            return "\(location.root) is not a git repository with commits (`git rev-parse HEAD` fails there)"
        }
        if let shallow = git(["rev-parse", "--is-shallow-repository"]), String(decoding: shallow.output, as: UTF8.self).hasPrefix("true") {
            return "\(location.root) is a shallow clone, which lacks the history; fetch it all (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)"
        }
        return nil
    }

    /// The commit the repository was at by the end of `day`, along the main line of history
    /// (a branch merged later counts from its merge); nil before the first.
    func commit(asOf day: Day) -> String? {
        guard let commitOutput = git(["rev-list", "-1", "--first-parent", "--before=\(day)T23:59:59", "HEAD"]), commitOutput.status == 0 else { return nil }
        let commit = String(decoding: commitOutput.output.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        return commit.count >= 40 && commit.allSatisfy(\.isHexDigit) ? commit : nil
    }

    /// The project as committed in `commit`, read as of `day`; nil when its plan was not
    /// committed yet (or a file is larger than the limit).
    func project(at commit: String, asOf day: Day) -> Project? {
        func committed(_ path: String) -> [UInt8]? {
            guard let relative = FileAccess.relative(path, to: location.root),
                  let shown = git(["cat-file", "blob", "\(commit):\(relative)"]), shown.status == 0, !shown.truncated else { return nil }
            return shown.output
        }
        guard let plan = committed(location.plan) else { return nil }
        let log = location.log.flatMap { path in committed(path).map { SourceFile(path: path, bytes: $0, limits: limits) } }
        return Project(location: location, planFile: SourceFile(path: location.plan, bytes: plan, limits: limits),
                       logFile: log, asOf: day)
    }
}
