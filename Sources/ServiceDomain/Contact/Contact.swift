public import Foundation

/// One contact offered to a queue on a live channel (a call, a chat): when it arrived and what became of it.
///
/// A contact is *queued* (still waiting when the data was taken), *answered* by an agent, or *abandoned* by the
/// customer before an answer. Answered contacts carry talk, hold and wrap-up (after-contact work) durations.
///
/// JSON form:
/// ```json
/// {"id": "K-88", "channel": "phone", "queue": "billing", "offeredAt": "2026-11-23T09:00:05Z",
///  "outcome": "answered", "answeredAt": "2026-11-23T09:00:31Z", "agent": "A-7",
///  "talkTime": 312, "holdTime": 20, "wrapUpTime": 45}
/// {"id": "K-89", "channel": "phone", "offeredAt": "2026-11-23T09:01:00Z",
///  "outcome": "abandoned", "abandonedAt": "2026-11-23T09:01:42Z"}
/// ```
/// Durations are in seconds.
public struct Contact: Sendable, Hashable, Codable, Identifiable {
    /// The contact's identifier.
    public let id: ContactID
    /// The channel.
    public let channel: Channel
    /// The queue (skill, line, service) it was offered to; may be empty.
    public let queue: String
    /// When it entered the queue.
    public let offeredAt: Date
    /// What became of it.
    public let outcome: Outcome
    /// Seconds spent talking (or chatting) with the customer; zero unless answered.
    public let talkTime: TimeInterval
    /// Seconds the customer was on hold after the answer; zero unless answered.
    public let holdTime: TimeInterval
    /// Seconds of after-contact work; zero unless answered.
    public let wrapUpTime: TimeInterval

    /// What became of a contact.
    public enum Outcome: Sendable, Hashable {
        /// Still waiting when the data was taken.
        case queued
        /// Answered at an instant, by an agent if known.
        case answered(at: Date, agent: AgentID?)
        /// Given up by the customer at an instant.
        case abandoned(at: Date)
    }

