public import ServiceDomain

/// Answers to one rating question held column by column, for scoring millions of them.
///
/// Each answer is checked against the scale as it is appended (a whole point of the scale, a finite non-negative
/// weight) and kept as its point's index (a byte), its segment as an `EncodedColumn` code, and its weight — no
/// weight column at all while every weight is 1. ``ScaleTally/add(_:)-(ResponseBatch)`` and
/// ``SegmentedTally/add(_:)-(ResponseBatch)`` then count a batch in one pass over small integers.
///
/// ```swift
/// var batch = ResponseBatch(scale: .netPromoter)
/// for row in rows { try batch.append(score: row.score, segment: row.region) }
/// var bySegment = SegmentedTally(scale: .netPromoter)
/// try bySegment.add(batch)      // the tally adding each SurveyResponse would give, to the last bit
/// ```
public struct ResponseBatch: Sendable, Hashable {
    /// The scale every answer is on.
    public let scale: RatingScale
    /// Each answer's segment, `""` for none.
    public private(set) var segment = EncodedColumn()
    /// Each answer's point, as its index on the scale (score − minimum).
    public private(set) var points: [UInt8] = []
    /// Each answer's weight, or `nil` while every weight is 1.
    public private(set) var weights: [Double]?

    /// An empty batch.
    ///
    /// - Parameter scale: The scale.
    public init(scale: RatingScale) { self.scale = scale }

    /// A batch of responses, in order.
    ///
    /// - Parameters:
    ///   - scale: The scale.
    ///   - responses: The responses.
    /// - Throws: The first bad response's error, its path prefixed with `responses[i]`.
    public init(scale: RatingScale, _ responses: some Sequence<SurveyResponse>) throws(ServiceSatisfactionError) {
        self.init(scale: scale)
        for (position, response) in responses.enumerated() {
            do {
                try append(response)
            } catch {
                throw error.nested(under: "responses[\(position)]")
            }
        }
    }

    /// The number of answers.
    public var count: Int { points.count }

    /// Appends a response.
    ///
    /// - Parameter response: The response.
    /// - Throws: As `RatingScale.check(_:)` (`score` or `weight`); the batch is unchanged then.
    public mutating func append(_ response: SurveyResponse) throws(ServiceSatisfactionError) {
        try scale.check(response)
        append(point: UInt8(Int(response.score) - scale.minimum), weight: response.weight, segment: response.segment)
    }

    /// Appends an answer.
    ///
    /// - Parameters:
    ///   - score: A point of the scale.
    ///   - weight: A finite weight, not negative.
    ///   - segment: The respondent's segment, if any.
    /// - Throws: ``ServiceSatisfactionError`` with code `nonFinite` or `outOfRange` (path `score` or `weight`).
    public mutating func append(score: Double, weight: Double = 1, segment: String? = nil)
        throws(ServiceSatisfactionError)
    {
        try append(SurveyResponse(id: String(count), score: score, weight: weight, segment: segment))
    }

    private mutating func append(point: UInt8, weight: Double, segment name: String?) {
        if weight != 1, weights == nil { weights = Array(repeating: 1, count: points.count) }
        points.append(point)
        segment.append(name ?? "")
        weights?.append(weight)
    }

    /// Reserves room.
    ///
    /// - Parameter rows: The number of answers expected in all.
    public mutating func reserveCapacity(_ rows: Int) {
        points.reserveCapacity(rows)
        segment.reserveCapacity(rows)
        weights?.reserveCapacity(rows)
    }

    /// The batch without the given rows, the others in order: the batch appending only those would give (segment
    /// codes in order of first appearance among the rows kept, no weight column if every weight kept is 1).
    func removing(rows removed: Set<Int>) -> ResponseBatch {
        var kept = ResponseBatch(scale: scale)
        kept.reserveCapacity(count - removed.count)
        for row in 0..<count where !removed.contains(row) {
            kept.append(point: points[row], weight: weights?[row] ?? 1, segment: segment[row])
        }
        return kept
    }

    /// Removes every answer, keeping the segment labels and the capacity (for refilling while streaming).
    public mutating func removeAll() {
        points.removeAll(keepingCapacity: true)
        segment.removeAllRows()
        weights = nil
    }
}

extension ScaleTally {
    /// Adds a batch of answers: the tally adding them one by one gives, to the last bit.
    ///
    /// Unweighted answers are counted per point and added as whole numbers (exactly what adding 1 at a time gives
    /// while the sums are whole numbers below 2⁵³; otherwise they are added one at a time); weighted ones are added in
    /// row order.
    ///
    /// - Parameter batch: Answers on the same scale.
    /// - Throws: ``ServiceSatisfactionError`` with code `differentScales`.
    public mutating func add(_ batch: ResponseBatch) throws(ServiceSatisfactionError) {
        try requireScale(batch.scale)
        let pointCount = scale.pointCount
        if let rowWeights = batch.weights {
            var sums = weights
            var squares = squaredWeights
            batch.points.withUnsafeBufferPointer { points in
                rowWeights.withUnsafeBufferPointer { rowWeights in
                    sums.withUnsafeMutableBufferPointer { sums in
                        for row in 0..<points.count {
                            let weight = rowWeights[row]
                            sums[Int(points[row])] += weight
                            squares += weight * weight
                        }
                    }
                }
            }
            replace(weights: sums, squaredWeights: squares, adding: batch.count)
        } else {
            var counts = [Int](repeating: 0, count: pointCount)
            batch.points.withUnsafeBufferPointer { points in
                counts.withUnsafeMutableBufferPointer { counts in
                    for point in points { counts[Int(point)] += 1 }
                }
            }
            addUnit(counts: counts)
        }
    }

