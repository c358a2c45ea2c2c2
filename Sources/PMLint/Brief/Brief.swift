/// What to raise or fix before meeting the client, for one project: health per category, the
/// open items, what the last status report promised, what is due soon, and an agenda.
public struct Brief: Sendable {
    public enum Status: String, Sendable {
        case green, amber, red
    }

    public struct Health: Sendable {
        public var category: String
        public var errors = 0
        public var warnings = 0
        public var infos = 0

        /// Red: an error, or three warnings or more. Amber: a warning. Green: otherwise.
        public var status: Status {
            if errors > 0 || warnings >= 3 { return .red }
            return warnings > 0 ? .amber : .green
        }
    }

    /// One line of the brief: what, when, and where it is written.
    public struct Line: Sendable {
        public var text: String
        public var detail: LocalizedText
        public var date: Day?
    }

    public struct Promise: Sendable {
        public var text: String
        /// The entry that shows it done, when the log has one.
        public var doneOn: Day?
    }

    public var path: String
    public var name: String
    public var client: String
    public var asOf: Day
    public var reportedHealth: String?
    public var health: [Health]
    public var findings: Int
    public var conflicts: [Line] = []
    public var changes: [Line] = []
    public var overdueActions: [Line] = []
    public var overdueMilestones: [Line] = []
    public var risksToShare: [Line] = []
    public var lastReport: Day?
    public var promises: [Promise] = []
    public var helpNeeded: [String] = []
    public var upcoming: [Line] = []
    public var agenda: [LocalizedText] = []
    public var coaching: [LocalizedText] = []
    public var timeline: Timeline
}

/// The client touchpoints over time, lane by lane, with the gaps in each cadence.
public struct Timeline: Sendable {
    public enum Kind: String, Sendable {
        case report, meeting, conflict, milestone
    }

    public struct Point: Sendable {
        public var day: Day
        public var label: String
        /// open conflict, overdue milestone: drawn as alarms.
        public var alarm: Bool
        /// a milestone not reached yet is drawn hollow.
        public var pending: Bool
    }

    public struct Lane: Sendable {
        public var kind: Kind
        public var title: LocalizedText
        public var points: [Point]
        /// Stretches longer than the cadence allows, with nothing in the lane.
        public var gaps: [(from: Day, to: Day)]
    }

    public var start: Day
    public var end: Day
    public var asOf: Day
    public var lanes: [Lane]
}
