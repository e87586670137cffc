public import Foundation
public import ServiceDomain

/// An agreement coefficient with its interval.
///
/// JSON: `{"value": 0.4, "lower": 0.15, "upper": 0.65, "level": 0.95, "method": "asymptotic", "items": 50,
/// "observedAgreement": 0.7, "expectedAgreement": 0.5}` (absent figures are `null`).
public struct AgreementEstimate: Sendable, Hashable, Codable {
    /// The coefficient (1 is perfect agreement, 0 what chance gives, below 0 worse); `nil` when undefined (every
    /// rating in one category, say).
    public let value: Double?
    /// The interval's lower bound.
    public let lower: Double?
    /// The interval's upper bound.
    public let upper: Double?
    /// The confidence level.
    public let level: Double
    /// How the interval was computed.
    public let method: IntervalMethod
    /// The standard error, when the method has one.
    public let standardError: Double?
    /// Items (interactions) rated, and pairable.
    public let items: Int
    /// The observed agreement (kappas) or `1 − D_o` on the normalised scale (`nil` for alpha).
    public let observedAgreement: Double?
    /// The agreement chance alone would give.
    public let expectedAgreement: Double?

    /// How an agreement interval is computed.
    public enum IntervalMethod: String, Sendable, Hashable, Codable {
        /// `value ± z·SE` with the large-sample standard error (Fleiss, Cohen and Everitt 1969 for Cohen's kappa).
        case asymptotic
        /// The percentile bootstrap over items: 2,000 resamples from a fixed seed, so the same data give the same
        /// interval everywhere.
        case bootstrap
    }
}

/// How far apart two ratings are for Krippendorff's alpha (Krippendorff 2011, *Computing Krippendorff's
/// Alpha-Reliability*).
public enum LevelOfMeasurement: String, Sendable, Hashable, Codable, CaseIterable {
    /// Categories: any two different values disagree equally.
    case nominal
    /// Ranks: the distance between two values grows with the ratings that lie between them.
    case ordinal
    /// Numbers: the squared difference.
    case interval
}

/// Agreement between quality reviewers who rated the same interactions: for calibrating a QA team.
public enum ReviewerAgreement: Sendable {
    /// Resamples of the bootstrap intervals.
    public static let bootstrapResamples = 2_000

    /// Cohen's kappa for two reviewers' categories on the same items, with the Fleiss–Cohen–Everitt (1969)
    /// large-sample standard error and its normal interval.
    ///
    /// `κ = (p_o − p_e)/(1 − p_e)` from the agreement table `p` (proportions), `p_o = Σ p_ii`, `p_e = Σ p_i· p_·i`;
    /// `var κ = [Σ p_ii (1 − (p_i· + p_·i)(1 − κ))² + (1 − κ)² Σ_{i≠j} p_ij (p_·i + p_j·)² − (κ − p_e(1 − κ))²] /
    /// (n (1 − p_e)²)`.
    ///
    /// - Parameters:
    ///   - first: The first reviewer's rating of each item.
    ///   - second: The second reviewer's rating of the same items, in the same order.
    ///   - level: The confidence level, strictly between 0 and 1.
    /// - Returns: The kappa; `nil` value when chance agreement is 1 (both reviewers used one category).
    /// - Throws: ``ServiceStandardsError`` with code `empty` (path `first`) for no items, `inconsistent` (path
    ///   `second`) for lists of different lengths, `outOfRange` (path `level`).
    public static func cohensKappa(_ first: [String], _ second: [String], level: Double = 0.95)
        throws(ServiceStandardsError) -> AgreementEstimate
    {
        guard !first.isEmpty else { throw ServiceStandardsError(.empty, at: "first", "no items rated") }
        guard first.count == second.count else {
            throw ServiceStandardsError(.inconsistent, at: "second", "\(second.count) ratings for \(first.count) items")
        }
        let z = try criticalValue(level)
        let categories = Array(Set(first + second)).sorted()
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let k = categories.count
        var table = [Double](repeating: 0, count: k * k)
        for (a, b) in zip(first, second) { table[(index[a] ?? 0) * k + (index[b] ?? 0)] += 1 }
        let n = Double(first.count)
        let p = table.map { $0 / n }
        let rows = (0..<k).map { i in (0..<k).reduce(0) { $0 + p[i * k + $1] } }
        let columns = (0..<k).map { j in (0..<k).reduce(0) { $0 + p[$1 * k + j] } }
        let observed = (0..<k).reduce(0) { $0 + p[$1 * k + $1] }
        let expected = (0..<k).reduce(0) { $0 + rows[$1] * columns[$1] }
        guard expected < 1 else {
            return AgreementEstimate(
                value: nil,
                lower: nil,
                upper: nil,
                level: level,
                method: .asymptotic,
                standardError: nil,
                items: first.count,
                observedAgreement: observed,
                expectedAgreement: expected
            )
        }
        let kappa = (observed - expected) / (1 - expected)
        var a = 0.0
        var b = 0.0
        for i in 0..<k {
            let term = 1 - (rows[i] + columns[i]) * (1 - kappa)
            a += p[i * k + i] * term * term
            for j in 0..<k where j != i {
                let weight = columns[i] + rows[j]
                b += p[i * k + j] * weight * weight
            }
        }
        b *= (1 - kappa) * (1 - kappa)
        let c = (kappa - expected * (1 - kappa)) * (kappa - expected * (1 - kappa))
        let se = (max(0, a + b - c) / (n * (1 - expected) * (1 - expected))).squareRoot()
        return AgreementEstimate(
            value: kappa,
            lower: kappa - z * se,
            upper: kappa + z * se,
            level: level,
            method: .asymptotic,
            standardError: se,
            items: first.count,
            observedAgreement: observed,
            expectedAgreement: expected
        )
    }