    func requireScale(_ other: RatingScale) throws(ServiceSatisfactionError) {
        guard other == scale else {
            throw ServiceSatisfactionError(
                .differentScales,
                at: "scale",
                "cannot add answers on \(other.name) to answers on \(scale.name)"
            )
        }
    }

    /// Adds `counts[i]` answers of weight 1 at each point, as that many single additions would.
    mutating func addUnit(counts: [Int]) {
        var sums = weights
        var squares = squaredWeights
        var added = 0
        for (index, count) in counts.enumerated() where count > 0 {
            sums[index] = Self.addOnes(count, to: sums[index])
            squares = Self.addOnes(count, to: squares)
            added += count
        }
        replace(weights: sums, squaredWeights: squares, adding: added)
    }

    /// `value + 1 + 1 + …` (`count` ones) as repeated floating-point additions give it.
    static func addOnes(_ count: Int, to value: Double) -> Double {
        // Whole numbers below 2⁵³ add exactly, so one addition gives the same result; otherwise add one at a time.
        if value == value.rounded(), value + Double(count) <= 9_007_199_254_740_992 { return value + Double(count) }
        var sum = value
        for _ in 0..<count { sum += 1 }
        return sum
    }
}

extension SegmentedTally {
    /// Adds a batch of answers to the overall tally and each segment's: the tally adding them one by one gives, to the
    /// last bit.
    ///
    /// - Parameter batch: Answers on the same scale.
    /// - Throws: ``ServiceSatisfactionError`` with code `differentScales`.
    public mutating func add(_ batch: ResponseBatch) throws(ServiceSatisfactionError) {
        try overall.requireScale(batch.scale)
        let pointCount = overall.scale.pointCount
        let labels = batch.segment.labels
        guard !labels.isEmpty else { return }
        var tallies = labels.map { segments[$0] ?? ScaleTally(scale: overall.scale) }
        var counts = [Int](repeating: 0, count: labels.count)
        if let rowWeights = batch.weights {
            // One weight sum per segment and point, and per segment the squares, in row order; the overall ones too.
            var sums = [Double](repeating: 0, count: labels.count * pointCount)
            var squares = tallies.map(\.squaredWeights)
            for (code, tally) in tallies.enumerated() {
                for point in 0..<pointCount { sums[code * pointCount + point] = tally.weights[point] }
            }
            var overallSums = overall.weights
            var overallSquares = overall.squaredWeights
            batch.points.withUnsafeBufferPointer { points in
                batch.segment.codes.withUnsafeBufferPointer { codes in
                    rowWeights.withUnsafeBufferPointer { rowWeights in
                        sums.withUnsafeMutableBufferPointer { sums in
                            squares.withUnsafeMutableBufferPointer { squares in
                                counts.withUnsafeMutableBufferPointer { counts in
                                    overallSums.withUnsafeMutableBufferPointer { overallSums in
                                        for row in 0..<points.count {
                                            let weight = rowWeights[row]
                                            let code = Int(codes[row])
                                            let point = Int(points[row])
                                            let square = weight * weight
                                            sums[code * pointCount + point] += weight
                                            squares[code] += square
                                            counts[code] += 1
                                            overallSums[point] += weight
                                            overallSquares += square
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for code in tallies.indices where counts[code] > 0 {
                tallies[code].replace(
                    weights: Array(sums[(code * pointCount)..<((code + 1) * pointCount)]),
                    squaredWeights: squares[code],
                    adding: counts[code]
                )
            }
            overall.replace(weights: overallSums, squaredWeights: overallSquares, adding: batch.count)
        } else {
            var pointCounts = [Int](repeating: 0, count: labels.count * pointCount)
            batch.points.withUnsafeBufferPointer { points in
                batch.segment.codes.withUnsafeBufferPointer { codes in
                    pointCounts.withUnsafeMutableBufferPointer { pointCounts in
                        for row in 0..<points.count {
                            pointCounts[Int(codes[row]) * pointCount + Int(points[row])] += 1
                        }
                    }
                }
            }
            var overallCounts = [Int](repeating: 0, count: pointCount)
            for code in tallies.indices {
                let mine = Array(pointCounts[(code * pointCount)..<((code + 1) * pointCount)])
                counts[code] = mine.reduce(0, +)
                guard counts[code] > 0 else { continue }
                for point in 0..<pointCount { overallCounts[point] += mine[point] }
                tallies[code].addUnit(counts: mine)
            }
            overall.addUnit(counts: overallCounts)
        }
        for (code, label) in labels.enumerated() where counts[code] > 0 { segments[label] = tallies[code] }
    }
}