    /// Creates a contact, checking its instants and durations.
    ///
    /// - Parameters:
    ///   - id: The identifier; not empty.
    ///   - channel: The channel.
    ///   - queue: The queue it was offered to.
    ///   - offeredAt: When it entered the queue.
    ///   - outcome: What became of it.
    ///   - talkTime: Seconds of talk; finite, not negative, zero unless answered.
    ///   - holdTime: Seconds of hold; as `talkTime`.
    ///   - wrapUpTime: Seconds of after-contact work; as `talkTime`.
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` for an instant or duration that is not finite,
    ///   ``ServiceDomainError/Code/outOfRange`` for a negative duration, ``ServiceDomainError/Code/eventsOutOfOrder``
    ///   (path `answeredAt` or `abandonedAt`) for an outcome before the offer, ``ServiceDomainError/Code/inconsistent``
    ///   for handling time on a contact that was not answered, and ``ServiceDomainError/Code/empty`` for an empty
    ///   identifier.
    public init(
        id: ContactID,
        channel: Channel,
        queue: String = "",
        offeredAt: Date,
        outcome: Outcome,
        talkTime: TimeInterval = 0,
        holdTime: TimeInterval = 0,
        wrapUpTime: TimeInterval = 0
    ) throws(ServiceDomainError) {
        guard !id.rawValue.isEmpty else { throw ServiceDomainError(.empty, at: "id", "a contact needs an identifier") }
        guard offeredAt.timeIntervalSince1970.isFinite else {
            throw ServiceDomainError(.nonFinite, at: "offeredAt", "the offer instant is not finite")
        }
        switch outcome {
        case .queued: break
        case .answered(let at, _):
            try Contact.checkAfterOffer(at, offeredAt, path: "answeredAt")
        case .abandoned(let at):
            try Contact.checkAfterOffer(at, offeredAt, path: "abandonedAt")
        }
        let answered: Bool
        if case .answered = outcome { answered = true } else { answered = false }
        for (value, path) in [(talkTime, "talkTime"), (holdTime, "holdTime"), (wrapUpTime, "wrapUpTime")] {
            guard value.isFinite else { throw ServiceDomainError(.nonFinite, at: path, "\(path) must be finite") }
            guard value >= 0 else { throw ServiceDomainError(.outOfRange, at: path, "\(path) cannot be negative") }
            guard value == 0 || answered else {
                throw ServiceDomainError(.inconsistent, at: path, "only an answered contact has \(path)")
            }
        }
        self.id = id
        self.channel = channel
        self.queue = queue
        self.offeredAt = offeredAt
        self.outcome = outcome
        self.talkTime = talkTime
        self.holdTime = holdTime
        self.wrapUpTime = wrapUpTime
    }

    private static func checkAfterOffer(_ at: Date, _ offeredAt: Date, path: String) throws(ServiceDomainError) {
        guard at.timeIntervalSince1970.isFinite else {
            throw ServiceDomainError(.nonFinite, at: path, "the instant is not finite")
        }
        guard at >= offeredAt else {
            throw ServiceDomainError(
                .eventsOutOfOrder,
                at: path,
                "\(InstantCoding.string(from: at)) is before the offer at \(InstantCoding.string(from: offeredAt))"
            )
        }
    }

    /// Seconds from the offer to the answer or the abandonment; `nil` while queued.
    public var waitTime: TimeInterval? {
        switch outcome {
        case .queued: nil
        case .answered(let at, _), .abandoned(let at): at.timeIntervalSince(offeredAt)
        }
    }

    /// Talk + hold + wrap-up, in seconds: the agent time the contact took.
    public var handleTime: TimeInterval { talkTime + holdTime + wrapUpTime }

    /// Whether the contact was answered.
    public var isAnswered: Bool {
        if case .answered = outcome { return true }
        return false
    }

    /// Whether the contact was abandoned.
    public var isAbandoned: Bool {
        if case .abandoned = outcome { return true }
        return false
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case channel
        case queue
        case offeredAt
        case outcome
        case answeredAt
        case abandonedAt
        case agent
        case talkTime
        case holdTime
        case wrapUpTime
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .outcome)
        let outcome: Outcome
        switch kind {
        case "queued": outcome = .queued
        case "answered":
            outcome = .answered(
                at: try container.decodeInstant(forKey: .answeredAt),
                agent: try container.decodeIfPresent(AgentID.self, forKey: .agent)
            )
        case "abandoned": outcome = .abandoned(at: try container.decodeInstant(forKey: .abandonedAt))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .outcome,
                in: container,
                debugDescription: "outcome must be queued, answered or abandoned, not \"\(kind)\""
            )
        }
        if kind != "answered", container.contains(.answeredAt) {
            throw DecodingError.dataCorruptedError(
                forKey: .answeredAt,
                in: container,
                debugDescription: "a contact that was \(kind) has no answeredAt"
            )
        }
        if kind != "abandoned", container.contains(.abandonedAt) {
            throw DecodingError.dataCorruptedError(
                forKey: .abandonedAt,
                in: container,
                debugDescription: "a contact that was \(kind) has no abandonedAt"
            )
        }
        do {
            try self.init(
                id: container.decode(ContactID.self, forKey: .id),
                channel: container.decode(Channel.self, forKey: .channel),
                queue: container.decodeIfPresent(String.self, forKey: .queue) ?? "",
                offeredAt: container.decodeInstant(forKey: .offeredAt),
                outcome: outcome,
                talkTime: container.decodeIfPresent(Double.self, forKey: .talkTime) ?? 0,
                holdTime: container.decodeIfPresent(Double.self, forKey: .holdTime) ?? 0,
                wrapUpTime: container.decodeIfPresent(Double.self, forKey: .wrapUpTime) ?? 0
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
        if !queue.isEmpty { try container.encode(queue, forKey: .queue) }
        try container.encodeInstant(offeredAt, forKey: .offeredAt)
        switch outcome {
        case .queued: try container.encode("queued", forKey: .outcome)
        case .answered(let at, let agent):
            try container.encode("answered", forKey: .outcome)
            try container.encodeInstant(at, forKey: .answeredAt)
            try container.encodeIfPresent(agent, forKey: .agent)
            try container.encode(talkTime, forKey: .talkTime)
            try container.encode(holdTime, forKey: .holdTime)
            try container.encode(wrapUpTime, forKey: .wrapUpTime)
        case .abandoned(let at):
            try container.encode("abandoned", forKey: .outcome)
            try container.encodeInstant(at, forKey: .abandonedAt)
        }
    }
}
