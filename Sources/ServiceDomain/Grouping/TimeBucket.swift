public import Foundation

/// A calendar period to bucket by.
public enum TimeBucket: String, Sendable, Hashable, Codable, CaseIterable {
    /// A local hour, `2026-11-23T09`.
    case hour
    /// A local date, `2026-11-23`.
    case day
    /// An ISO 8601 week, `2026-W48` (weeks start on Monday; week 1 holds the year's first Thursday).
    case week
    /// A month, `2026-11`.
    case month

    /// The label of the bucket holding a date (for ``hour``, the date's first hour, `T00`).
    ///
    /// - Parameter date: The local date.
    /// - Returns: The bucket's label.
    public func label(of date: LocalDate) -> String {
        label(of: date, hour: 0)
    }

    func label(of date: LocalDate, hour: Int) -> String {
        switch self {
        case .hour: return date.description + "T" + Civil.pad(hour, 2)
        case .day: return date.description
        case .month: return String(date.description.prefix(7))
        case .week:
            // The ISO week-numbering year is the year of the week's Thursday.
            let thursday = date.dayNumber - (date.weekday.isoNumber - 4)
            guard let anchor = try? LocalDate(dayNumber: thursday),
                let januaryFirst = try? LocalDate(year: anchor.year, month: 1, day: 1)
            else { return date.description }
            let week = (thursday - januaryFirst.dayNumber) / 7 + 1
            return "\(anchor.year)-W" + Civil.pad(week, 2)
        }
    }
}

/// Buckets instants by local hour, day, ISO week or month in an IANA time zone.
///
/// ```swift
/// let weeks = try TimeBucketing(.week, timeZone: "Europe/London")
/// try weeks.label(of: ticket.createdAt)   // "2026-W48"
/// ```
///
/// JSON: `{"bucket": "week", "timeZone": "Europe/London"}`.
public struct TimeBucketing: Sendable, Hashable, Codable {
    /// The period.
    public let bucket: TimeBucket
    /// The IANA time zone identifier.
    public let timeZoneIdentifier: String
    package let zone: TimeZone

    /// Creates a bucketing.
    ///
    /// - Parameters:
    ///   - bucket: The period.
    ///   - identifier: An IANA time zone identifier such as `America/New_York` or `UTC`.
    /// - Throws: ``ServiceDomainError/Code/unknownTimeZone`` (path `timeZone`) when no zone has that identifier.
    public init(_ bucket: TimeBucket, timeZone identifier: String) throws(ServiceDomainError) {
        guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else {
            throw ServiceDomainError(.unknownTimeZone, at: "timeZone", "no IANA time zone is named \"\(identifier)\"")
        }
        self.bucket = bucket
        self.timeZoneIdentifier = identifier
        self.zone = zone
    }

    /// Creates a bucketing in a business calendar's time zone.
    ///
    /// - Parameters:
    ///   - bucket: The period.
    ///   - calendar: The calendar whose time zone decides local dates.
    public init(_ bucket: TimeBucket, in calendar: BusinessCalendar) {
        self.bucket = bucket
        self.timeZoneIdentifier = calendar.timeZoneIdentifier
        self.zone = calendar.timeZone
    }

    /// The label of the bucket holding an instant.
    ///
    /// - Parameter date: The instant.
    /// - Returns: `2026-11-23T09`, `2026-11-23`, `2026-W48` or `2026-11`.
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` for an instant that is not finite and
    ///   ``ServiceDomainError/Code/outOfRange`` for one outside the years 1800–2400.
    public func label(of date: Date) throws(ServiceDomainError) -> String {
        let t = try BusinessCalendar.seconds(date, path: "date")
        let local = t + Double(zone.secondsFromGMT(for: date))
        let day = (local / 86_400).rounded(.down)
        let hour = Int(((local - day * 86_400) / 3_600).rounded(.down))
        return bucket.label(of: try LocalDate(dayNumber: Int(day)), hour: hour)
    }

    private enum CodingKeys: String, CodingKey {
        case bucket
        case timeZone
    }

    /// Decodes a bucketing, checking its time zone.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data, ``ServiceDomainError`` for an unknown time zone.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            container.decode(TimeBucket.self, forKey: .bucket),
            timeZone: container.decode(String.self, forKey: .timeZone)
        )
    }

    /// Encodes the period and the time zone identifier.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bucket, forKey: .bucket)
        try container.encode(timeZoneIdentifier, forKey: .timeZone)
    }

    /// Whether two bucketings have the same period and time zone identifier.
    ///
    /// - Parameters:
    ///   - lhs: A bucketing.
    ///   - rhs: Another.
    /// - Returns: Whether they are equal.
    public static func == (lhs: TimeBucketing, rhs: TimeBucketing) -> Bool {
        lhs.bucket == rhs.bucket && lhs.timeZoneIdentifier == rhs.timeZoneIdentifier
    }

    /// Hashes the period and the time zone identifier.
    ///
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(bucket)
        hasher.combine(timeZoneIdentifier)
    }
}
