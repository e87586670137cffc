/// A whole local date on which the calendar is closed, such as a public holiday.
///
/// JSON form: `{"date": "2026-12-25", "name": "Christmas Day"}`.
public struct Holiday: Sendable, Hashable, Codable {
    /// The closed date, in the calendar's time zone.
    public var date: LocalDate
    /// A name for people, such as `"Christmas Day"`; may be empty.
    public var name: String

    /// Creates a holiday.
    ///
    /// - Parameters:
    ///   - date: The closed date.
    ///   - name: A name for people.
    public init(_ date: LocalDate, name: String = "") {
        self.date = date
        self.name = name
    }

    private enum CodingKeys: String, CodingKey {
        case date
        case name
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["date", "name"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        date = try container.decode(LocalDate.self, forKey: .date)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        if !name.isEmpty { try container.encode(name, forKey: .name) }
    }
}

/// Different opening hours on one date, replacing the weekly hours and any holiday on that date: a half day before
/// Christmas, or opening on a holiday weekend.
///
/// An empty `hours` list closes the date. JSON form:
/// `{"date": "2026-12-24", "hours": [{"start": "09:00", "end": "13:00"}], "name": "Christmas Eve"}`.
public struct DateException: Sendable, Hashable, Codable {
    /// The date whose hours are replaced, in the calendar's time zone.
    public let date: LocalDate
    /// The hours of that date, sorted by start time; empty when closed.
    public let hours: [OpeningInterval]
    /// A name for people; may be empty.
    public let name: String

    /// Creates an exception, checking that its intervals do not overlap.
    ///
    /// - Parameters:
    ///   - date: The date whose hours are replaced.
    ///   - hours: The hours of that date; empty when closed.
    ///   - name: A name for people.
    /// - Throws: ``ServiceDomainError/Code/overlappingIntervals`` with the path `hours[i]`.
    public init(_ date: LocalDate, hours: [OpeningInterval], name: String = "") throws(ServiceDomainError) {
        try OpeningInterval.validateNoOverlap(hours, path: "hours")
        self.date = date
        self.hours = hours.sorted { $0.startSecond < $1.startSecond }
        self.name = name
    }

    private enum CodingKeys: String, CodingKey {
        case date
        case hours
        case name
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["date", "hours", "name"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let date = try container.decode(LocalDate.self, forKey: .date)
        let hours = try container.decode([OpeningInterval].self, forKey: .hours)
        let name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        do {
            try self.init(date, hours: hours, name: name)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .hours, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        try container.encode(hours, forKey: .hours)
        if !name.isEmpty { try container.encode(name, forKey: .name) }
    }
}
