public import Foundation

/// A customer's matter — a ticket — with its timeline of events.
///
/// A case is valid by construction: its timeline starts with exactly one ``CaseEvent/Kind/created`` event, events are
/// in time order (ties keep their given order), no event precedes the creation, event identifiers are unique, and a
/// case is only reopened when it is solved or closed. The derived ``facts`` are computed once, when the case is made.
///
/// JSON form:
/// ```json
/// {"id": "C-1042", "channel": "email", "priority": "high", "team": "billing", "tags": ["refund"],
///  "customer": {"id": "K-17", "role": "consumer"},
///  "events": [{"id": "e1", "at": "2026-11-23T09:14:00Z", "type": "created"}, …]}
/// ```
/// `customer`, `team` and `tags` are optional. Derived facts are not stored.
public struct Case: Sendable, Hashable, Codable, Identifiable {
    /// The case's identifier.
    @inlinable public var id: CaseID { storage.id }
    /// The channel the case came in through.
    @inlinable public var channel: Channel { storage.channel }
    /// The priority at creation; ``CaseFacts/priority`` is the current one.
    @inlinable public var priority: Priority { storage.priority }
    /// Who raised it, when known.
    @inlinable public var customer: Customer? { storage.customer }
    /// The team that owns it at creation, if any; ``CaseFacts/team`` is the current one.
    @inlinable public var team: TeamID? { storage.team }
    /// Free-form tags.
    @inlinable public var tags: Set<String> { storage.tags }
    /// The timeline, in time order.
    @inlinable public var events: [CaseEvent] { storage.events }
    /// Facts derived from the timeline.
    @inlinable public var facts: CaseFacts { storage.facts }

    /// The fields, in one immutable shared reference: a case is copied into arrays, folds and evaluators many times,
    /// and each copy costs one retain instead of one per field.
    /// (Inlinable accessors let callers in other modules read one field of the storage without copying the rest.)
    @usableFromInline let storage: Storage

    @usableFromInline final class Storage: Sendable {
        @usableFromInline let id: CaseID
        @usableFromInline let channel: Channel
        @usableFromInline let priority: Priority
        @usableFromInline let customer: Customer?
        @usableFromInline let team: TeamID?
        @usableFromInline let tags: Set<String>
        @usableFromInline let events: [CaseEvent]
        @usableFromInline let facts: CaseFacts

        init(
            id: CaseID,
            channel: Channel,
            priority: Priority,
            customer: Customer?,
            team: TeamID?,
            tags: Set<String>,
            events: [CaseEvent],
            facts: CaseFacts
        ) {
            self.id = id
            self.channel = channel
            self.priority = priority
            self.customer = customer
            self.team = team
            self.tags = tags
            self.events = events
            self.facts = facts
        }
    }

    /// Creates a case, checking its timeline.
    ///
    /// - Parameters:
    ///   - id: The case's identifier; not empty.
    ///   - channel: The channel it came in through.
    ///   - priority: The priority at creation.
    ///   - customer: Who raised it.
    ///   - team: The owning team at creation.
    ///   - tags: Free-form tags.
    ///   - events: The timeline, in time order, starting with the creation.
    /// - Throws: A ``ServiceDomainError`` whose path names the offending event (`events[3]`):
    ///   ``ServiceDomainError/Code/missingCreation`` when there is no creation event or more than one,
    ///   ``ServiceDomainError/Code/eventBeforeCreation`` for an event earlier than the creation,
    ///   ``ServiceDomainError/Code/eventsOutOfOrder`` for an event earlier than the one before it,
    ///   ``ServiceDomainError/Code/duplicateIdentifier`` for a repeated event identifier,
    ///   ``ServiceDomainError/Code/nonFinite`` for an event whose instant is not finite,
    ///   ``ServiceDomainError/Code/invalidTransition`` for reopening a case that is not solved or closed, and
    ///   ``ServiceDomainError/Code/empty`` (path `id`) for an empty identifier.
    public init(
        id: CaseID,
        channel: Channel,
        priority: Priority = .normal,
        customer: Customer? = nil,
        team: TeamID? = nil,
        tags: Set<String> = [],
        events: [CaseEvent]
    ) throws(ServiceDomainError) {
        guard !id.rawValue.isEmpty else { throw ServiceDomainError(.empty, at: "id", "a case needs an identifier") }
        try Case.validate(events)
        self.storage = Storage(
            id: id,
            channel: channel,
            priority: priority,
            customer: customer,
            team: team,
            tags: tags,
            events: events,
            facts: try CaseFacts(events: events, priority: priority, team: team)
        )
    }

