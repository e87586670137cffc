public import Foundation

/// Where a case stands.
///
/// A closed set, the statuses helpdesks share.
public enum CaseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Created, not yet worked on.
    case new
    /// Being worked on by the organisation.
    case open
    /// Waiting for the customer.
    case pending
    /// Waiting for a third party or another team.
    case onHold
    /// Resolved; the customer may still reply and reopen it.
    case solved
    /// Finished for good.
    case closed

    /// Whether the case counts as resolved (solved or closed).
    public var isResolved: Bool { self == .solved || self == .closed }
}

/// One thing that happened to a case, at an instant.
///
/// JSON form: flat, with a `type` and the payload of that type:
/// ```json
/// {"id": "e1", "at": "2026-11-23T09:14:00Z", "type": "created"}
/// {"id": "e2", "at": "2026-11-23T09:20:00Z", "type": "assigned", "agent": "A-7", "team": "billing"}
/// {"id": "e3", "at": "2026-11-23T10:02:00Z", "type": "agentReply", "agent": "A-7"}
/// {"id": "e4", "at": "2026-11-23T10:03:00Z", "type": "statusChanged", "status": "pending"}
/// ```
/// Types: `created`, `assigned`, `agentReply` (public), `internalNote`, `customerReply`, `statusChanged`,
/// `priorityChanged`, `escalated`, `reopened`. An instant an import computed rather than read carries
/// `"derivedFrom": "created + First reply time in minutes"`.
public struct CaseEvent: Sendable, Hashable, Codable, Identifiable {
    /// The event's identifier, unique within its case.
    public var id: CaseEventID
    /// When it happened.
    public var at: Date
    /// What happened.
    public var kind: Kind
    /// Where the instant came from when it was not recorded but computed, as an import does from a duration column
    /// ("created + First reply time in minutes"); `nil` for a recorded instant.
    public var derivedFrom: String?

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - id: The event's identifier, unique within its case.
    ///   - at: When it happened.
    ///   - kind: What happened.
    ///   - derivedFrom: How the instant was computed, when it was not recorded.
    public init(id: CaseEventID, at: Date, kind: Kind, derivedFrom: String? = nil) {
        self.id = id
        self.at = at
        self.kind = kind
        self.derivedFrom = derivedFrom
    }

    /// What happened to a case.
    public enum Kind: Sendable, Hashable {
        /// The case was opened by or for the customer; every case has exactly one, first.
        case created
        /// The case was given to an agent and/or a team.
        case assigned(agent: AgentID?, team: TeamID?)
        /// An agent replied to the customer in public.
        case agentReply(agent: AgentID?)
        /// An agent added a note the customer does not see.
        case internalNote(agent: AgentID?)
        /// The customer wrote.
        case customerReply
        /// The status changed.
        case statusChanged(CaseStatus)
        /// The priority changed.
        case priorityChanged(Priority)
        /// The case was escalated, to a team if given.
        case escalated(team: TeamID?)
        /// A solved or closed case was opened again; its status becomes open.
        case reopened
        /// The case moved to another business calendar (schedule), such as another group's hours: business time is
        /// counted on this calendar from the event on, for targets on the case's schedule.
        case scheduleChanged(CalendarID)

        /// The stable name used as `type` in JSON.
        public var typeName: String {
            switch self {
            case .created: "created"
            case .assigned: "assigned"
            case .agentReply: "agentReply"
            case .internalNote: "internalNote"
            case .customerReply: "customerReply"
            case .statusChanged: "statusChanged"
            case .priorityChanged: "priorityChanged"
            case .escalated: "escalated"
            case .reopened: "reopened"
            case .scheduleChanged: "scheduleChanged"
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case at
        case type
        case agent
        case team
        case status
        case priority
        case calendar
        case derivedFrom
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(CaseEventID.self, forKey: .id)
        at = try container.decodeInstant(forKey: .at)
        derivedFrom = try container.decodeIfPresent(String.self, forKey: .derivedFrom)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "created": kind = .created
        case "assigned":
            kind = .assigned(
                agent: try container.decodeIfPresent(AgentID.self, forKey: .agent),
                team: try container.decodeIfPresent(TeamID.self, forKey: .team)
            )
        case "agentReply": kind = .agentReply(agent: try container.decodeIfPresent(AgentID.self, forKey: .agent))
        case "internalNote": kind = .internalNote(agent: try container.decodeIfPresent(AgentID.self, forKey: .agent))
        case "customerReply": kind = .customerReply
        case "statusChanged": kind = .statusChanged(try container.decode(CaseStatus.self, forKey: .status))
        case "priorityChanged": kind = .priorityChanged(try container.decode(Priority.self, forKey: .priority))
        case "escalated": kind = .escalated(team: try container.decodeIfPresent(TeamID.self, forKey: .team))
        case "reopened": kind = .reopened
        case "scheduleChanged": kind = .scheduleChanged(try container.decode(CalendarID.self, forKey: .calendar))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type,
                in: container,
                debugDescription: "unknown event type \"\(type)\""
            )
        }
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeInstant(at, forKey: .at)
        try container.encode(kind.typeName, forKey: .type)
        try container.encodeIfPresent(derivedFrom, forKey: .derivedFrom)
        switch kind {
        case .created, .customerReply, .reopened: break
        case .assigned(let agent, let team):
            try container.encodeIfPresent(agent, forKey: .agent)
            try container.encodeIfPresent(team, forKey: .team)
        case .agentReply(let agent), .internalNote(let agent): try container.encodeIfPresent(agent, forKey: .agent)
        case .statusChanged(let status): try container.encode(status, forKey: .status)
        case .priorityChanged(let priority): try container.encode(priority, forKey: .priority)
        case .escalated(let team): try container.encodeIfPresent(team, forKey: .team)
        case .scheduleChanged(let calendar): try container.encode(calendar, forKey: .calendar)
        }
    }
}