    /// Fleiss' kappa (Fleiss 1971) for any number of reviewers, each item rated by the same number of them, with a
    /// bootstrap interval over items.
    ///
    /// From `counts[i][j]`, the reviewers who put item `i` in category `j` (`m` per item): `P_i = (Σ_j n_ij² − m) /
    /// (m(m − 1))`, `P̄` their mean, `p_j` the category shares, `P̄_e = Σ p_j²`, `κ = (P̄ − P̄_e)/(1 − P̄_e)`.
    ///
    /// - Parameters:
    ///   - counts: Per item, the count in each category (the same categories, in the same order, for every item).
    ///   - level: The confidence level.
    /// - Returns: The kappa; `nil` value when every rating is in one category.
    /// - Throws: ``ServiceStandardsError`` with code `empty` (path `counts`) for no items, `inconsistent` (path
    ///   `counts[i]`) for a row of another length or another total, `outOfRange` for a negative count or fewer than
    ///   two reviewers per item, or a level outside 0…1.
    public static func fleissKappa(_ counts: [[Int]], level: Double = 0.95) throws(ServiceStandardsError)
        -> AgreementEstimate
    {
        guard let first = counts.first else { throw ServiceStandardsError(.empty, at: "counts", "no items rated") }
        _ = try criticalValue(level)
        let raters = first.reduce(0, +)
        guard raters >= 2 else {
            throw ServiceStandardsError(.outOfRange, at: "counts[0]", "each item needs at least two ratings")
        }
        for (row, values) in counts.enumerated() {
            guard values.count == first.count, values.allSatisfy({ $0 >= 0 }), values.reduce(0, +) == raters else {
                throw ServiceStandardsError(
                    .inconsistent,
                    at: "counts[\(row)]",
                    "every item needs \(first.count) non-negative counts adding up to \(raters)"
                )
            }
        }
        func kappa(_ rows: [Int]) -> (value: Double?, observed: Double, expected: Double) {
            let m = Double(raters)
            var shares = [Double](repeating: 0, count: first.count)
            var agreement = 0.0
            for row in rows {
                var squares = 0.0
                for (j, count) in counts[row].enumerated() {
                    shares[j] += Double(count)
                    squares += Double(count * count)
                }
                agreement += (squares - m) / (m * (m - 1))
            }
            let total = m * Double(rows.count)
            let observed = agreement / Double(rows.count)
            let expected = shares.reduce(0) { $0 + ($1 / total) * ($1 / total) }
            return (expected < 1 ? (observed - expected) / (1 - expected) : nil, observed, expected)
        }
        let all = kappa(Array(counts.indices))
        let interval = all.value == nil ? nil : bootstrap(items: counts.count, level: level) { kappa($0).value }
        return AgreementEstimate(
            value: all.value,
            lower: interval?.lower,
            upper: interval?.upper,
            level: level,
            method: .bootstrap,
            standardError: nil,
            items: counts.count,
            observedAgreement: all.observed,
            expectedAgreement: all.expected
        )
    }

