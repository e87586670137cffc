// Checks shared by every mergeable state (package access): the bounds a decoded shard must respect and the
// overflow-checked additions its merge uses, so that a state read from an untrusted file can never crash a merge or
// hold what no fold could have produced.

/// The limits every mergeable state keeps.
package enum StateLimits {
    /// The largest count a state holds: 2⁵³, the largest integer below which every integer is exactly a `Double`,
    /// so that every rate computed from counts is exact in its inputs and no sum of two counts can overflow `Int`.
    package static let maximumCount = 1 << 53
}

extension Checks {
    /// The sum of two counts, or `overflow` naming the field when it would pass ``StateLimits/maximumCount``.
    package static func sum(_ a: Int, _ b: Int, _ path: String) throws(E) -> Int {
        let (total, overflowed) = a.addingReportingOverflow(b)
        guard !overflowed, total >= 0, total <= StateLimits.maximumCount else {
            throw E(.overflow, at: path, "\(path) would be \(a) + \(b), past the largest count a state holds (2^53)")
        }
        return total
    }
}

extension KeyedDecodingContainer {
    /// Decodes a count: an integer from 0 to ``StateLimits/maximumCount``, or an error naming the field.
    package func decodeCount(forKey key: Key) throws -> Int {
        let value = try decode(Int.self, forKey: key)
        guard value >= 0, value <= StateLimits.maximumCount else {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: self,
                debugDescription: "\(key.stringValue) must be a count from 0 to 2^53, not \(value)"
            )
        }
        return value
    }

    /// Decodes a list of counts, each as ``decodeCount(forKey:)``, whose total is at most the limit too.
    package func decodeCounts(forKey key: Key) throws -> [Int] {
        let values = try decode([Int].self, forKey: key)
        var total = 0
        for (index, value) in values.enumerated() {
            let (sum, overflowed) = total.addingReportingOverflow(value)
            guard value >= 0, value <= StateLimits.maximumCount, !overflowed, sum <= StateLimits.maximumCount else {
                throw DecodingError.dataCorruptedError(
                    forKey: key,
                    in: self,
                    debugDescription: "\(key.stringValue)[\(index)] must be a count from 0 to 2^53 (and the "
                        + "counts together no more), not \(value)"
                )
            }
            total = sum
        }
        return values
    }

    /// Decodes a number that must be finite, or an error naming the field.
    package func decodeFinite(forKey key: Key, notNegative: Bool = false) throws -> Double {
        let value = try decode(Double.self, forKey: key)
        guard value.isFinite, !notNegative || value >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: self,
                debugDescription: "\(key.stringValue) must be a finite\(notNegative ? ", non-negative" : "") "
                    + "number, not \(value)"
            )
        }
        return value
    }

    /// Decodes an exact sum as ``KeyedEncodingContainer/encode(_:forKey:residualKey:)`` writes it: the rounded sum
    /// at `key` (finite; not negative when asked) and the rest of its expansion, if any, at `residualKey` (fewer
    /// than 64 finite numbers), added exactly.
    package func decodeExactSum(forKey key: Key, residualKey: Key, notNegative: Bool = false) throws -> ExactSum {
        var terms = [try decodeFinite(forKey: key, notNegative: notNegative)]
        if let rest = try decodeIfPresent([Double].self, forKey: residualKey) {
            try require(
                rest.count < 64 && rest.allSatisfy(\.isFinite),
                forKey: residualKey,
                "\(residualKey.stringValue) must be fewer than 64 finite numbers"
            )
            terms += rest
        }
        return ExactSum(adding: terms)
    }

    /// Throws an error naming the field unless the condition holds: a relation between decoded fields.
    package func require(_ condition: Bool, forKey key: Key, _ message: @autoclosure () -> String) throws {
        guard condition else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: message())
        }
    }
}

extension KeyedEncodingContainer {
    /// Encodes an exact sum in its canonical form: the rounded sum at `key` and, only when it is not exact, the rest
    /// of its expansion at `residualKey`, so that equal sums encode to equal bytes.
    package mutating func encode(_ sum: ExactSum, forKey key: Key, residualKey: Key) throws {
        let terms = sum.expansion ?? [sum.value]
        try encode(terms[0], forKey: key)
        if terms.count > 1 { try encode(Array(terms.dropFirst()), forKey: residualKey) }
    }
}
