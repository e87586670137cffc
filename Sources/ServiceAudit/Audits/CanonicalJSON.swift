/// The canonical serialisation a template digest is taken over, defined here rather than left to whatever
/// `JSONEncoder` prints, so that a Foundation release that formats numbers or escapes differently cannot change a
/// digest.
///
/// The input is any JSON text (the template's encoded form); the output is the same value written as:
/// - no whitespace; object members sorted by the UTF-8 bytes of their unescaped keys; array order kept;
/// - strings with `"` and `\` escaped, `/` written `\/`, U+0008, U+0009, U+000A, U+000C and U+000D as `\b`, `\t`,
///   `\n`, `\f`, `\r`, other characters below U+0020 as `\u00xx` (lower-case hex), everything else as raw UTF-8;
/// - numbers read as binary64: a whole number of magnitude below 10¹⁶ in plain digits (`2`, `-40`), any other as
///   Swift prints a `Double` (the shortest text that reads back to it: `0.7`, `1e+100`), `-0` as `0`;
/// - `true`, `false`, `null`.
///
/// This is the form Foundation's encoder produced with sorted keys when digests were introduced, so the digests of
/// templates written then are unchanged.
enum CanonicalJSON {
    /// Why a text is not JSON.
    struct Malformed: Error {
        let offset: Int
    }

    /// The canonical bytes of a JSON text.
    static func canonical(_ bytes: [UInt8]) throws(Malformed) -> [UInt8] {
        var reader = Reader(bytes: bytes)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        reader.skipSpace()
        try reader.value(into: &output, depth: 0)
        reader.skipSpace()
        guard reader.index == bytes.count else { throw Malformed(offset: reader.index) }
        return output
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        func fail() -> Malformed { Malformed(offset: index) }

        mutating func expect(_ literal: String) throws(Malformed) {
            for byte in literal.utf8 {
                guard index < bytes.count, bytes[index] == byte else { throw fail() }
                index += 1
            }
        }

        mutating func value(into output: inout [UInt8], depth: Int) throws(Malformed) {
            // Templates are far shallower; the bound keeps a hostile text from exhausting the stack.
            guard depth < 512, index < bytes.count else { throw fail() }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: [UInt8], value: [UInt8])] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                } else {
                    while true {
                        skipSpace()
                        let key = try string()
                        skipSpace()
                        try expect(":")
                        skipSpace()
                        var value: [UInt8] = []
                        try self.value(into: &value, depth: depth + 1)
                        members.append((key, value))
                        skipSpace()
                        guard index < bytes.count else { throw fail() }
                        if bytes[index] == UInt8(ascii: ",") {
                            index += 1
                            continue
                        }
                        try expect("}")
                        break
                    }
                }
                members.sort { $0.key.lexicographicallyPrecedes($1.key) }
                output.append(UInt8(ascii: "{"))
                for (position, member) in members.enumerated() {
                    if position > 0 { output.append(UInt8(ascii: ",")) }
                    Self.write(member.key, into: &output)
                    output.append(UInt8(ascii: ":"))
                    output += member.value
                }
                output.append(UInt8(ascii: "}"))
            case UInt8(ascii: "["):
                index += 1
                output.append(UInt8(ascii: "["))
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                } else {
                    var first = true
                    while true {
                        skipSpace()
                        if !first { output.append(UInt8(ascii: ",")) }
                        first = false
                        try value(into: &output, depth: depth + 1)
                        skipSpace()
                        guard index < bytes.count else { throw fail() }
                        if bytes[index] == UInt8(ascii: ",") {
                            index += 1
                            continue
                        }
                        try expect("]")
                        break
                    }
                }
                output.append(UInt8(ascii: "]"))
            case UInt8(ascii: "\""):
                Self.write(try string(), into: &output)
            case UInt8(ascii: "t"):
                try expect("true")
                output += Array("true".utf8)
            case UInt8(ascii: "f"):
                try expect("false")
                output += Array("false".utf8)
            case UInt8(ascii: "n"):
                try expect("null")
                output += Array("null".utf8)
            default:
                output += Array(Self.format(try number()).utf8)
            }
        }

        /// A string's unescaped UTF-8 bytes.
        mutating func string() throws(Malformed) -> [UInt8] {
            try expect("\"")
            var result: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return result
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { throw fail() }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escape)
                    case UInt8(ascii: "b"): result.append(0x08)
                    case UInt8(ascii: "f"): result.append(0x0C)
                    case UInt8(ascii: "n"): result.append(0x0A)
                    case UInt8(ascii: "r"): result.append(0x0D)
                    case UInt8(ascii: "t"): result.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            try expect("\\u")
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw fail() }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw fail() }
                        result += Array(String(Character(unicode)).utf8)
                    default: throw fail()
                    }
                case 0x00..<0x20: throw fail()
                default: result.append(byte)
                }
            }
            throw fail()
        }

        mutating func hex4() throws(Malformed) -> UInt32 {
            guard index + 4 <= bytes.count,
                let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw fail() }
            index += 4
            return value
        }

        mutating func number() throws(Malformed) -> Double {
            let start = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            guard index > start, let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)),
                value.isFinite
            else { throw Malformed(offset: start) }
            return value
        }

        static func format(_ value: Double) -> String {
            if value == 0 { return "0" }
            if value == value.rounded(), abs(value) < 1e16 { return String(Int64(value)) }
            return value.description
        }

        static func write(_ string: [UInt8], into output: inout [UInt8]) {
            let hex = Array("0123456789abcdef".utf8)
            output.append(UInt8(ascii: "\""))
            for byte in string {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                    output += [UInt8(ascii: "\\"), byte]
                case 0x08: output += Array("\\b".utf8)
                case 0x09: output += Array("\\t".utf8)
                case 0x0A: output += Array("\\n".utf8)
                case 0x0C: output += Array("\\f".utf8)
                case 0x0D: output += Array("\\r".utf8)
                case 0x00..<0x20:
                    output += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: output.append(byte)
                }
            }
            output.append(UInt8(ascii: "\""))
        }
    }
}