    /// Whether two cases have the same fields (their facts follow from them).
    ///
    /// - Parameters:
    ///   - lhs: A case.
    ///   - rhs: Another case.
    /// - Returns: Whether they are equal.
    public static func == (lhs: Case, rhs: Case) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.id == rhs.id && lhs.channel == rhs.channel && lhs.priority == rhs.priority
            && lhs.customer == rhs.customer && lhs.team == rhs.team && lhs.tags == rhs.tags && lhs.events == rhs.events
    }

    /// Hashes the fields that equality compares.
    ///
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(channel)
        hasher.combine(priority)
        hasher.combine(customer)
        hasher.combine(team)
        hasher.combine(tags)
        hasher.combine(events)
    }

    /// Creates a case from events in any order, sorting them by time first (events at the same instant keep their
    /// given order, except that the creation comes first).
    ///
    /// Use it for exports that do not guarantee order; the other checks of
    /// ``init(id:channel:priority:customer:team:tags:events:)`` still apply, and error paths name positions in the
    /// sorted timeline.
    ///
    /// - Parameters:
    ///   - id: The case's identifier.
    ///   - channel: The channel it came in through.
    ///   - priority: The priority at creation.
    ///   - customer: Who raised it.
    ///   - team: The owning team at creation.
    ///   - tags: Free-form tags.
    ///   - unorderedEvents: The timeline in any order.
    /// - Throws: The errors of ``init(id:channel:priority:customer:team:tags:events:)``, and
    ///   ``ServiceDomainError/Code/nonFinite`` for an instant that cannot be sorted.
    public init(
        id: CaseID,
        channel: Channel,
        priority: Priority = .normal,
        customer: Customer? = nil,
        team: TeamID? = nil,
        tags: Set<String> = [],
        sorting unorderedEvents: [CaseEvent]
    ) throws(ServiceDomainError) {
        for (position, event) in unorderedEvents.enumerated() where !event.at.timeIntervalSince1970.isFinite {
            throw ServiceDomainError(.nonFinite, at: "events[\(position)].at", "the event's instant is not finite")
        }
        let sorted = unorderedEvents.enumerated().sorted { lhs, rhs in
            if lhs.element.at != rhs.element.at { return lhs.element.at < rhs.element.at }
            let lhsCreated = lhs.element.kind == .created
            let rhsCreated = rhs.element.kind == .created
            if lhsCreated != rhsCreated { return lhsCreated }
            return lhs.offset < rhs.offset
        }.map(\.element)
        try self.init(
            id: id,
            channel: channel,
            priority: priority,
            customer: customer,
            team: team,
            tags: tags,
            events: sorted
        )
    }

    /// When the case was created.
    @inlinable public var createdAt: Date { storage.facts.createdAt }

    /// The case as it stood at an instant: the same fields, its timeline up to and including `instant`.
    ///
    /// Replaying history (a monitor, an evaluation at a past instant) sees what a live system saw then; the case
    /// itself when no event is later.
    ///
    /// - Parameter instant: The instant; not before the case's creation.
    /// - Returns: The case as of `instant`.
    /// - Throws: ``ServiceDomainError/Code/missingCreation`` when `instant` precedes the creation.
    public func asOf(_ instant: Date) throws(ServiceDomainError) -> Case {
        guard storage.facts.lastEventAt > instant else { return self }
        return try Case(
            id: id,
            channel: channel,
            priority: priority,
            customer: customer,
            team: team,
            tags: tags,
            events: events.filter { $0.at <= instant }
        )
    }

    private static func validate(_ events: [CaseEvent]) throws(ServiceDomainError) {
        guard !events.isEmpty else {
            throw ServiceDomainError(.missingCreation, at: "events", "a case needs a creation event")
        }
        var identifiers: Set<CaseEventID> = []
        identifiers.reserveCapacity(events.count)  // no rehashing while checking for duplicates
        var creation: Int?
        for (position, event) in events.enumerated() {
            guard event.at.timeIntervalSince1970.isFinite else {
                throw ServiceDomainError(.nonFinite, at: "events[\(position)].at", "the event's instant is not finite")
            }
            guard identifiers.insert(event.id).inserted else {
                throw ServiceDomainError(
                    .duplicateIdentifier,
                    at: "events[\(position)]",
                    "event identifier \"\(event.id)\" appears twice"
                )
            }
            if event.kind == .created {
                if creation != nil {
                    throw ServiceDomainError(
                        .missingCreation,
                        at: "events[\(position)]",
                        "a case has exactly one creation event; \"\(event.id)\" is a second"
                    )
                }
                creation = position
            }
        }
        guard let creation else {
            throw ServiceDomainError(.missingCreation, at: "events", "no event of type created")
        }
        let createdAt = events[creation].at
        for position in 0..<creation {
            if events[position].at < createdAt {
                throw ServiceDomainError(
                    .eventBeforeCreation,
                    at: "events[\(position)]",
                    "\"\(events[position].id)\" at \(InstantCoding.string(from: events[position].at)) precedes the "
                        + "creation at \(InstantCoding.string(from: createdAt))"
                )
            }
            throw ServiceDomainError(
                .eventsOutOfOrder,
                at: "events[\(position)]",
                "\"\(events[position].id)\" is listed before the creation event; the creation comes first"
            )
        }
        for position in events.indices.dropFirst() where events[position].at < events[position - 1].at {
            throw ServiceDomainError(
                .eventsOutOfOrder,
                at: "events[\(position)]",
                "\"\(events[position].id)\" at \(InstantCoding.string(from: events[position].at)) is earlier than "
                    + "\"\(events[position - 1].id)\" before it"
            )
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case channel
        case priority
        case customer
        case team
        case tags
        case events
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                id: container.decode(CaseID.self, forKey: .id),
                channel: container.decode(Channel.self, forKey: .channel),
                priority: container.decodeIfPresent(Priority.self, forKey: .priority) ?? .normal,
                customer: container.decodeIfPresent(Customer.self, forKey: .customer),
                team: container.decodeIfPresent(TeamID.self, forKey: .team),
                tags: container.decodeIfPresent(Set<String>.self, forKey: .tags) ?? [],
                events: container.decode([CaseEvent].self, forKey: .events)
            )
        } catch let error as ServiceDomainError {
            throw DecodingError.invalid(error, codingPath: container.codingPath)
        }
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(channel, forKey: .channel)
        try container.encode(priority, forKey: .priority)
        try container.encodeIfPresent(customer, forKey: .customer)
        try container.encodeIfPresent(team, forKey: .team)
        if !tags.isEmpty { try container.encode(tags.sorted(), forKey: .tags) }
        try container.encode(events, forKey: .events)
    }
}
