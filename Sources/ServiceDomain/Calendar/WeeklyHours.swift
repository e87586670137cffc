/// The regular opening hours of each day of the week: none, one or several intervals per day.
///
/// Intervals on one day may not overlap, and an overnight interval may not run into the next day's first interval
/// (Sunday's runs into Monday's). JSON form: an object keyed by lower-case weekday, days without hours omitted:
///
/// ```json
/// {"monday": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:30"}],
///  "saturday": [{"start": "10:00", "end": "14:00"}]}
/// ```
public struct WeeklyHours: Sendable, Hashable, Codable {
    /// The intervals of each day, sorted by start time.
    public let days: [Weekday: [OpeningInterval]]

    /// Creates weekly hours, checking that no intervals overlap.
    ///
    /// - Parameter days: The intervals of each weekday; missing days are closed.
    /// - Throws: ``ServiceDomainError/Code/overlappingIntervals`` with the path of the offending interval, such as
    ///   `tuesday[0]`.
    public init(_ days: [Weekday: [OpeningInterval]]) throws(ServiceDomainError) {
        for day in Weekday.allCases {
            let intervals = days[day] ?? []
            try OpeningInterval.validateNoOverlap(intervals, path: day.rawValue)
            // An overnight interval runs into the next day: it must end before that day's first opening.
            let spill = intervals.filter(\.isOvernight).map(\.end.secondsSinceMidnight).max() ?? 0
            let following = days[day.next] ?? []
            if let index = following.indices.first(where: { following[$0].startSecond < spill }) {
                throw ServiceDomainError(
                    .overlappingIntervals,
                    at: "\(day.next.rawValue)[\(index)]",
                    "\(following[index]) overlaps the overnight interval of \(day.rawValue) ending at "
                        + "\(LocalTime.description(seconds: spill))"
                )
            }
        }
        var sorted: [Weekday: [OpeningInterval]] = [:]
        for (day, intervals) in days where !intervals.isEmpty {
            sorted[day] = intervals.sorted { $0.startSecond < $1.startSecond }
        }
        self.days = sorted
    }

    /// The intervals of one weekday, sorted by start time (empty when closed).
    ///
    /// - Parameter weekday: The day.
    public subscript(weekday: Weekday) -> [OpeningInterval] { days[weekday] ?? [] }

    /// Whether no day has any opening hours.
    public var isAlwaysClosed: Bool { days.isEmpty }

    /// The nominal opening hours of a week, in seconds.
    public var nominalSecondsPerWeek: Int { days.values.joined().reduce(0) { $0 + $1.nominalDuration } }

    /// Closed every day.
    public static let closed = WeeklyHours(unchecked: [:])

    /// Open around the clock every day.
    public static let alwaysOpen = WeeklyHours(
        unchecked: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, [OpeningInterval.wholeDay]) })
    )

    /// The same intervals Monday to Friday, closed at weekends.
    ///
    /// - Parameter intervals: The intervals of each weekday.
    /// - Returns: The weekly hours.
    /// - Throws: ``ServiceDomainError/Code/overlappingIntervals`` when the intervals overlap.
    public static func weekdays(_ intervals: [OpeningInterval]) throws(ServiceDomainError) -> WeeklyHours {
        try WeeklyHours(
            Dictionary(uniqueKeysWithValues: Weekday.allCases.filter { !$0.isWeekend }.map { ($0, intervals) })
        )
    }

    /// Monday to Friday from `start` to `end` o'clock, whole hours, as in `.weekdays(9, 17)`.
    ///
    /// - Parameters:
    ///   - start: The opening hour, 0 through 23.
    ///   - end: The closing hour, 1 through 24.
    /// - Returns: The weekly hours.
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` or ``ServiceDomainError/Code/invalidInterval`` for impossible
    ///   hours.
    public static func weekdays(_ start: Int, _ end: Int) throws(ServiceDomainError) -> WeeklyHours {
        try weekdays([OpeningInterval(start: LocalTime(hour: start), end: LocalTime(hour: end))])
    }

    private init(unchecked days: [Weekday: [OpeningInterval]]) { self.days = days }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NameKey.self)
        var days: [Weekday: [OpeningInterval]] = [:]
        for key in container.allKeys {
            guard let weekday = Weekday(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key,
                    in: container,
                    debugDescription: "\"\(key.stringValue)\" is not a weekday (monday … sunday)"
                )
            }
            days[weekday] = try container.decode([OpeningInterval].self, forKey: key)
        }
        do {
            try self.init(days)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: container.codingPath, debugDescription: error.description)
            )
        }
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        for day in Weekday.allCases {
            if let intervals = days[day] { try container.encode(intervals, forKey: NameKey(day.rawValue)) }
        }
    }
}

extension LocalTime {
    /// `HH:mm` (or `HH:mm:ss`) for a number of seconds since midnight, 0 through 86,400.
    static func description(seconds: Int) -> String {
        let base = Civil.pad(seconds / 3600, 2) + ":" + Civil.pad(seconds % 3600 / 60, 2)
        return seconds % 60 == 0 ? base : base + ":" + Civil.pad(seconds % 60, 2)
    }
}
