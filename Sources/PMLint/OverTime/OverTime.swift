/// What a project's findings do over time, from the same rules on the same parsed files: what
/// falls due ahead of as-of, and the health at each step of the project's life.
///
/// A deadline is not computed here: the rules decide, day by day, what they report. An item is
/// due on day D when `check` would not report it as of D and would as of D + 1 with nothing
/// logged in between, so `due` and `check` can never disagree, for built-in and user rules alike.

/// What must happen by a date for a finding not to be reported: the finding `check` will give
/// the day after.
public struct DueItem: Sendable {
    /// The finding as `check` reports it the day after `due`, if nothing happens.
    public var finding: ReportedFinding
    /// The last day to act. nil for a late item reported already before the horizon began.
    public var due: Day?
    /// Days from as-of to `due`: 0 today, negative when late.
    public var daysLeft: Int?

    /// Past its day, or late since before the horizon began.
    public var isLate: Bool { daysLeft.map { $0 < 0 } ?? true }
}

/// The findings of one step of a project's life, per category.
public struct TrendPoint: Sendable {
    public var day: Day
    var health: [Brief.Health]
    /// The files of this step were not there yet (`--history git`): the project did not exist.
    public var missing = false

    public var findings: Int { health.counts.errors + health.counts.warnings + health.counts.infos }
}

/// A project's findings over its life, with its milestones to draw them against.
public struct Trend: Sendable {
    public var points: [TrendPoint]
    var milestones: [(day: Day, name: String)]
}

/// How `trend` reads each step's files.
public enum TrendHistory: String, Sendable, CaseIterable {
    /// Today's plan and log at every step.
    case files
    /// Plan and log as committed at each step's date.
    case git
}

/// What a check is asked to look at besides as-of.
public struct TimeOptions: Sendable {
    /// List what falls due within this many days after as-of (`due`, the brief).
    public var dueWithin: Int?
    /// Also list what is late already, found within the same number of days back.
    public var includeLate = false
    /// Check at every step of this span from the project's start to as-of (`trend`).
    public var trendEvery: Duration?
    public var history: TrendHistory = .files
    /// Only the last steps of the trend (the portfolio's trend line).
    public var trendSteps: Int?
    /// The trend only when there are several projects (the portfolio shows it, one brief does not).
    public var trendOnlyOverSeveral = false

    public init() {}
}

extension Duration {
    /// `14d`, `2w`, `1mo` for a command-line option.
    public static func option(_ text: String) -> Duration? {
        guard let duration = Duration(parsing: text), duration.count > 0, duration.unit != .workingDays else { return nil }
        return duration
    }

    public var days: Int { approximateDays }
}

/// The days of a project's life from its start to as-of, every `step`, as-of last.
func trendDays(from start: Day, to asOf: Day, every step: Duration) -> [Day] {
    guard start <= asOf else { return [asOf] }
    var days: [Day] = []
    var day = start
    while day < asOf, days.count < 2000 {
        days.append(day)
        day = step.added(to: day)
    }
    days.append(asOf)
    return days
}
