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
    /// The lowest and highest exponent fields of the non-zero weights appended (1023 for a weight of 1), for the
    /// exact integer path of the weighted loops.
    private(set) var weightFields: (lowest: UInt64, highest: UInt64) = (.max, 0)

    /// Whether two batches hold the same answers.
    ///
    /// - Parameters:
    ///   - lhs: A batch.
    ///   - rhs: Another.
    /// - Returns: Whether scale, segments, points and weights are equal.
    public static func == (lhs: ResponseBatch, rhs: ResponseBatch) -> Bool {
        lhs.scale == rhs.scale && lhs.segment == rhs.segment && lhs.points == rhs.points && lhs.weights == rhs.weights
    }

    /// Hashes the answers.
    ///
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(scale)
        hasher.combine(segment)
        hasher.combine(points)
        hasher.combine(weights)
    }

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
        if weight != 0 {
            let field = (weight.bitPattern &>> 52) & 0x7FF
            weightFields = (min(weightFields.lowest, field), max(weightFields.highest, field))
        }
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
        weightFields = (.max, 0)
    }
}

extension ScaleTally {
    /// Adds a batch of answers: the tally adding them one by one gives, to the last bit (the sums are exact).
    ///
    /// - Parameter batch: Answers on the same scale.
    /// - Throws: ``ServiceSatisfactionError`` with code `differentScales`.
    public mutating func add(_ batch: ResponseBatch) throws(ServiceSatisfactionError) {
        try requireScale(batch.scale)
        let pointCount = scale.pointCount
        if let rowWeights = batch.weights {
            let squaresBase = pointCount * WeightSums.width
            updateSums(adding: batch.count) { sums in
                var outliers: [(sum: Int, value: Double)] = []
                batch.points.withUnsafeBufferPointer { points in
                    rowWeights.withUnsafeBufferPointer { rowWeights in
                        for chunk in stride(from: 0, to: points.count, by: WeightSums.carryInterval / 4) {
                            let end = min(points.count, chunk + WeightSums.carryInterval / 4)
                            sums.withDigits { digits in
                                for row in chunk..<end {
                                    let weight = rowWeights[row]
                                    guard weight != 0 else { continue }
                                    let point = Int(points[row])
                                    let square = weight * weight
                                    if !WeightSums.add(weight, into: digits, at: point * WeightSums.width) {
                                        outliers.append((point, weight))
                                    }
                                    if !WeightSums.add(square, into: digits, at: squaresBase) {
                                        outliers.append((pointCount, square))
                                    }
                                }
                            }
                            sums.note(end - chunk)
                        }
                    }
                }
                for outlier in outliers { sums.addOutlier(outlier.value, to: outlier.sum) }
            }
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

    /// Adds `counts[i]` answers of weight 1 at each point: `counts[i]` to the point's sum and to the squares' (the
    /// sums are exact, so one addition of the count is what that many additions of 1 give).
    mutating func addUnit(counts: [Int]) {
        let added = counts.reduce(0, +)
        updateSums(adding: added) { sums in
            for (point, count) in counts.enumerated() where count > 0 {
                sums.add(Double(count), to: point)
            }
            if added > 0 { sums.add(Double(added), to: counts.count) }
        }
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
            // The batch's own sums, every segment's side by side (points, then squares), from zero: exact, so adding
            // them to the tallies afterwards is what adding row by row gives. The overall sums are the segments'.
            let stride = pointCount + 1
            let width = WeightSums.width
            var delta = WeightSums(count: labels.count * stride)
            var outliers: [(sum: Int, value: Double)] = []
            let integers = IntegerScale(fields: batch.weightFields)
            if let integers, batch.count < 1 << 31 {
                // Whole numbers: a 128-bit sum per point and for the squares, low word then high word, which holds
                // fewer than 2³¹ rows of values below 2⁶⁴.
                var halves = [UInt64](repeating: 0, count: 2 * labels.count * stride)
                batch.points.withUnsafeBufferPointer { points in
                    batch.segment.codes.withUnsafeBufferPointer { codes in
                        rowWeights.withUnsafeBufferPointer { rowWeights in
                            counts.withUnsafeMutableBufferPointer { counts in
                                halves.withUnsafeMutableBufferPointer { halves in
                                    let (weightScale, squareScale) = (integers.weightScale, integers.squareScale)
                                    for row in 0..<points.count {
                                        let code = Int(codes[row])
                                        counts[code] &+= 1
                                        let weight = rowWeights[row]
                                        let mine = code &* stride
                                        let pointSum = (mine &+ Int(points[row])) &<< 1
                                        // A two-word integer sum per point and for the squares: the carry
                                        // out of the low word goes into the high one.
                                        let whole = UInt64(bitPattern: Int64(weight * weightScale))  // below 2⁵⁹
                                        let (sum, carry) = halves[pointSum].addingReportingOverflow(whole)
                                        halves[pointSum] = sum
                                        halves[pointSum &+ 1] &+= carry ? 1 : 0
                                        let squares = (mine &+ pointCount) &<< 1
                                        let wholeSquare = UInt64(weight * weight * squareScale)
                                        let (squareSum, squareCarry) = halves[squares].addingReportingOverflow(
                                            wholeSquare
                                        )
                                        halves[squares] = squareSum
                                        halves[squares &+ 1] &+= squareCarry ? 1 : 0
                                    }
                                }
                            }
                        }
                    }
                }
                let low = Swift.stride(from: 0, to: halves.count, by: 2).map { halves[$0] }
                let high = Swift.stride(from: 1, to: halves.count, by: 2).map { halves[$0] }
                for sum in 0..<(labels.count * stride) where low[sum] != 0 || high[sum] != 0 {
                    let shift = sum % stride == pointCount ? integers.squareShift : integers.weightShift
                    IntegerScale.add(high: high[sum], low: low[sum], shift: shift, to: sum, of: &delta)
                }
            } else {
                batch.points.withUnsafeBufferPointer { points in
                    batch.segment.codes.withUnsafeBufferPointer { codes in
                        rowWeights.withUnsafeBufferPointer { rowWeights in
                            counts.withUnsafeMutableBufferPointer { counts in
                                for chunk in Swift.stride(from: 0, to: points.count, by: WeightSums.carryInterval / 4) {
                                    let end = min(points.count, chunk + WeightSums.carryInterval / 4)
                                    delta.withDigits { digits in
                                        for row in chunk..<end {
                                            let code = Int(codes[row])
                                            counts[code] &+= 1
                                            let weight = rowWeights[row]
                                            guard weight != 0 else { continue }
                                            let mine = code &* stride
                                            let pointSum = mine &+ Int(points[row])
                                            if !WeightSums.add(weight, into: digits, at: pointSum &* width) {
                                                outliers.append((pointSum, weight))
                                            }
                                            let square = weight * weight
                                            if !WeightSums.add(square, into: digits, at: (mine &+ pointCount) &* width)
                                            {
                                                outliers.append((mine + pointCount, square))
                                            }
                                        }
                                    }
                                    delta.note(end - chunk)
                                }
                            }
                        }
                    }
                }
            }
            for outlier in outliers { delta.addOutlier(outlier.value, to: outlier.sum) }
            var overallDelta = WeightSums(count: stride)
            for code in tallies.indices where counts[code] > 0 {
                var mine = WeightSums(count: stride)
                mine.replace(from: delta, sums: (code * stride)..<((code + 1) * stride), at: 0)
                tallies[code].updateSums(adding: counts[code]) { $0.add(mine) }
                overallDelta.add(mine)
            }
            overall.updateSums(adding: batch.count) { $0.add(overallDelta) }
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
