/// The character encoding of an exported file.
///
/// Exports arrive in more than UTF-8: Excel's "Unicode text" is UTF-16 little-endian with a byte-order mark, and
/// "CSV" saved by Excel on Windows is often Windows-1252. The reader turns every encoding into UTF-8 before it splits
/// records, chunk by chunk.
///
/// JSON: `"automatic"`, `"utf8"`, `"utf16le"`, `"utf16be"`, `"windows1252"`.
public enum TextEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// Decided from the start of the file: a byte-order mark (UTF-8, UTF-16 LE or BE) if there is one; else UTF-16
    /// when most of the first 64 KiB's odd (LE) or even (BE) bytes are zero; else UTF-8 when those bytes are valid
    /// UTF-8; else Windows-1252.
    case automatic
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// UTF-16 little-endian, with or without a byte-order mark.
    case utf16LittleEndian = "utf16le"
    /// UTF-16 big-endian, with or without a byte-order mark.
    case utf16BigEndian = "utf16be"
    /// Windows code page 1252 (Western European), a superset of ISO 8859-1's printable characters.
    case windows1252

    /// The encoding the start of a file implies, by the rules of ``automatic``.
    ///
    /// - Parameter prefix: The file's first bytes (64 KiB is plenty).
    /// - Returns: A concrete encoding (never ``automatic``).
    public static func detect(_ prefix: some Collection<UInt8>) -> TextEncoding {
        let bytes = Array(prefix.prefix(65_536))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        if bytes.count >= 4 {
            var zeroEven = 0
            var zeroOdd = 0
            for (index, byte) in bytes.enumerated() where byte == 0 {
                if index % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
            }
            let half = bytes.count / 2
            if zeroOdd * 2 > half, zeroEven * 8 < half { return .utf16LittleEndian }
            if zeroEven * 2 > half, zeroOdd * 8 < half { return .utf16BigEndian }
        }
        return UTF8Check.isValid(bytes, allowTruncatedEnd: true) ? .utf8 : .windows1252
    }
}

enum UTF8Check {
    /// Whether bytes are well-formed UTF-8; with `allowTruncatedEnd`, a sequence cut off by the end counts as valid.
    static func isValid(_ bytes: [UInt8], allowTruncatedEnd: Bool) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            if index + length > bytes.count { return allowTruncatedEnd }
            for offset in 1..<max(length, 1) where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}

/// Turns a stream of bytes in one encoding into UTF-8, chunk by chunk, keeping a code unit or surrogate cut by a
/// chunk boundary for the next chunk.
struct Transcoder {
    let encoding: TextEncoding
    private var carry: [UInt8] = []
    private var pendingHighSurrogate: UInt16?
    private var atStart = true

    init(_ encoding: TextEncoding) { self.encoding = encoding }

    /// The UTF-8 bytes of the next chunk; `final` when it is the last.
    mutating func transcode(_ chunk: [UInt8], final: Bool) -> [UInt8] {
        var input = carry + chunk
        carry = []
        if atStart {
            switch encoding {
            case .utf8, .automatic: if input.starts(with: [0xEF, 0xBB, 0xBF]) { input.removeFirst(3) }
            case .utf16LittleEndian: if input.starts(with: [0xFF, 0xFE]) { input.removeFirst(2) }
            case .utf16BigEndian: if input.starts(with: [0xFE, 0xFF]) { input.removeFirst(2) }
            case .windows1252: break
            }
            if !input.isEmpty || final { atStart = false }
        }
        switch encoding {
        case .utf8, .automatic:
            return input
        case .windows1252:
            var output: [UInt8] = []
            output.reserveCapacity(input.count + input.count / 8)
            for byte in input {
                if byte < 0x80 {
                    output.append(byte)
                } else {
                    Self.appendUTF8(Self.windows1252Scalar(byte), to: &output)
                }
            }
            return output
        case .utf16LittleEndian, .utf16BigEndian:
            let little = encoding == .utf16LittleEndian
            var output: [UInt8] = []
            output.reserveCapacity(input.count)
            var index = 0
            while index + 1 < input.count {
                let unit =
                    little
                    ? UInt16(input[index]) | UInt16(input[index + 1]) << 8
                    : UInt16(input[index]) << 8 | UInt16(input[index + 1])
                index += 2
                if let high = pendingHighSurrogate {
                    pendingHighSurrogate = nil
                    if (0xDC00...0xDFFF).contains(unit) {
                        let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                        Self.appendUTF8(scalar, to: &output)
                        continue
                    }
                    Self.appendUTF8(0xFFFD, to: &output)
                }
                switch unit {
                case 0xD800...0xDBFF: pendingHighSurrogate = unit
                case 0xDC00...0xDFFF: Self.appendUTF8(0xFFFD, to: &output)
                default: Self.appendUTF8(UInt32(unit), to: &output)
                }
            }
            if index < input.count { carry = [input[index]] }
            if final {
                if pendingHighSurrogate != nil || !carry.isEmpty { Self.appendUTF8(0xFFFD, to: &output) }
                pendingHighSurrogate = nil
                carry = []
            }
            return output
        }
    }

    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The Unicode scalar of a Windows-1252 byte at or above 0x80 (the five unassigned bytes map to U+FFFD).
    static func windows1252Scalar(_ byte: UInt8) -> UInt32 {
        guard (0x80...0x9F).contains(byte) else { return UInt32(byte) }
        let table: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        return table[Int(byte - 0x80)]
    }
}
