public import Foundation
public import ServiceDomain

/// How an imported file writes its instants.
///
/// JSON: `"iso8601"`, `"unixSeconds"`, `"unixMilliseconds"`, or a pattern for wall times:
/// `{"pattern": "dd/MMM/yy h:mm a", "timeZone": "Europe/London", "twoDigitYearStart": 1970}`.
///
/// ## The pattern language
/// A subset of the Unicode (ICU) date field symbols; letters are fields, everything else is literal, and text in
/// single quotes is literal (`''` is one quote). A space in the pattern matches one or more spaces or tabs.
///
/// | symbol | meaning | example |
/// |---|---|---|
/// | `yyyy` | four-digit year | `2026` |
/// | `yy` | two-digit year, in the hundred years from ``twoDigitYearStart`` (1970: `69` is 2069, `70` is 1970) | `26` |
/// | `MM`, `M` | month, two digits or one to two | `03`, `3` |
/// | `MMM`, `MMMM` | English month name, abbreviated or full, any case (`Sept` too) | `Mar`, `March` |
/// | `dd`, `d` | day of the month | `02`, `2` |
/// | `HH`, `H` | hour 0–23 | `09`, `9` |
/// | `hh`, `h` | hour 1–12, with `a` | `09`, `9` |
/// | `a` | AM or PM, any case | `PM` |
/// | `mm`, `m` | minute | `05`, `5` |
/// | `ss`, `s` | second | `07`, `7` |
/// | `S`… | fraction of a second, one to nine digits whatever the count of `S` | `250` |
/// | `E`… | English weekday name, abbreviated or full; read and not checked | `Mon`, `Monday` |
/// | `X`, `XX`, `XXX`, `x`, `xx`, `xxx`, `Z`, `ZZZZZ` | UTC offset: `Z`, `+01`, `+0100` or `+01:00` | `+0100` |
///
/// A pattern needs a year, a month and a day, each once. A value with an offset is read with it; one without is a
/// wall time in the zone (``timeZone``, or a per-row zone column of the mapping): a wall time skipped by a
/// daylight-saving change moves forward by the gap; a repeated one means its first occurrence (the conventions of
/// `BusinessCalendar`).
public struct TimestampFormat: Sendable, Hashable, Codable {
    /// The kinds of format.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// ISO 8601 with `Z` or an offset, as `InstantCoding` reads it: `2026-11-23T09:00:00Z`.
        case iso8601
        /// Seconds since 1970-01-01T00:00:00Z, possibly with a decimal fraction: `1795424400`.
        case unixSeconds
        /// Milliseconds since 1970-01-01T00:00:00Z: `1795424400000`.
        case unixMilliseconds
        /// A wall time in a pattern.
        case pattern
    }

    /// The kind.
    public let kind: Kind
    /// The pattern, for ``Kind/pattern``.
    public let pattern: String?
    /// The IANA zone of wall times without an offset, for ``Kind/pattern``.
    public let timeZone: String?
    /// The first year of the hundred that `yy` reads into (1970 by default).
    public let twoDigitYearStart: Int

    /// ISO 8601 with `Z` or an offset.
    public static let iso8601 = TimestampFormat(kind: .iso8601, pattern: nil, timeZone: nil, twoDigitYearStart: 1970)
    /// Seconds since 1970.
    public static let unixSeconds = TimestampFormat(
        kind: .unixSeconds,
        pattern: nil,
        timeZone: nil,
        twoDigitYearStart: 1970
    )
    /// Milliseconds since 1970.
    public static let unixMilliseconds = TimestampFormat(
        kind: .unixMilliseconds,
        pattern: nil,
        timeZone: nil,
        twoDigitYearStart: 1970
    )

    /// A pattern of wall times in a zone (checked by ``validate()`` and wherever a mapping is made).
    ///
    /// - Parameters:
    ///   - pattern: The pattern (see the type's documentation).
    ///   - timeZone: The IANA zone of values without an offset.
    ///   - twoDigitYearStart: The first year `yy` reads into.
    /// - Returns: The format.
    public static func pattern(_ pattern: String, timeZone: String, twoDigitYearStart: Int = 1970) -> TimestampFormat {
        TimestampFormat(kind: .pattern, pattern: pattern, timeZone: timeZone, twoDigitYearStart: twoDigitYearStart)
    }

    private init(kind: Kind, pattern: String?, timeZone: String?, twoDigitYearStart: Int) {
        self.kind = kind
        self.pattern = pattern
        self.timeZone = timeZone
        self.twoDigitYearStart = twoDigitYearStart
    }

    /// Checks the format: a pattern must parse, hold a year, a month and a day once each, use `h` only with `a`,
    /// and name a known time zone.
    ///
    /// - Throws: `ServiceDomainError/Code/malformed` (path `pattern`, naming the token) or
    ///   `ServiceDomainError/Code/unknownTimeZone` (path `timeZone`), `ServiceDomainError/Code/outOfRange`
    ///   (path `twoDigitYearStart`) outside 1800–2300.
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
    /// - Throws: `ServiceDomainError/Code/malformed` when the text does not fit the format (the message names the
    ///   value, cut to 80 characters), `ServiceDomainError/Code/outOfRange` for a date outside the years 1800–2400.
    public func instant(from text: String) throws(ServiceDomainError) -> Date {
        try Reading(self).instant(from: text)
    }

    /// A format checked once, for reading many fields (from ``reading()``).
    public struct Reading: Sendable {
        /// The format.
        public let format: TimestampFormat
        let tokens: [Token]
        let zone: TimeZone?

        enum Token: Sendable, Equatable {
            case year4, year2, yearAny
            case month2, month1, monthName
            case day2, day1
            case hour24(width: Int)
            case hour12(width: Int)
            case meridiem
            case minute(width: Int)
            case second(width: Int)
            case fraction
            case weekday
            case offset(allowsZ: Bool)
            case literal(UInt8)
            case space
        }

        init(_ format: TimestampFormat) throws(ServiceDomainError) {
            self.format = format
            guard format.kind == .pattern else {
                tokens = []
                zone = nil
                return
            }
            let identifier = format.timeZone ?? ""
            guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else {
                throw ServiceDomainError(
                    .unknownTimeZone,
                    at: "timeZone",
                    "no IANA time zone is named \(quoted(identifier)) (a pattern needs one, e.g. \"Europe/London\")"
                )
            }
            guard (1800...2300).contains(format.twoDigitYearStart) else {
                throw ServiceDomainError(
                    .outOfRange,
                    at: "twoDigitYearStart",
                    "twoDigitYearStart must be a year from 1800 to 2300"
                )
            }
            self.tokens = try Self.tokenize(format.pattern ?? "")
            self.zone = zone
        }

        static func tokenize(_ pattern: String) throws(ServiceDomainError) -> [Token] {
            func fail(_ message: String) -> ServiceDomainError {
                ServiceDomainError(.malformed, at: "pattern", "\(quoted(pattern)): \(message)")
            }
            var tokens: [Token] = []
            let characters = Array(pattern)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if character == "'" {
                    // Quoted literal; '' is a quote.
                    if index + 1 < characters.count, characters[index + 1] == "'" {
                        tokens.append(.literal(UInt8(ascii: "'")))
                        index += 2
                        continue
                    }
                    var end = index + 1
                    var closed = false
                    while end < characters.count {
                        if characters[end] == "'" {
                            if end + 1 < characters.count, characters[end + 1] == "'" {
                                tokens.append(.literal(UInt8(ascii: "'")))
                                end += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        for byte in String(characters[end]).utf8 { tokens.append(.literal(byte)) }
                        end += 1
                    }
                    guard closed else { throw fail("a quoted literal is never closed") }
                    index = end + 1
                    continue
                }
                let run = characters[index...].prefix { $0 == character }.count
                let symbol = String(repeating: character, count: run)
                defer { index += run }
                if character == " " || character == "\t" {
                    tokens.append(.space)
                    continue
                }
                guard character.isLetter else {
                    for _ in 0..<run { for byte in String(character).utf8 { tokens.append(.literal(byte)) } }
                    continue
                }
                switch (character, run) {
                case ("y", 4): tokens.append(.year4)
                case ("y", 2): tokens.append(.year2)
                case ("y", 1): tokens.append(.yearAny)
                case ("M", 1), ("L", 1): tokens.append(.month1)
                case ("M", 2), ("L", 2): tokens.append(.month2)
                case ("M", 3), ("M", 4), ("L", 3), ("L", 4): tokens.append(.monthName)
                case ("d", 1): tokens.append(.day1)
                case ("d", 2): tokens.append(.day2)
                case ("H", 1...2): tokens.append(.hour24(width: run))
                case ("h", 1...2): tokens.append(.hour12(width: run))
                case ("a", 1): tokens.append(.meridiem)
                case ("m", 1...2): tokens.append(.minute(width: run))
                case ("s", 1...2): tokens.append(.second(width: run))
                case ("S", 1...9): tokens.append(.fraction)
                case ("E", 1...4): tokens.append(.weekday)
                case ("X", 1...3), ("Z", 5): tokens.append(.offset(allowsZ: true))
                case ("x", 1...3), ("Z", 1...3): tokens.append(.offset(allowsZ: false))
                default:
                    throw fail(
                        "\"\(symbol)\" is not a supported field; use yyyy yy MM M MMM MMMM dd d HH H hh h a mm m ss s "
                            + "S… E… X XX XXX x xx xxx Z, and quote literal letters ('T')"
                    )
                }
            }
            func count(_ match: (Token) -> Bool) -> Int { tokens.filter(match).count }
            let years = count { [.year4, .year2, .yearAny].contains($0) }
            let months = count { [.month1, .month2, .monthName].contains($0) }
            let days = count { [.day1, .day2].contains($0) }
            guard years == 1, months == 1, days == 1 else {
                throw fail("a pattern needs a year, a month and a day, each once")
            }
            let hours24 = count { if case .hour24 = $0 { true } else { false } }
            let hours12 = count { if case .hour12 = $0 { true } else { false } }
            let meridiems = count { $0 == .meridiem }
            let minutes = count { if case .minute = $0 { true } else { false } }
            let seconds = count { if case .second = $0 { true } else { false } }
            let offsets = count { if case .offset = $0 { true } else { false } }
            guard hours24 + hours12 <= 1, minutes <= 1, seconds <= 1, count({ $0 == .fraction }) <= 1, offsets <= 1
            else { throw fail("each field may appear once") }
            guard hours12 == meridiems else {
                throw fail(
                    hours12 > 0 ? "a 12-hour clock (h, hh) needs AM/PM (a)" : "AM/PM (a) goes with h or hh, not H"
                )
            }
            return tokens
        }

        /// Reads an instant; see ``TimestampFormat/instant(from:)``.
        ///
        /// - Parameter raw: The field.
        /// - Returns: The instant.
        /// - Throws: As ``TimestampFormat/instant(from:)``.
        public func instant(from raw: String) throws(ServiceDomainError) -> Date {
            try instant(from: raw, zone: nil)
        }

        /// Reads an instant, wall times in `zone` when given (a per-row zone) instead of the format's.
        ///
        /// - Parameters:
        ///   - raw: The field.
        ///   - zone: The zone of this value, overriding the format's.
        /// - Returns: The instant.
        /// - Throws: As ``TimestampFormat/instant(from:)``.
        public func instant(from raw: String, zone: TimeZone?) throws(ServiceDomainError) -> Date {
            let text = raw.trimmingSpacesAndTabs
            let seconds: Double
            switch format.kind {
            case .iso8601:
                seconds = try InstantCoding.date(from: text).timeIntervalSince1970
            case .unixSeconds, .unixMilliseconds:
                guard let value = DecimalText.parse(text, decimal: UInt8(ascii: "."), grouping: nil), value.isFinite
                else {
                    throw ServiceDomainError(
                        .malformed,
                        "\(quoted(text)) is not a decimal number of \(format.kind == .unixSeconds ? "seconds" : "milliseconds") since 1970"
                    )
                }
                seconds = format.kind == .unixSeconds ? value : value / 1_000
            case .pattern:
                seconds = try localInstant(Array(text.utf8), text: text, zone: zone ?? self.zone)
            }
            let date = Date(timeIntervalSince1970: seconds)
            do throws(ServiceDomainError) {
                _ = try BusinessCalendar.seconds(date, path: "")
            } catch {
                throw ServiceDomainError(error.code, "\(quoted(text)): \(error.message)")
            }
            return date
        }

        private func localInstant(_ bytes: [UInt8], text: String, zone: TimeZone?) throws(ServiceDomainError)
            -> Double
        {
            func mismatch(_ why: String) -> ServiceDomainError {
                ServiceDomainError(
                    .malformed,
                    "\(quoted(text)) does not fit the pattern \(quoted(format.pattern ?? "")): \(why)"
                )
            }
            var year = 0
            var month = 0
            var day = 0
            var hour = 0
            var minute = 0
            var second = 0
            var fraction = 0.0
            var pm: Bool?
            var offset: Int?
            var position = 0
            func isDigit(_ index: Int) -> Bool {
                index < bytes.count && bytes[index] >= 48 && bytes[index] <= 57
            }
            /// Digits: exactly `width`, or one to `width` when `flexible`.
            func number(_ width: Int, flexible: Bool, _ name: String) throws(ServiceDomainError) -> Int {
                var value = 0
                var read = 0
                while read < width, isDigit(position + read) {
                    value = value * 10 + Int(bytes[position + read] - 48)
                    read += 1
                }
                guard read == width || (flexible && read >= 1) else {
                    throw mismatch(
                        "expected \(flexible ? "up to " : "")\(width) digit\(width == 1 ? "" : "s") for the \(name) at character \(position + 1)"
                    )
                }
                position += read
                return value
            }
            func word() -> String {
                var end = position
                while end < bytes.count, (bytes[end] | 0x20) >= 97, (bytes[end] | 0x20) <= 122 { end += 1 }
                defer { position = end }
                return String(decoding: bytes[position..<end], as: UTF8.self).lowercased()
            }
            for token in tokens {
                switch token {
                case .year4: year = try number(4, flexible: false, "year")
                case .yearAny: year = try number(4, flexible: true, "year")
                case .year2:
                    let two = try number(2, flexible: false, "year")
                    let start = format.twoDigitYearStart
                    year = start - start % 100 + two
                    if year < start { year += 100 }
                case .month2: month = try number(2, flexible: false, "month")
                case .month1: month = try number(2, flexible: true, "month")
                case .monthName:
                    let name = word()
                    guard
                        let index = Self.monthNames.firstIndex(where: { $0 == name || $0.prefix(3) == name })
                            ?? (name == "sept" ? 8 : nil)
                    else { throw mismatch("\(quoted(name)) is not an English month name") }
                    month = index + 1
                case .day2: day = try number(2, flexible: false, "day")
                case .day1: day = try number(2, flexible: true, "day")
                case .hour24(let width): hour = try number(2, flexible: width == 1, "hour")
                case .hour12(let width): hour = try number(2, flexible: width == 1, "hour")
                case .meridiem:
                    let marker = word()
                    guard marker == "am" || marker == "pm" else { throw mismatch("expected AM or PM") }
                    pm = marker == "pm"
                case .minute(let width): minute = try number(2, flexible: width == 1, "minute")
                case .second(let width): second = try number(2, flexible: width == 1, "second")
                case .fraction:
                    var scale = 0.1
                    var digits = 0
                    while isDigit(position), digits < 9 {
                        fraction += Double(bytes[position] - 48) * scale
                        scale /= 10
                        position += 1
                        digits += 1
                    }
                    guard digits > 0 else { throw mismatch("expected the fraction of a second") }
                case .weekday:
                    let name = word()
                    guard Self.weekdayNames.contains(where: { $0 == name || $0.prefix(3) == name }) else {
                        throw mismatch("\(quoted(name)) is not an English weekday name")
                    }
                case .offset(let allowsZ):
                    if allowsZ, position < bytes.count, bytes[position] == UInt8(ascii: "Z") {
                        offset = 0
                        position += 1
                        continue
                    }
                    guard position < bytes.count, bytes[position] == 43 || bytes[position] == 45 else {
                        throw mismatch("expected a UTC offset such as +01:00")
                    }
                    let sign = bytes[position] == 45 ? -1 : 1
                    position += 1
                    let hours = try number(2, flexible: false, "offset")
                    var minutes = 0
                    if position < bytes.count, bytes[position] == 58 { position += 1 }
                    if isDigit(position) { minutes = try number(2, flexible: false, "offset") }
                    guard hours <= 18, minutes < 60 else { throw mismatch("the offset is out of range") }
                    offset = sign * (hours * 3_600 + minutes * 60)
                case .literal(let byte):
                    guard position < bytes.count, bytes[position] == byte else {
                        throw mismatch("expected \"\(Character(Unicode.Scalar(byte)))\" at character \(position + 1)")
                    }
                    position += 1
                case .space:
                    guard position < bytes.count, bytes[position] == 32 || bytes[position] == 9 else {
                        throw mismatch("expected a space at character \(position + 1)")
                    }
                    while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 { position += 1 }
                }
            }
            guard position == bytes.count else { throw mismatch("unexpected text at character \(position + 1)") }
            if let pm {
                guard (1...12).contains(hour) else { throw mismatch("a 12-hour clock reads 1 to 12") }
                hour = hour % 12 + (pm ? 12 : 0)
            }
            guard (1...12).contains(month) else { throw mismatch("month \(month)") }
            guard (1...Civil.daysInMonth(year: year, month: month)).contains(day) else {
                throw mismatch("day \(day) of month \(month)")
            }
            guard hour < 24, minute < 60, second < 60 else { throw mismatch("time of day out of range") }
            let local =
                Double(Civil.days(year: year, month: month, day: day)) * 86_400
                + Double(hour * 3_600 + minute * 60 + second) + fraction
            if let offset { return local - Double(offset) }
            guard let zone else { throw mismatch("no time zone") }
            return CalendarIndex.instant(localSeconds: local, in: zone)
        }

        static let monthNames = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case pattern
        case timeZone
        case twoDigitYearStart
    }

    /// Decodes a format from `"iso8601"`, `"unixSeconds"`, `"unixMilliseconds"` or
    /// `{"pattern": …, "timeZone": …, "twoDigitYearStart": …}`, checking it.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data, an unknown name, a bad pattern (naming the token) or an unknown
    ///   time zone.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            guard let kind = Kind(rawValue: name), kind != .pattern else {
                throw DecodingError.dataCorruptedError(
                    in: single,
                    debugDescription: "unknown timestamp format \(quoted(name)); expected iso8601, unixSeconds, "
                        + "unixMilliseconds or {\"pattern\": …, \"timeZone\": …}"
                )
            }
            self.init(kind: kind, pattern: nil, timeZone: nil, twoDigitYearStart: 1970)
            return
        }
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self = .pattern(
            try container.decode(String.self, forKey: .pattern),
            timeZone: try container.decode(String.self, forKey: .timeZone),
            twoDigitYearStart: try container.decodeIfPresent(Int.self, forKey: .twoDigitYearStart) ?? 1970
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
        guard kind == .pattern else {
            var single = encoder.singleValueContainer()
            try single.encode(kind.rawValue)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pattern ?? "", forKey: .pattern)
        try container.encode(timeZone ?? "", forKey: .timeZone)
        if twoDigitYearStart != 1970 { try container.encode(twoDigitYearStart, forKey: .twoDigitYearStart) }
    }
}
