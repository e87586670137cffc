public import ServiceDomain

/// How a file writes numbers: the decimal separator and an optional thousands separator.
///
/// Numbers are decimal only: an optional sign, digits, and a fraction after the decimal separator. Exponents, hex,
/// `inf` and `nan` are refused, and so are integer parts of more than 15 digits, so that no `1e308` weight or `0x10`
/// instant passes into a report. With a grouping separator, groups must be of three digits (`1,234,567.5`).
///
/// JSON: `{"decimalSeparator": ",", "groupingSeparator": "."}`; both optional (`.` and none by default).
public struct NumberFormat: Sendable, Hashable, Codable {
    /// The decimal separator: `.` or `,`.
    public let decimalSeparator: Character
    /// The thousands separator, if the file uses one: `,`, `.`, `'`, a space, or a no-break space.
    public let groupingSeparator: Character?

    /// Decimal point, no grouping.
    public static let standard = NumberFormat(unchecked: ".", nil)

    /// Creates a format.
    ///
    /// - Parameters:
    ///   - decimalSeparator: `.` or `,`.
    ///   - groupingSeparator: The thousands separator, if any.
    /// - Throws: `ServiceDomainError/Code/malformed` (path `decimalSeparator` or `groupingSeparator`) for other
    ///   separators, or the same character for both.
    public init(decimalSeparator: Character = ".", groupingSeparator: Character? = nil) throws(ServiceDomainError) {
        guard decimalSeparator == "." || decimalSeparator == "," else {
            throw ServiceDomainError(.malformed, at: "decimalSeparator", "the decimal separator must be . or ,")
        }
        if let groupingSeparator {
            guard [",", ".", "'", " ", "\u{00A0}", "\u{202F}"].contains(groupingSeparator),
                groupingSeparator != decimalSeparator
            else {
                throw ServiceDomainError(
                    .malformed,
                    at: "groupingSeparator",
                    "the grouping separator must be , . ' a space or a no-break space, and not the decimal separator"
                )
            }
        }
        self.init(unchecked: decimalSeparator, groupingSeparator)
    }

    private init(unchecked decimal: Character, _ grouping: Character?) {
        self.decimalSeparator = decimal
        self.groupingSeparator = grouping
    }

    /// Reads a number.
    ///
    /// - Parameter text: The field, surrounding spaces ignored.
    /// - Returns: The value.
    /// - Throws: `ServiceDomainError/Code/malformed` naming the value (cut to 80 characters) when it is not a
    ///   decimal number in this format.
    public func number(from text: String) throws(ServiceDomainError) -> Double {
        let trimmed = text.trimmingSpacesAndTabs
        guard
            let value = DecimalText.parse(
                trimmed,
                decimal: decimalSeparator.asciiValue ?? UInt8(ascii: "."),
                grouping: groupingSeparator.map { Array(String($0).utf8) }
            )
        else {
            throw ServiceDomainError(
                .malformed,
                "\(quoted(trimmed)) is not a decimal number"
                    + (decimalSeparator == "," ? " with a decimal comma" : "")
                    + (groupingSeparator.map { " (thousands separated by \"\($0)\")" } ?? "")
            )
        }
        return value
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case decimalSeparator
        case groupingSeparator
    }

    /// Decodes a format, checking it.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for unknown keys or bad separators.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let decimal = try container.decodeIfPresent(String.self, forKey: .decimalSeparator) ?? "."
        let grouping = try container.decodeIfPresent(String.self, forKey: .groupingSeparator)
        guard decimal.count == 1, grouping.map({ $0.count == 1 }) ?? true, let decimalCharacter = decimal.first else {
            throw DecodingError.dataCorruptedError(
                forKey: .decimalSeparator,
                in: container,
                debugDescription: "separators are single characters"
            )
        }
        do throws(ServiceDomainError) {
            try self.init(decimalSeparator: decimalCharacter, groupingSeparator: grouping?.first)
        } catch {
            throw DecodingError.invalid(error, codingPath: decoder.codingPath)
        }
    }

    /// Encodes the documented form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(String(decimalSeparator), forKey: .decimalSeparator)
        try container.encodeIfPresent(groupingSeparator.map(String.init), forKey: .groupingSeparator)
    }
}

/// A strict decimal reader shared by numbers, durations and Unix instants.
enum DecimalText {
    /// The value of `[+-]digits[(grouping digits{3})*][decimal digits]`, or `nil`.
    static func parse(_ text: String, decimal: UInt8, grouping: [UInt8]?) -> Double? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        var normal: [UInt8] = []
        var index = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            if bytes[0] == UInt8(ascii: "-") { normal.append(bytes[0]) }
            index = 1
        }
        bytes.removeFirst(index)
        var integerDigits = 0
        var groups: [Int] = []
        var i = 0
        var run = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte >= 48, byte <= 57 {
                normal.append(byte)
                integerDigits += 1
                run += 1
                i += 1
            } else if let grouping, bytes[i...].starts(with: grouping), run > 0 {
                groups.append(run)
                run = 0
                i += grouping.count
            } else {
                break
            }
        }
        guard integerDigits > 0 || (i < bytes.count && bytes[i] == decimal) else { return nil }
        if !groups.isEmpty {
            groups.append(run)
            guard (1...3).contains(groups[0]), groups.dropFirst().allSatisfy({ $0 == 3 }) else { return nil }
        }
        guard integerDigits <= 15 else { return nil }
        if i < bytes.count {
            guard bytes[i] == decimal, i + 1 < bytes.count else { return nil }
            normal.append(UInt8(ascii: "."))
            i += 1
            var fractionDigits = 0
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                normal.append(bytes[i])
                i += 1
                fractionDigits += 1
            }
            guard fractionDigits > 0, i == bytes.count else { return nil }
            if integerDigits == 0 { normal.insert(48, at: normal.count - fractionDigits - 1) }
        }
        return exactValue(normal) ?? Double(String(decoding: normal, as: UTF8.self))
    }

    /// The value of `[-]digits[.digits]` computed directly when it is exact: a mantissa below 2^53 divided by a power
    /// of ten up to 10^22 (both exact in a `Double`, so the one division is correctly rounded, as parsing is).
    static func exactValue(_ normal: [UInt8]) -> Double? {
        var mantissa: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var negative = false
        for byte in normal {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): seenPoint = true
            default:
                mantissa = mantissa &* 10 &+ Int64(byte &- 48)
                if seenPoint { fractionDigits += 1 }
                guard mantissa < 1 << 53 else { return nil }
            }
        }
        guard fractionDigits <= 22 else { return nil }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
