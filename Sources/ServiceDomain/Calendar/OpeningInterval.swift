/// One stretch of opening hours on a wall clock, such as 09:00–17:30, or an overnight shift such as 22:00–06:00.
///
/// An interval whose end is earlier than its start wraps past midnight into the next day: it belongs to the day on
/// which it starts, so a Monday 22:00–06:00 shift ends on Tuesday at 06:00. `24:00` is allowed as an end; `00:00–24:00`
/// is the whole day. JSON form: `{"start": "09:00", "end": "17:30"}`.
public struct OpeningInterval: Sendable, Hashable, Codable, CustomStringConvertible {
    /// When the interval opens.
    public let start: LocalTime
    /// When the interval closes; earlier than `start` for an overnight interval.
    public let end: LocalTime

    /// Creates an interval.
    ///
    /// - Parameters:
    ///   - start: The opening time; `24:00` is not allowed.
    ///   - end: The closing time; earlier than `start` for an overnight interval.
    /// - Throws: ``ServiceDomainError/Code/invalidInterval`` when the interval starts at `24:00`, is empty, or wraps
    ///   past midnight while ending at `24:00`.
    public init(start: LocalTime, end: LocalTime) throws(ServiceDomainError) {
        guard start != .endOfDay else {
            throw ServiceDomainError(.invalidInterval, at: "start", "an interval cannot start at 24:00")
        }
        guard end != start else {
            throw ServiceDomainError(
                .invalidInterval,
                at: "end",
                "\(start)–\(end) is empty; write 00:00–24:00 for a whole day"
            )
        }
        self.start = start
        self.end = end
    }

    /// Creates an interval from `HH:mm` texts.
    ///
    /// - Parameters:
    ///   - start: The opening time, such as `"09:00"`.
    ///   - end: The closing time, such as `"17:30"`.
    /// - Throws: The errors of ``LocalTime/init(_:)`` and ``init(start:end:)``.
    public init(_ start: String, _ end: String) throws(ServiceDomainError) {
        let opening: LocalTime
        do { opening = try LocalTime(start) } catch { throw error.nested(under: "start") }
        let closing: LocalTime
        do { closing = try LocalTime(end) } catch { throw error.nested(under: "end") }
        try self.init(start: opening, end: closing)
    }

    /// The whole day, 00:00–24:00.
    public static let wholeDay = OpeningInterval(uncheckedStart: .startOfDay, end: .endOfDay)

    private init(uncheckedStart: LocalTime, end: LocalTime) {
        self.start = uncheckedStart
        self.end = end
    }

    /// Whether the interval wraps past midnight into the next day.
    public var isOvernight: Bool { end < start }

    /// The start, in seconds since the start of its own day.
    var startSecond: Int { start.secondsSinceMidnight }

    /// The end, in seconds since the start of the day on which the interval starts (over 86,400 when overnight).
    var endSecond: Int { isOvernight ? end.secondsSinceMidnight + 86_400 : end.secondsSinceMidnight }

    /// The nominal length in seconds on a day without a daylight-saving change.
    public var nominalDuration: Int { endSecond - startSecond }

    /// The interval as `09:00–17:30`.
    public var description: String { "\(start)–\(end)" }

    private enum CodingKeys: String, CodingKey {
        case start
        case end
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["start", "end"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(LocalTime.self, forKey: .start)
        let end = try container.decode(LocalTime.self, forKey: .end)
        do {
            try self.init(start: start, end: end)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .end, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}

extension OpeningInterval {
    /// Checks that a day's intervals do not overlap each other.
    ///
    /// - Parameters:
    ///   - intervals: The day's intervals, in any order.
    ///   - path: The path of the list, for error messages.
    /// - Throws: ``ServiceDomainError/Code/overlappingIntervals`` naming the second of two overlapping intervals.
    static func validateNoOverlap(_ intervals: [OpeningInterval], path: String) throws(ServiceDomainError) {
        let order = intervals.indices.sorted { intervals[$0].startSecond < intervals[$1].startSecond }
        for (previous, current) in zip(order, order.dropFirst())
        where intervals[current].startSecond < intervals[previous].endSecond {
            throw ServiceDomainError(
                .overlappingIntervals,
                at: "\(path)[\(current)]",
                "\(intervals[current]) overlaps \(intervals[previous])"
            )
        }
    }
}
