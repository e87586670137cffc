public import Foundation

/// How an imported file writes its instants.
///
/// JSON: `"iso8601"`, `"unixSeconds"`, or `{"pattern": "dd/MM/yyyy HH:mm", "timeZone": "Europe/London"}` for wall
/// times in a zone.
public enum TimestampFormat: Sendable, Hashable, Codable {
    /// ISO 8601 with `Z` or an offset, as ``InstantCoding`` reads it: `2026-11-23T09:00:00Z`.
    case iso8601
    /// Seconds since 1970-01-01T00:00:00Z, possibly with a fraction: `1795424400`.
    case unixSeconds
    /// A wall time in a pattern of `yyyy`, `MM`, `dd`, `HH`, `mm` and `ss` (each field fixed-width, everything else
    /// literal) read in an IANA time zone. A wall time skipped by a daylight-saving change moves forward by the gap; a
    /// repeated one means its first occurrence (the conventions of ``BusinessCalendar``).
    case pattern(String, timeZone: String)

    /// Checks the format: a pattern needs `yyyy`, `MM` and `dd` and a known time zone.
    ///
    /// - Throws: ``ServiceDomainError/Code/malformed`` (path `pattern`) or
    ///   ``ServiceDomainError/Code/unknownTimeZone`` (path `timeZone`).
    public func validate() throws(ServiceDomainError) { _ = try Reading(self) }

    /// The format checked once, for reading many fields.
    ///
    /// - Returns: A reader.
    /// - Throws: As ``validate()``.
    public func reading() throws(ServiceDomainError) -> Reading { try Reading(self) }

    /// Reads an instant.
    ///
    /// - Parameter text: The field, surrounding spaces ignored.
    /// - Returns: The instant.
    /// - Throws: ``ServiceDomainError/Code/malformed`` when the text does not fit the format,
    ///   ``ServiceDomainError/Code/outOfRange`` for a date outside the years 1800–2400 (or not finite).
    public func instant(from text: String) throws(ServiceDomainError) -> Date {
        try Reading(self).instant(from: text)
    }

    /// A format checked once, for reading many fields (from ``reading()``).
    public struct Reading: Sendable {
        let format: TimestampFormat
        let tokens: [Token]
        let zone: TimeZone?

        enum Token: Sendable, Equatable {
            case field(Character, width: Int)
            case literal(UInt8)
        }

        init(_ format: TimestampFormat) throws(ServiceDomainError) {
            self.format = format
            guard case .pattern(let pattern, let identifier) = format else {
                tokens = []
                zone = nil
                return
            }
            guard let zone = TimeZone(identifier: identifier), !identifier.isEmpty else {
                throw ServiceDomainError(
                    .unknownTimeZone,
                    at: "timeZone",
                    "no IANA time zone is named \"\(identifier)\""
                )
            }
            var tokens: [Token] = []
            let characters = Array(pattern)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                let run = characters[index...].prefix { $0 == character }.count
                switch (character, run) {
                case ("y", 4), ("M", 2), ("d", 2), ("H", 2), ("m", 2), ("s", 2):
                    tokens.append(.field(character, width: run))
                case ("y", _), ("M", _), ("d", _), ("H", _), ("m", _), ("s", _):
                    throw ServiceDomainError(
                        .malformed,
                        at: "pattern",
                        "\"\(String(repeating: character, count: run))\" in \"\(pattern)\": use yyyy, MM, dd, HH, mm, ss"
                    )
                default:
                    guard let ascii = character.asciiValue, !character.isLetter else {
                        throw ServiceDomainError(
                            .malformed,
                            at: "pattern",
                            "\"\(character)\" in \"\(pattern)\" is neither a field (yyyy, MM, dd, HH, mm, ss) nor ASCII "
                                + "punctuation"
                        )
                    }
                    tokens += Array(repeating: .literal(ascii), count: run)
                }
                index += run
            }
            let fields = tokens.compactMap { token -> Character? in
                if case .field(let name, _) = token { return name }
                return nil
            }
            guard Set(fields).isSuperset(of: ["y", "M", "d"]), Set(fields).count == fields.count else {
                throw ServiceDomainError(
                    .malformed,
                    at: "pattern",
                    "\"\(pattern)\" needs yyyy, MM and dd, each field once"
                )
            }
            self.tokens = tokens
            self.zone = zone
        }