    /// Krippendorff's alpha for any number of reviewers, missing ratings allowed, at a level of measurement, with a
    /// bootstrap interval over items.
    ///
    /// From the coincidence matrix `o_ck` (each pair of ratings of an item by different reviewers, counted
    /// `1/(m_u − 1)` times, over items with at least two ratings) with margins `n_c` and total `n`:
    /// `α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck`. `δ²` is 1 for different values (nominal), `(c − k)²`
    /// (interval), or `(Σ_{g from c to k} n_g − (n_c + n_k)/2)²` (ordinal).
    ///
    /// - Parameters:
    ///   - ratings: Per item, each reviewer's rating (`nil` where a reviewer did not rate it); every row as long.
    ///   - level: The level of measurement.
    ///   - confidence: The confidence level of the interval.
    /// - Returns: Alpha; `nil` value without two pairable ratings or when every rating is the same.
    /// - Throws: ``ServiceStandardsError`` with code `empty` (path `ratings`), `inconsistent` (path `ratings[i]`)
    ///   for rows of different lengths, `nonFinite` (path `ratings[i][j]`), `outOfRange` for the confidence level.
    public static func krippendorffAlpha(
        _ ratings: [[Double?]],
        level: LevelOfMeasurement,
        confidence: Double = 0.95
    ) throws(ServiceStandardsError) -> AgreementEstimate {
        guard let first = ratings.first else { throw ServiceStandardsError(.empty, at: "ratings", "no items rated") }
        _ = try criticalValue(confidence)
        for (row, values) in ratings.enumerated() {
            guard values.count == first.count else {
                throw ServiceStandardsError(
                    .inconsistent,
                    at: "ratings[\(row)]",
                    "every item needs \(first.count) slots"
                )
            }
            for (column, value) in values.enumerated() where value.map({ !$0.isFinite }) ?? false {
                throw ServiceStandardsError(.nonFinite, at: "ratings[\(row)][\(column)]", "a rating must be finite")
            }
        }
        let pairable = ratings.indices.filter { ratings[$0].compactMap { $0 }.count >= 2 }
        let values = Array(Set(ratings.flatMap { $0.compactMap { $0 } })).sorted()
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        func alpha(_ rows: [Int]) -> Double? {
            let k = values.count
            var coincidence = [Double](repeating: 0, count: k * k)
            for row in rows {
                let present = ratings[row].compactMap { $0 }.compactMap { index[$0] }
                let m = Double(present.count)
                guard present.count >= 2 else { continue }
                for (i, a) in present.enumerated() {
                    for (j, b) in present.enumerated() where i != j { coincidence[a * k + b] += 1 / (m - 1) }
                }
            }
            let margins = (0..<k).map { c in (0..<k).reduce(0) { $0 + coincidence[c * k + $1] } }
            let n = margins.reduce(0, +)
            func delta(_ c: Int, _ d: Int) -> Double {
                switch level {
                case .nominal: return c == d ? 0 : 1
                case .interval: return (values[c] - values[d]) * (values[c] - values[d])
                case .ordinal:
                    let (low, high) = (min(c, d), max(c, d))
                    let between = (low...high).reduce(0) { $0 + margins[$1] } - (margins[low] + margins[high]) / 2
                    return between * between
                }
            }
            var disagreement = 0.0
            var chance = 0.0
            for c in 0..<k {
                for d in 0..<k where c != d {
                    let distance = delta(c, d)
                    disagreement += coincidence[c * k + d] * distance
                    chance += margins[c] * margins[d] * distance
                }
            }
            guard n > 1, chance > 0 else { return nil }
            return 1 - (n - 1) * disagreement / chance
        }
        let value = alpha(pairable)
        let interval =
            value == nil
            ? nil : bootstrap(items: pairable.count, level: confidence) { sample in alpha(sample.map { pairable[$0] }) }
        return AgreementEstimate(
            value: value,
            lower: interval?.lower,
            upper: interval?.upper,
            level: confidence,
            method: .bootstrap,
            standardError: nil,
            items: pairable.count,
            observedAgreement: nil,
            expectedAgreement: nil
        )
    }

