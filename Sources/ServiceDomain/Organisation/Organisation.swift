/// An organisation that serves customers: a company, a council, a charity, a co-operative.
///
/// JSON form: `{"id": "acme", "name": "Acme Housing", "sector": "public", "profile": {…}}` (`profile` optional).
public struct Organisation: Sendable, Hashable, Codable, Identifiable {
    /// The organisation's identifier.
    public var id: OrganisationID
    /// Its name.
    public var name: String
    /// Its sector.
    public var sector: Sector
    /// How its service is designed (the seven design factors), when known.
    public var profile: ServiceProfile?

    /// Creates an organisation.
    ///
    /// - Parameters:
    ///   - id: The identifier; not empty.
    ///   - name: The name.
    ///   - sector: The sector.
    ///   - profile: The service-design profile, if known.
    /// - Throws: ``ServiceDomainError/Code/empty`` (path `id`) for an empty identifier.
    public init(id: OrganisationID, name: String, sector: Sector, profile: ServiceProfile? = nil)
        throws(ServiceDomainError)
    {
        guard !id.rawValue.isEmpty else {
            throw ServiceDomainError(.empty, at: "id", "an organisation needs an identifier")
        }
        self.id = id
        self.name = name
        self.sector = sector
        self.profile = profile
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case name
        case sector
        case profile
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                id: container.decode(OrganisationID.self, forKey: .id),
                name: container.decode(String.self, forKey: .name),
                sector: container.decode(Sector.self, forKey: .sector),
                profile: container.decodeIfPresent(ServiceProfile.self, forKey: .profile)
            )
        } catch let error as ServiceDomainError {
            throw DecodingError.invalid(error, codingPath: container.codingPath)
        }
    }
}

/// Someone who serves customers.
///
/// JSON form: `{"id": "A-7", "name": "Sam", "team": "billing", "channels": ["phone", "email"]}`.
public struct Agent: Sendable, Hashable, Codable, Identifiable {
    /// The agent's identifier.
    public var id: AgentID
    /// A display name.
    public var name: String
    /// The agent's team, if any.
    public var team: TeamID?
    /// The channels the agent works; empty means any.
    public var channels: Set<Channel>

    /// Creates an agent.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - name: A display name.
    ///   - team: The agent's team.
    ///   - channels: The channels the agent works; empty means any.
    public init(id: AgentID, name: String = "", team: TeamID? = nil, channels: Set<Channel> = []) {
        self.id = id
        self.name = name
        self.team = team
        self.channels = channels
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case name
        case team
        case channels
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(AgentID.self, forKey: .id),
            name: try container.decodeIfPresent(String.self, forKey: .name) ?? "",
            team: try container.decodeIfPresent(TeamID.self, forKey: .team),
            channels: try container.decodeIfPresent(Set<Channel>.self, forKey: .channels) ?? []
        )
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        if !name.isEmpty { try container.encode(name, forKey: .name) }
        try container.encodeIfPresent(team, forKey: .team)
        if !channels.isEmpty { try container.encode(channels.map(\.rawValue).sorted(), forKey: .channels) }
    }
}

/// A group of agents, possibly within a larger team, working to one calendar.
///
/// JSON form: `{"id": "billing", "name": "Billing", "parent": "finance", "calendar": "london"}`.
public struct Team: Sendable, Hashable, Codable, Identifiable {
    /// The team's identifier.
    public var id: TeamID
    /// A display name.
    public var name: String
    /// The enclosing team, if any.
    public var parent: TeamID?
    /// The business calendar the team works to, by identifier, if any.
    public var calendar: CalendarID?

    /// Creates a team.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - name: A display name.
    ///   - parent: The enclosing team.
    ///   - calendar: The team's business calendar.
    public init(id: TeamID, name: String = "", parent: TeamID? = nil, calendar: CalendarID? = nil) {
        self.id = id
        self.name = name
        self.parent = parent
        self.calendar = calendar
    }
}