        /// Reads an instant; see ``TimestampFormat/instant(from:)``.
        ///
        /// - Parameter raw: The field.
        /// - Returns: The instant.
        /// - Throws: As ``TimestampFormat/instant(from:)``.
        public func instant(from raw: String) throws(ServiceDomainError) -> Date {
            let text = raw.trimmingSpacesAndTabs
            let seconds: Double
            switch format {
            case .iso8601:
                seconds = try InstantCoding.date(from: text).timeIntervalSince1970
            case .unixSeconds:
                guard let value = Double(text), value.isFinite else {
                    throw ServiceDomainError(.malformed, "\"\(text)\" is not a number of seconds since 1970")
                }
                seconds = value
            case .pattern(let pattern, _):
                seconds = try localInstant(Array(text.utf8), text: text, pattern: pattern)
            }
            let date = Date(timeIntervalSince1970: seconds)
            do throws(ServiceDomainError) {
                _ = try BusinessCalendar.seconds(date, path: "")
            } catch {
                throw ServiceDomainError(error.code, error.message)
            }
            return date
        }

        private func localInstant(_ bytes: [UInt8], text: String, pattern: String) throws(ServiceDomainError)
            -> Double
        {
            let mismatch = ServiceDomainError(.malformed, "\"\(text)\" does not fit the pattern \"\(pattern)\"")
            var values: [Character: Int] = ["H": 0, "m": 0, "s": 0]
            var position = 0
            for token in tokens {
                switch token {
                case .literal(let byte):
                    guard position < bytes.count, bytes[position] == byte else { throw mismatch }
                    position += 1
                case .field(let name, let width):
                    guard let value = Civil.digits(bytes, position, width) else { throw mismatch }
                    values[name] = value
                    position += width
                }
            }
            guard position == bytes.count, let year = values["y"], let month = values["M"], let day = values["d"],
                let hour = values["H"], let minute = values["m"], let second = values["s"],
                (1...12).contains(month), (1...Civil.daysInMonth(year: year, month: month)).contains(day),
                hour < 24, minute < 60, second < 60, let zone
            else { throw mismatch }
            let local =
                Double(Civil.days(year: year, month: month, day: day)) * 86_400
                + Double(hour * 3_600 + minute * 60 + second)
            return CalendarIndex.instant(localSeconds: local, in: zone)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case pattern
        case timeZone
    }

    /// Decodes a format from `"iso8601"`, `"unixSeconds"` or `{"pattern": …, "timeZone": …}`, checking it.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data, an unknown name, a bad pattern or an unknown time zone.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            switch name {
            case "iso8601": self = .iso8601
            case "unixSeconds": self = .unixSeconds
            default:
                throw DecodingError.dataCorruptedError(
                    in: single,
                    debugDescription: "unknown timestamp format \"\(name)\"; expected iso8601, unixSeconds or "
                        + "{\"pattern\": …, \"timeZone\": …}"
                )
            }
            return
        }
        try decoder.rejectUnknownKeys(allowed: ["pattern", "timeZone"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self = .pattern(
            try container.decode(String.self, forKey: .pattern),
            timeZone: try container.decode(String.self, forKey: .timeZone)
        )
        do throws(ServiceDomainError) {
            try validate()
        } catch {
            throw DecodingError.invalid(error, codingPath: decoder.codingPath)
        }
    }

    /// Encodes the documented form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .iso8601:
            var single = encoder.singleValueContainer()
            try single.encode("iso8601")
        case .unixSeconds:
            var single = encoder.singleValueContainer()
            try single.encode("unixSeconds")
        case .pattern(let pattern, let timeZone):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(pattern, forKey: .pattern)
            try container.encode(timeZone, forKey: .timeZone)
        }
    }
}