    /// Each reviewer's bias against the panel: the mean, over the items they scored, of their score less the mean
    /// of the other reviewers' scores of the same item (items nobody else scored left out), with its standard error.
    ///
    /// - Parameters:
    ///   - scores: Per item, each reviewer's score (`nil` where a reviewer did not score it); every row as long.
    ///   - reviewers: The reviewers' names, one per column.
    /// - Returns: One bias per reviewer, in column order; `meanDifference` `nil` without a comparable item.
    /// - Throws: ``ServiceStandardsError`` with code `inconsistent` (paths `reviewers`, `scores[i]`) for rows or
    ///   names of another length, `nonFinite` for a score that is not finite.
    public static func reviewerBias(_ scores: [[Double?]], reviewers: [String]) throws(ServiceStandardsError)
        -> [ReviewerBias]
    {
        for (row, values) in scores.enumerated() {
            guard values.count == reviewers.count else {
                throw ServiceStandardsError(
                    .inconsistent,
                    at: "scores[\(row)]",
                    "every item needs \(reviewers.count) slots"
                )
            }
            for (column, value) in values.enumerated() where value.map({ !$0.isFinite }) ?? false {
                throw ServiceStandardsError(.nonFinite, at: "scores[\(row)][\(column)]", "a score must be finite")
            }
        }
        return reviewers.enumerated().map { column, name in
            var differences: [Double] = []
            for row in scores {
                guard let own = row[column] else { continue }
                let others = row.enumerated().compactMap { $0.offset == column ? nil : $0.element }
                guard !others.isEmpty else { continue }
                differences.append(own - others.reduce(0, +) / Double(others.count))
            }
            let n = Double(differences.count)
            let mean = differences.isEmpty ? nil : differences.reduce(0, +) / n
            let se: Double? =
                differences.count < 2
                ? nil
                : mean.map { m in
                    (differences.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1) / n).squareRoot()
                }
            return ReviewerBias(reviewer: name, items: differences.count, meanDifference: mean, standardError: se)
        }
    }

    /// The two-sided normal critical value: the `z` with `erfc(z/√2) = 1 − level`, by Newton's method.
    static func criticalValue(_ level: Double) throws(ServiceStandardsError) -> Double {
        guard level.isFinite, level > 0, level < 1 else {
            throw ServiceStandardsError(.outOfRange, at: "level", "a confidence level lies strictly between 0 and 1")
        }
        let tail = 1 - level
        var z = 2.0
        for _ in 0..<60 {
            let gap = erfc(z / 2.0.squareRoot()) - tail
            let slope = -2 / (2 * Double.pi).squareRoot() * exp(-z * z / 2)
            let step = gap / slope
            z -= step
            if abs(step) < 1e-15 * max(1, z) { break }
        }
        return z
    }

    /// The percentile bootstrap over `items` (resampled with replacement), from a fixed seed; `nil` when fewer than
    /// two items or when most resamples have no value.
    static func bootstrap(items: Int, level: Double, _ statistic: ([Int]) -> Double?) -> (lower: Double, upper: Double)?
    {
        guard items >= 2 else { return nil }
        var generator = SeededGenerator(seed: 0x5EED_CA11_B2A7_E000)
        var values: [Double] = []
        values.reserveCapacity(bootstrapResamples)
        var sample = [Int](repeating: 0, count: items)
        for _ in 0..<bootstrapResamples {
            for position in 0..<items { sample[position] = Int(generator.next() % UInt64(items)) }
            if let value = statistic(sample) { values.append(value) }
        }
        guard values.count * 2 >= bootstrapResamples else { return nil }
        values.sort()
        let tail = (1 - level) / 2
        func quantile(_ q: Double) -> Double {
            let position = q * Double(values.count - 1)
            let low = Int(position.rounded(.down))
            let high = min(values.count - 1, low + 1)
            return values[low] + (values[high] - values[low]) * (position - Double(low))
        }
        return (quantile(tail), quantile(1 - tail))
    }
}

/// One reviewer's lean against the rest of the panel.
public struct ReviewerBias: Sendable, Hashable, Codable {
    /// The reviewer.
    public let reviewer: String
    /// Items they scored that someone else scored too.
    public let items: Int
    /// Their mean score less the others' on the same items: positive for a lenient reviewer, negative for a strict
    /// one; `nil` without a comparable item.
    public let meanDifference: Double?
    /// The standard error of that mean; `nil` with fewer than two items.
    public let standardError: Double?
}

extension AgreementEstimate {
    /// The coefficient as a measurement, `qualityReview.agreement` (a score from −1 to 1), for an audit item that
    /// asks whether reviewers are calibrated; `nil` without a value.
    ///
    /// - Parameters:
    ///   - period: The period the reviews cover.
    ///   - scope: What they are about.
    /// - Returns: The measurement, with the items as its sample size.
    public func measurement(period: DateInterval, scope: MeasurementScope = .organisation) -> ServiceMeasurement? {
        value.flatMap {
            try? ServiceMeasurement(
                indicator: .reviewerAgreement,
                value: $0,
                unit: .score,
                period: period,
                scope: scope,
                sampleSize: items,
                source: "ServiceStandards"
            )
        }
    }
}
