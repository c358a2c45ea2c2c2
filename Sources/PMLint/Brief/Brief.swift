/// What to raise or fix before meeting the client, for one project: health per category, the
/// open items, what the last status report promised, what is due soon, and an agenda.
public struct Brief: Sendable {
    /// The days ahead the brief lists as falling due.
    public static let dueWithin = 7

    enum Status: String, Sendable {
        case green, amber, red
    }

    struct Health: Sendable {
        var category: String
        var errors = 0
        var warnings = 0
        var infos = 0

        /// Red: an error, or three warnings or more. Amber: a warning. Green: otherwise.
        var status: Status {
            if errors > 0 || warnings >= 3 { return .red }
            return warnings > 0 ? .amber : .green
        }
    }

    /// One line of the brief: what, when, and where it is written.
    struct Line: Sendable {
        var text: String
        var detail: LocalizedText
        var date: Day?
    }

    struct Promise: Sendable {
        var text: String
        /// The entry that shows it done, when the log has one.
        var doneOn: Day?
    }

    var path: String
    var name: String
    var client: String
    var asOf: Day
    var reportedHealth: String?
    var health: [Health]
    var findings: Int
    var conflicts: [Line] = []
    var changes: [Line] = []
    var overdueActions: [Line] = []
    var overdueMilestones: [Line] = []
    var risksToShare: [Line] = []
    var lastReport: Day?
    /// When the last report's promises fall due: when the next report is due.
    var promisesDue: Day?
    var promises: [Promise] = []
    var helpNeeded: [String] = []
    var upcoming: [Line] = []
    /// What falls due in the next days and is not done yet (`pmlint due`), soonest first.
    public internal(set) var due: [DueItem] = []
    /// The findings at the last steps of the project's life, for the portfolio's trend line.
    var trend: [TrendPoint] = []

    /// The worst status of its areas.
    var status: Status { health.status }

    /// The id of its section in a page of many briefs.
    /// Readable where the path is ASCII, and unique however it is spelled: a short hash of
    /// the path follows.
    var anchor: String {
        let readable = path.unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? String(scalar).lowercased() : "-"
        }.joined()
        return "project-\(readable)-\(fingerprint(rule: "", project: path, identity: "").prefix(6))"
    }
    var agenda: [LocalizedText] = []
    var coaching: [LocalizedText] = []
    var timeline: Timeline
}

/// The client touchpoints over time, lane by lane, and the stretches with no touchpoint of any
/// kind addressed to the client for longer than 1.5 × the reporting cadence.
public struct Timeline: Sendable {
    enum Kind: String, Sendable {
        case report, meeting, conflict, milestone
    }

    struct Point: Sendable {
        var day: Day
        var label: String
        /// open conflict, overdue milestone: drawn as alarms.
        var alarm: Bool
        /// a milestone not reached yet is drawn hollow.
        var pending: Bool
    }

    struct Lane: Sendable {
        var kind: Kind
        var title: LocalizedText
        var points: [Point]
    }

    var start: Day
    var end: Day
    var asOf: Day
    var lanes: [Lane]
    /// Stretches with nothing addressed to the client, longer than the reporting cadence allows.
    var gaps: [(from: Day, to: Day)] = []
}

extension [Brief.Health] {
    /// The worst status of the areas.
    var status: Brief.Status { contains { $0.status == .red } ? .red : contains { $0.status == .amber } ? .amber : .green }

    /// The findings of all the areas, by severity.
    var counts: (errors: Int, warnings: Int, infos: Int) {
        reduce((0, 0, 0)) { ($0.0 + $1.errors, $0.1 + $1.warnings, $0.2 + $1.infos) }
    }
}
