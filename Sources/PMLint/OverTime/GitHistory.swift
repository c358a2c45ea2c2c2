/// A project's plan and log as committed at a date, read with `git` (a program pmlint runs,
/// never a shell): for `trend --history git`, so edits made later do not rewrite the past.
struct GitHistory: Sendable {
    let location: ProjectLocation
    let limits: YAMLLimits

    /// git, told to run nothing of the repository's own: no fsmonitor, no pager, no hooks.
    private func git(_ arguments: [String]) -> Platform.ProgramOutput? {
        Platform.run(["git", "-c", "core.fsmonitor=false", "-c", "core.pager=cat", "--no-pager",
                      "-C", location.root] + arguments, limit: limits.maxFileSize + 1)
    }

    /// Why the history cannot be read, or nil when it can.
    func problem() -> String? {
        guard let head = git(["rev-parse", "--verify", "--quiet", "HEAD"]) else {
            return "git could not be run: --history git needs git on the PATH"
        }
        guard head.status == 0 else {
            let said = head.error.split(separator: "\n").first.map { ": " + $0 } ?? ""
            return "\(location.root) is not a git repository with commits\(said)"
        }
        return nil
    }

    /// The project as committed on or before the end of `day`; nil when its plan was not
    /// committed yet (or a file is larger than the limit).
    func project(asOf day: Day) -> Project? {
        guard let commitOutput = git(["rev-list", "-1", "--before=\(day)T23:59:59", "HEAD"]), commitOutput.status == 0 else { return nil }
        let commit = String(decoding: commitOutput.output.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard commit.count >= 40, commit.allSatisfy(\.isHexDigit) else { return nil }
        func committed(_ path: String) -> [UInt8]? {
            guard let relative = FileAccess.relative(path, to: location.root),
                  let shown = git(["show", "\(commit):\(relative)"]), shown.status == 0, !shown.truncated else { return nil }
            return shown.output
        }
        guard let plan = committed(location.plan) else { return nil }
        let log = location.log.flatMap { path in committed(path).map { SourceFile(path: path, bytes: $0, limits: limits) } }
        return Project(location: location, planFile: SourceFile(path: location.plan, bytes: plan, limits: limits),
                       logFile: log, asOf: day)
    }
}
