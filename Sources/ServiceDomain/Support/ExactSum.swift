/// The exact sum of finite `Double`s: independent of the order of the additions, mergeable, and with one canonical
/// form, so that a state folded in one pass and the same values folded in shards and merged in any order hold the
/// same sum to the last bit and encode to the same bytes.
///
/// Every finite `Double` is an integer multiple of 2⁻¹⁰⁷⁴, so a fixed-point accumulator wide enough for the whole
/// range of `Double` (a *long accumulator*, after Kulisch) holds any sum of them without rounding. Whole numbers
/// below 2⁵³ — durations in whole seconds, counts — are added to a machine integer first, which is exact too and
/// costs one addition; only other values touch the wide digits, which are allocated when the first one arrives.
///
/// ``value`` rounds the exact sum to the nearest `Double` (ties to even) once, when it is read. ``expansion`` is its
/// canonical form: the rounded sum, then the rounded remainder, and so on, until nothing is left (at most about 40
/// numbers, and one for every sum of whole numbers below 2⁵³); equal sums have equal expansions.
package struct ExactSum: Sendable {
    /// The sum of the whole-number addends taken the fast way.
    private var whole = 0
    /// Carry-save digits of 32 bits, least significant first: `digits[i]` weighs 2^(32i − 1074).
    ///
    /// Each holds a signed 64-bit value so that carries can wait; ``pending`` counts additions since they last
    /// propagated. Empty until an addend is not a whole number below 2⁵³.
    private var digits: [Int64] = []
    private var pending = 0

    /// Digits: 2 098 bits of range (2⁻¹⁰⁷⁴ to 2¹⁰²⁴), 64 bits of headroom for sums of up to 2⁶³ maximal values, and
    /// the sign in the last.
    private static let digitCount = 72
    /// The bit position of 2⁰ in the accumulator.
    private static let unitPosition = 1074
    /// Carries must propagate before a digit could leave ±2⁶², after 2³⁰ additions of at most 2³² each.
    private static let carryInterval = 1 << 29

    /// Zero.
    package init() {}

    /// Whether the sum is exactly zero.
    package var isZero: Bool {
        // The whole part and the wide digits may cancel (1, then −1 − 2⁻⁶⁰ + 2⁻⁶⁰): only their sum decides.
        digits.isEmpty ? whole == 0 : normalized().allSatisfy { $0 == 0 }
    }

    /// Adds a finite value exactly. (A non-finite value is the caller's to reject; it is ignored here.)
    ///
    /// A hot loop in another module is not inlined into: it sums its whole numbers in a local integer and hands them
    /// over with ``add(integer:)``, as `Distribution`'s batch add does.
    package mutating func add(_ value: Double) {
        // The fast path: a whole number below 2⁵³ in magnitude, into the integer while it does not overflow.
        if abs(value) < 0x1p53, value.rounded(.towardZero) == value {
            let (sum, overflowed) = whole.addingReportingOverflow(Int(value))
            if !overflowed {
                whole = sum
                return
            }
            spillWhole()
            whole = Int(value)
            return
        }
        addWide(value)
    }

    /// Adds a whole number exactly: what a fold that sums whole numbers in a local integer hands over at the end.
    package mutating func add(integer value: Int) {
        let (sum, overflowed) = whole.addingReportingOverflow(value)
        if overflowed {
            spillWhole()
            whole = value
        } else {
            whole = sum
        }
    }

    /// Adds another exact sum.
    package mutating func add(_ other: ExactSum) {
        let (sum, overflowed) = whole.addingReportingOverflow(other.whole)
        if overflowed {
            spillWhole()
            whole = other.whole
        } else {
            whole = sum
        }
        guard !other.digits.isEmpty else { return }
        if digits.isEmpty {
            digits = other.digits
            pending = other.pending
        } else {
            for index in digits.indices { digits[index] &+= other.digits[index] }
            pending += other.pending + 1
        }
        if pending >= Self.carryInterval { propagate() }
    }

    /// The sum rounded to the nearest `Double`, ties to even; infinite when the exact sum is beyond `Double`'s range.
    package var value: Double {
        if digits.isEmpty { return Double(whole) }
        return Self.rounded(normalized())
    }

    /// The canonical expansion of the sum, or `nil` when the sum is beyond `Double`'s range.
    ///
    /// The rounded sum, then the rounded remainder, and so on, each term a finite `Double` far smaller than the one
    /// before, ending at the first exact term; `[0]` for zero. Equal sums give equal expansions; adding the terms
    /// exactly gives the sum back.
    package var expansion: [Double]? {
        var rest = self
        var terms: [Double] = []
        repeat {
            let term = rest.value
            guard term.isFinite else { return nil }
            terms.append(term)
            rest.add(-term)
        } while !rest.isZero && terms.count < 64
        return terms
    }

    /// The sum of the terms of an expansion (or of any finite values), exactly.
    package init(adding terms: some Sequence<Double>) {
        for term in terms { add(term) }
    }

    // MARK: - Implementation

    /// Moves the integer part into the digits.
    private mutating func spillWhole() {
        guard whole != 0 else { return }
        reserveDigits()
        let magnitude = UInt64(whole.magnitude)
        addMagnitude(magnitude, at: Self.unitPosition, negative: whole < 0)
        whole = 0
    }

    private mutating func reserveDigits() {
        if digits.isEmpty { digits = [Int64](repeating: 0, count: Self.digitCount) }
    }

    private mutating func addWide(_ value: Double) {
        guard value != 0, value.isFinite else { return }
        reserveDigits()
        // value = significand · 2^(exponent − 52), the significand a 53-bit integer (subnormals: exponent −1022).
        let bits = value.bitPattern
        let biased = Int((bits >> 52) & 0x7FF)
        let fraction = bits & 0x000F_FFFF_FFFF_FFFF
        let significand = biased == 0 ? fraction : fraction | (1 << 52)
        let lowestBit = (biased == 0 ? 1 : biased) - 1075  // the exponent of the significand's last bit
        addMagnitude(significand, at: lowestBit + Self.unitPosition, negative: value < 0)
    }

    /// Adds or subtracts `magnitude · 2^(position − 1074)`, `position` not negative.
    private mutating func addMagnitude(_ magnitude: UInt64, at position: Int, negative: Bool) {
        let digit = position >> 5
        let shift = UInt64(position & 31)
        // magnitude << shift spans up to 96 bits: three 32-bit parts.
        let low = magnitude << shift
        let part0 = Int64(low & 0xFFFF_FFFF)
        let part1 = Int64(low >> 32)
        let part2 = shift == 0 ? 0 : Int64(magnitude >> (64 - shift))
        if negative {
            digits[digit] &-= part0
            digits[digit + 1] &-= part1
            digits[digit + 2] &-= part2
        } else {
            digits[digit] &+= part0
            digits[digit + 1] &+= part1
            digits[digit + 2] &+= part2
        }
        pending += 1
        if pending >= Self.carryInterval { propagate() }
    }

    /// Propagates carries so that every digit but the last lies in 0..<2³²; the last carries the sign.
    private mutating func propagate() {
        digits = Self.propagated(digits)
        pending = 0
    }

    private static func propagated(_ digits: [Int64]) -> [Int64] {
        var digits = digits
        var carry: Int64 = 0
        for index in 0..<(digits.count - 1) {
            let value = digits[index] &+ carry
            carry = value >> 32
            digits[index] = value & 0xFFFF_FFFF
        }
        digits[digits.count - 1] &+= carry
        return digits
    }

    /// The digits with the integer part included and carries propagated: one form for each sum.
    private func normalized() -> [Int64] {
        var copy = self
        copy.reserveDigits()
        copy.spillWhole()
        return Self.propagated(copy.digits)
    }

    /// Rounds normalised digits to the nearest `Double`, ties to even.
    private static func rounded(_ normalized: [Int64]) -> Double {
        var digits = normalized
        let negative = (digits.last ?? 0) < 0
        if negative {
            // −x: complement every digit and add one, then propagate again.
            for index in digits.indices { digits[index] = -digits[index] }
            digits = propagated(digits)
        }
        guard let top = digits.lastIndex(where: { $0 != 0 }) else { return 0 }
        func digit(_ index: Int) -> UInt64 { index >= 0 ? UInt64(digits[index]) : 0 }
        // The top three digits as 96 bits in (high, low): high = d[top]·2³² + d[top − 1], low = d[top − 2]·2³².
        var high = digit(top) << 32 | digit(top - 1)
        var low = digit(top - 2) << 32
        let sticky = top >= 3 && digits[0..<(top - 2)].contains { $0 != 0 }
        let zeros = high.leadingZeroBitCount
        if zeros > 0 {
            high = high << UInt64(zeros) | low >> UInt64(64 - zeros)
            low <<= UInt64(zeros)
        }
        // high now has its top bit set: the value is (high·2⁶⁴ + low) · 2^(32(top − 2) − 32 − zeros − 1074).
        var significand = high >> 11
        let remainder = high & 0x7FF
        let half: UInt64 = 0x400
        if remainder > half || (remainder == half && (low != 0 || sticky || significand & 1 == 1)) {
            significand += 1
        }
        let exponent = 32 * (top - 2) - 32 - zeros - unitPosition + 64 + 11
        let magnitude = Double(sign: .plus, exponent: exponent, significand: Double(significand))
        return negative ? -magnitude : magnitude
    }
}

extension ExactSum: Equatable, Hashable {
    /// Whether two sums are exactly equal.
    package static func == (lhs: ExactSum, rhs: ExactSum) -> Bool {
        if lhs.digits.isEmpty, rhs.digits.isEmpty { return lhs.whole == rhs.whole }
        return lhs.normalized() == rhs.normalized()
    }

    /// Hashes the sum by its rounded value (equal sums round alike).
    package func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
