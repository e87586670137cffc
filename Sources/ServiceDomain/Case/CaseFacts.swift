public import Foundation

/// Facts derived from a case's timeline, computed once when the case is made.
///
/// Conventions:
/// - a case starts in status `new`; only `statusChanged` and `reopened` events change the status;
/// - a *reopen* is a `reopened` event, or a status change from solved or closed to a status that is neither;
/// - ``solvedAt`` is the last time the case became solved (or closed without being solved first), and is `nil`
///   while the case is not resolved;
/// - replies count public agent replies only; internal notes are counted apart.
public struct CaseFacts: Sendable, Hashable {
    /// When the case was created.
    public let createdAt: Date
    /// The first public agent reply, if any.
    public let firstAgentReplyAt: Date?
    /// The number of public agent replies.
    public let agentReplyCount: Int
    /// The number of customer replies after creation.
    public let customerReplyCount: Int
    /// The number of internal notes.
    public let internalNoteCount: Int
    /// The current status.
    public let status: CaseStatus
    /// The first time the case was resolved, if ever.
    public let firstResolvedAt: Date?
    /// When the case last became resolved, if it is resolved now.
    public let solvedAt: Date?
    /// When the case was closed, if it is closed now.
    public let closedAt: Date?
    /// How many times the case was reopened.
    public let reopenCount: Int
    /// How many times the case was escalated.
    public let escalationCount: Int
    /// How many assignment events the case had.
    public let assignmentCount: Int
    /// The current agent, if any.
    public let assignee: AgentID?
    /// The current team, if any.
    public let team: TeamID?
    /// The current priority.
    public let priority: Priority
    /// The instant of the last event.
    public let lastEventAt: Date
    /// The status periods in order: each status, from when it began to when the next began (`nil` for the current).
    public let statusPeriods: [StatusPeriod]
    /// The timeline in compact form, for evaluators that scan many cases.
    package let compact: CompactTimeline
    /// The events after creation that changed the priority or the team, or escalated the case, in order.
    ///
    /// These are where a service-level policy is applied again. Empty (no allocation) for the usual case whose priority and team never
    /// change.
    public let targetChanges: [TargetChange]

    /// The events that moved the case to another schedule, in order (empty for most cases).
    public let scheduleChanges: [ScheduleChange]

    /// A `scheduleChanged` event: from when, and the calendar from then on.
    public struct ScheduleChange: Sendable, Hashable {
        /// The event's position in the case's events.
        public let position: Int
        /// When it happened.
        public let at: Date
        /// The calendar from then on.
        public let calendar: CalendarID
    }

    /// An event that changed the priority or the team (or both) or escalated the case, and the values from then on.
    public struct TargetChange: Sendable, Hashable {
        /// The event's position in the case's events.
        public let position: Int
        /// When it happened.
        public let at: Date
        /// The priority from then on.
        public let priority: Priority
        /// The team from then on.
        public let team: TeamID?
        /// Whether the priority changed.
        public let priorityChanged: Bool
        /// Whether the team changed.
        public let teamChanged: Bool
        /// Whether the event is an escalation.
        public let escalated: Bool
    }

    /// One stretch of a case's life in one status.
    public struct StatusPeriod: Sendable, Hashable {
        /// The status.
        public let status: CaseStatus
        /// When it began.
        public let start: Date
        /// When it ended, or `nil` if it is the current status.
        public let end: Date?
    }

