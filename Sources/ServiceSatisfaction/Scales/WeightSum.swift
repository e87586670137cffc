import ServiceDomain

/// Exact sums of non-negative survey weights — one per scale point and one of the squares — fast enough for the
/// batch loops: the same sums to the last bit whatever the order of the additions or the split into shards, so that
/// merged shards equal one pass exactly.
///
/// A weight `m · 2^q` (`m` its 53-bit significand) whose bits fall in a fixed window — 2⁻¹²⁸ to 2²⁵⁵, which holds any
/// value from 2⁻⁷⁶ to 2⁷⁴ added up to 2⁵³ times — goes into eight carry-save digits of 32 bits with three integer
/// additions; any other value (a subnormal square, an enormous weight) into an `ExactSum` beside. Both are exact, so
/// the total is too. Carries propagate at least every 2²⁹ additions.
struct WeightSums: Sendable {
    /// Digits per sum.
    static let width = 8
    /// Additions a digit can take before its carries must propagate.
    static let carryInterval = 1 << 29

    /// `sums × 8` digits; digit `i` of a sum weighs 2^(32i − 128).
    private(set) var digits: [Int64]
    /// Additions since the carries last propagated.
    private var pending = 0
    /// Values outside the window, by sum.
    private var outliers: [Int: ExactSum] = [:]

    /// `count` sums of zero.
    init(count: Int) { digits = Array(repeating: 0, count: count * Self.width) }

    /// How many sums.
    var count: Int { digits.count / Self.width }

    /// Adds a finite, non-negative value into the window digits at `base`; `false` when it falls outside (zero
    /// included: the caller skips zeros and hands other outliers to ``addOutlier(_:to:)``).
    @inline(__always)
    static func add(_ value: Double, into digits: UnsafeMutableBufferPointer<Int64>, at base: Int) -> Bool {
        let bits = value.bitPattern
        // The position of the significand's lowest bit above 2⁻¹²⁸: the exponent field − 1075 + 128.
        let position = Int(truncatingIfNeeded: (bits &>> 52) & 0x7FF) &- 947
        guard bits &>> 63 == 0, UInt(bitPattern: position) <= 149 else { return false }
        let significand = (bits & 0x000F_FFFF_FFFF_FFFF) | 0x0010_0000_0000_0000
        let digit = base &+ position &>> 5
        let shift = UInt64(truncatingIfNeeded: position & 31)
        let low = (significand & 0xFFFF_FFFF) &<< shift
        let high = (significand &>> 32) &<< shift
        digits[digit] &+= Int64(bitPattern: low & 0xFFFF_FFFF)
        digits[digit &+ 1] &+= Int64(bitPattern: (low &>> 32) &+ (high & 0xFFFF_FFFF))
        digits[digit &+ 2] &+= Int64(bitPattern: high &>> 32)
        return true
    }

    /// Adds a value outside the window (or any value) exactly; zeros are skipped.
    mutating func addOutlier(_ value: Double, to sum: Int) {
        guard value != 0 else { return }
        outliers[sum, default: ExactSum()].add(value)
    }

    /// Adds one value to one sum.
    mutating func add(_ value: Double, to sum: Int) {
        let inside = digits.withUnsafeMutableBufferPointer { Self.add(value, into: $0, at: sum * Self.width) }
        if !inside { addOutlier(value, to: sum) }
        note(1)
    }

    /// Records `additions` more additions into the digits, propagating the carries when they are due.
    ///
    /// A loop that
    /// adds directly into ``withDigits(_:)`` calls it at least every ``carryInterval`` additions.
    mutating func note(_ additions: Int) {
        pending += additions
        if pending >= Self.carryInterval / 2 { propagate() }
    }