    init(events: [CaseEvent], priority initialPriority: Priority, team initialTeam: TeamID?) throws(ServiceDomainError)
    {
        var firstAgentReplyAt: Date?
        var agentReplies = 0
        var customerReplies = 0
        var notes = 0
        var status = CaseStatus.new
        var firstResolvedAt: Date?
        var solvedAt: Date?
        var closedAt: Date?
        var reopens = 0
        var escalations = 0
        var assignments = 0
        var assignee: AgentID?
        var team = initialTeam
        var priority = initialPriority
        let createdAt = events[0].at
        var periods: [StatusPeriod] = []
        periods.reserveCapacity(events.count + 1)
        var periodStart = createdAt
        // The compact timeline is filled in the same walk: instants, one code per event, periods as positions.
        var instants: [Double] = []
        var codes: [UInt8] = []
        var compactPeriods: [CompactTimeline.Period] = []
        instants.reserveCapacity(events.count)
        codes.reserveCapacity(events.count)
        compactPeriods.reserveCapacity(events.count + 1)
        var periodStartPosition: Int32 = 0

        func change(to next: CaseStatus, at instant: Date, position: Int) {
            codes.append(CompactTimeline.statusBase | CompactTimeline.bit(next))
            guard next != status else { return }
            periods.append(StatusPeriod(status: status, start: periodStart, end: instant))
            compactPeriods.append((CompactTimeline.bit(status), periodStartPosition, Int32(position)))
            periodStartPosition = Int32(position)
            if status.isResolved && !next.isResolved { reopens += 1 }
            if next.isResolved && !status.isResolved {
                solvedAt = instant
                if firstResolvedAt == nil { firstResolvedAt = instant }
            }
            if !next.isResolved { solvedAt = nil }
            closedAt = next == .closed ? instant : nil
            status = next
            periodStart = instant
        }

        var targetChanges: [TargetChange] = []
        var scheduleChanges: [ScheduleChange] = []
        // Records a change of priority or team made by the event at `position`.
        func changed(from before: (Priority, TeamID?), at position: Int, _ instant: Date, escalated: Bool = false) {
            guard escalated || priority != before.0 || team != before.1 else { return }
            targetChanges.append(
                TargetChange(
                    position: position,
                    at: instant,
                    priority: priority,
                    team: team,
                    priorityChanged: priority != before.0,
                    teamChanged: team != before.1,
                    escalated: escalated
                )
            )
        }
        for (position, event) in events.enumerated() {
            instants.append(event.at.timeIntervalSince1970)
            switch event.kind {
            case .created: codes.append(CompactTimeline.created)
            case .assigned(let agent, let newTeam):
                codes.append(CompactTimeline.other)
                assignments += 1
                assignee = agent ?? assignee
                let before = (priority, team)
                team = newTeam ?? team
                changed(from: before, at: position, event.at)
            case .agentReply:
                codes.append(CompactTimeline.agentReply)
                agentReplies += 1
                if firstAgentReplyAt == nil { firstAgentReplyAt = event.at }
            case .internalNote:
                codes.append(CompactTimeline.other)
                notes += 1
            case .customerReply:
                codes.append(CompactTimeline.customerReply)
                customerReplies += 1
            case .statusChanged(let next): change(to: next, at: event.at, position: position)
            case .priorityChanged(let next):
                codes.append(CompactTimeline.other)
                let before = (priority, team)
                priority = next
                changed(from: before, at: position, event.at)
            case .escalated(let newTeam):
                codes.append(CompactTimeline.other)
                escalations += 1
                let before = (priority, team)
                team = newTeam ?? team
                changed(from: before, at: position, event.at, escalated: true)
            case .scheduleChanged(let calendar):
                codes.append(CompactTimeline.other)
                scheduleChanges.append(ScheduleChange(position: position, at: event.at, calendar: calendar))
            case .reopened:
                guard status.isResolved else {
                    throw ServiceDomainError(
                        .invalidTransition,
                        at: "events[\(position)]",
                        "\"\(event.id)\" reopens a case whose status is \(status.rawValue), not solved or closed"
                    )
                }
                change(to: .open, at: event.at, position: position)
            }
        }
        periods.append(StatusPeriod(status: status, start: periodStart, end: nil))
        compactPeriods.append((CompactTimeline.bit(status), periodStartPosition, Int32(events.count)))
        self.compact = CompactTimeline(instants: instants, codes: codes, periods: compactPeriods)

        self.createdAt = createdAt
        self.firstAgentReplyAt = firstAgentReplyAt
        self.agentReplyCount = agentReplies
        self.customerReplyCount = customerReplies
        self.internalNoteCount = notes
        self.status = status
        self.firstResolvedAt = firstResolvedAt
        self.solvedAt = solvedAt
        self.closedAt = closedAt
        self.reopenCount = reopens
        self.escalationCount = escalations
        self.assignmentCount = assignments
        self.assignee = assignee
        self.team = team
        self.priority = priority
        self.lastEventAt = events[events.count - 1].at
        self.statusPeriods = periods
        self.targetChanges = targetChanges
        self.scheduleChanges = scheduleChanges
    }
}

/// A case's timeline as plain numbers: what an evaluator needs, without strings or payloads.
package struct CompactTimeline: Sendable, Hashable {
    /// Each event's instant, seconds since 1970.
    package let instants: [Double]
    /// Each event's code (see the static members).
    package let codes: [UInt8]
    /// The status periods: the status's bit (``bit(_:)``) and the positions of the events that start and end it;
    /// the end of the current period is `instants.count` (the evaluation instant).
    package let periods: [Period]

    /// A status period: the status's bit and the positions of the events that start and end it.
    package typealias Period = (bit: UInt8, start: Int32, end: Int32)

    @inlinable @inline(__always) package static var created: UInt8 { 0 }
    @inlinable @inline(__always) package static var agentReply: UInt8 { 1 }
    @inlinable @inline(__always) package static var customerReply: UInt8 { 2 }
    @inlinable @inline(__always) package static var other: UInt8 { 3 }
    /// A status change: `statusBase | bit(status)`; a reopen is a change to open.
    @inlinable @inline(__always) package static var statusBase: UInt8 { 0x80 }

    /// A status as one bit.
    @inlinable package static func bit(_ status: CaseStatus) -> UInt8 {
        switch status {
        case .new: 1
        case .open: 2
        case .pending: 4
        case .onHold: 8
        case .solved: 16
        case .closed: 32
        }
    }

    /// The bits of the resolved statuses.
    @inlinable @inline(__always) package static var resolvedBits: UInt8 { 16 | 32 }

    package static func == (lhs: CompactTimeline, rhs: CompactTimeline) -> Bool {
        lhs.instants == rhs.instants && lhs.codes == rhs.codes
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(instants)
        hasher.combine(codes)
    }
}