    /// Runs `body` over the digits, for a batch loop.
    mutating func withDigits<R>(_ body: (UnsafeMutableBufferPointer<Int64>) -> R) -> R {
        digits.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Adds another set of sums of the same count.
    mutating func add(_ other: WeightSums) {
        var other = other
        other.propagate()
        propagate()
        for index in digits.indices { digits[index] &+= other.digits[index] }
        for (sum, value) in other.outliers { outliers[sum, default: ExactSum()].add(value) }
        propagate()
    }

    /// Copies sums `range` of another set into this one's sums starting at `start`, replacing them.
    ///
    /// The digits are copied as they are (carries pending), so the copy keeps the larger of the two pending counts.
    mutating func replace(from other: WeightSums, sums range: Range<Int>, at start: Int) {
        pending = max(pending, other.pending)
        for (offset, sum) in range.enumerated() {
            let target = start + offset
            for digit in 0..<Self.width {
                digits[target * Self.width + digit] = other.digits[sum * Self.width + digit]
            }
            outliers[target] = other.outliers[sum]
        }
    }

    /// Moves each digit's excess over 32 bits into the next.
    private mutating func propagate() {
        for sum in 0..<count {
            let base = sum * Self.width
            for index in base..<(base + Self.width - 1) {
                let carry = digits[index] >> 32
                digits[index] &-= carry << 32
                digits[index + 1] &+= carry
            }
        }
        pending = 0
    }

    /// One sum, exactly (each normalised digit is a whole number below 2³² times a power of two: an exact `Double`).
    func exact(_ sum: Int) -> ExactSum {
        var total = outliers[sum] ?? ExactSum()
        var carry: Int64 = 0
        for digit in 0..<Self.width {
            let raw = digits[sum * Self.width + digit] &+ carry
            let part = digit == Self.width - 1 ? raw : raw & 0xFFFF_FFFF
            carry = digit == Self.width - 1 ? 0 : raw >> 32
            if part != 0 {
                total.add(Double(part) * Double(sign: .plus, exponent: 32 * digit - 128, significand: 1))
            }
        }
        return total
    }

    /// One sum rounded to the nearest `Double` (ties to even).
    ///
    /// Read after every single addition, so without outliers it rounds the window itself — the top 96 bits and a
    /// sticky bit, as `ExactSum` rounds its own digits — instead of building an `ExactSum` (which allocates).
    func value(_ sum: Int) -> Double {
        guard outliers[sum] == nil else { return exact(sum).value }
        var normal = SIMD8<Int64>()
        var carry: Int64 = 0
        for digit in 0..<Self.width {
            let raw = digits[sum * Self.width + digit] &+ carry
            normal[digit] = digit == Self.width - 1 ? raw : raw & 0xFFFF_FFFF
            carry = digit == Self.width - 1 ? 0 : raw >> 32
        }
        guard let top = (0..<Self.width).last(where: { normal[$0] != 0 }) else { return 0 }
        func digit(_ index: Int) -> UInt64 { index >= 0 ? UInt64(normal[index]) : 0 }
        var high = digit(top) << 32 | digit(top - 1)
        var low = digit(top - 2) << 32
        let sticky = top >= 3 && (0..<(top - 2)).contains { normal[$0] != 0 }
        let zeros = high.leadingZeroBitCount
        if zeros > 0 {
            high = high << UInt64(zeros) | low >> UInt64(64 - zeros)
            low <<= UInt64(zeros)
        }
        var significand = high >> 11
        let remainder = high & 0x7FF
        if remainder > 0x400 || (remainder == 0x400 && (low != 0 || sticky || significand & 1 == 1)) {
            significand += 1
        }
        // The top bit of `high` weighs 2^(32·top + 31 − zeros − 128); the significand's lowest, 52 places below.
        return Double(sign: .plus, exponent: 32 * top - zeros - 149, significand: Double(significand))
    }

    /// One sum's canonical expansion: the rounded sum, then the rounded remainders.
    func expansion(_ sum: Int) -> [Double] {
        let exact = exact(sum)
        return exact.expansion ?? [exact.value]
    }

    /// Sums decoded from their expansions.
    init(expansions: [[Double]]) {
        self.init(count: expansions.count)
        for (sum, terms) in expansions.enumerated() {
            for term in terms where term != 0 { add(term, to: sum) }
        }
    }
}

extension WeightSums: Equatable, Hashable {
    static func == (lhs: WeightSums, rhs: WeightSums) -> Bool {
        lhs.count == rhs.count && (0..<lhs.count).allSatisfy { lhs.exact($0) == rhs.exact($0) }
    }

    func hash(into hasher: inout Hasher) {
        for sum in 0..<count { hasher.combine(value(sum)) }
    }
}

/// A batch's weights as exact integers, for the fast path of the weighted batch loops.
///
/// When every non-zero weight lies within six binades of the others (0.1 to 3.0, say), `w · 2^shift` is a whole number below 2⁵⁹ for each of them and `w² · 2^shift'` one below 2⁶⁴, and whole numbers add exactly in integers —
/// the fast path of the weighted batch loops. ``WeightSums`` takes the integer totals back exactly.
struct IntegerScale {
    /// The power of two that makes every weight whole.
    let weightShift: Int
    /// The power of two that makes every square whole.
    let squareShift: Int
    let weightScale: Double
    let squareScale: Double

    /// The scales for a batch whose non-zero weights have exponent fields from `lowest` to `highest`, or `nil` when
    /// they span too many binades (or include subnormal values or squares), for the general path.
    init?(fields: (lowest: UInt64, highest: UInt64)) {
        let (low, high) = fields
        guard low <= high else { return nil }
        // A value with exponent field E has its lowest bit at 2^(E − 1075); scaled by 2^(1075 − Emin) it is whole and
        // below 2^(53 + Emax − Emin). A square of a weight with field E has field 2E − 1023 or 2E − 1022, so the
        // squares span 2(Emax − Emin) + 1 binades: at most 11 keeps every scaled square below 2⁶⁴. Subnormal weights
        // or squares, and scales past 2¹⁰²³, take the general path.
        let (lowest, highest) = (Int(low), Int(high))
        let squareLow = 2 * lowest - 1023
        guard lowest >= 52, squareLow >= 52, highest - lowest <= 5 else { return nil }
        weightShift = 1075 - lowest
        squareShift = 1075 - squareLow
        weightScale = Double(sign: .plus, exponent: weightShift, significand: 1)
        squareScale = Double(sign: .plus, exponent: squareShift, significand: 1)
    }

    /// Adds an integer total `high · 2⁶⁴ + low`, scaled back by `2^−shift`, into a sum exactly (in 32-bit parts,
    /// each an exact `Double`).
    static func add(high: UInt64, low: UInt64, shift: Int, to sum: Int, of sums: inout WeightSums) {
        let parts: [(UInt64, Int)] = [
            (low & 0xFFFF_FFFF, -shift), (low &>> 32, 32 - shift), (high & 0xFFFF_FFFF, 64 - shift),
            (high &>> 32, 96 - shift),
        ]
        for (part, exponent) in parts where part != 0 {
            sums.add(Double(part) * Double(sign: .plus, exponent: exponent, significand: 1), to: sum)
        }
    }
}
