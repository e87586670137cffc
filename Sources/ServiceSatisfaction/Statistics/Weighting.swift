import Foundation
import ServiceDomain

/// One margin to rake to: each respondent's category on it, and the population share of each category.
public struct RakingMargin: Sendable, Hashable, Codable {
    /// The margin's name (`region`, `age`), used in error paths.
    public let name: String
    /// Each respondent's category, in respondent order.
    public let categories: [String]
    /// The population share of each category; finite, not negative, summing to 1.
    public let targets: [String: Double]

    /// Creates a margin.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - categories: Each respondent's category.
    ///   - targets: Population shares by category.
    public init(name: String, categories: [String], targets: [String: Double]) {
        self.name = name
        self.categories = categories
        self.targets = targets
    }
}

/// The outcome of raking.
public struct RakingResult: Sendable, Hashable, Codable {
    /// One weight per respondent; they sum to the base weights' total.
    public let weights: [Double]
    /// Full cycles over the margins.
    public let iterations: Int
    /// The largest gap between a weighted category share and its target after the last cycle.
    public let maximumDeviation: Double
    /// What the weights do to precision.
    public let summary: WeightSummary
}

/// Survey weights that make a sample match known population shares, for every estimate to use
/// (`SurveyResponse.weight`).
public enum Weighting: Sendable {
    /// Post-stratification: each respondent's weight × (the cell's population share ÷ its weighted sample share).
    ///
    /// Afterwards the weighted share of every cell is its population share, and the weights sum to the base
    /// weights' total (the number of respondents when there are none).
    ///
    /// - Parameters:
    ///   - cells: Each respondent's cell (`north`, `south|18–34`).
    ///   - population: The population share of each cell; finite, not negative, summing to 1 (within 10⁻⁹).
    ///   - baseWeights: Design weights to start from, one per respondent; 1 each by default.
    /// - Returns: The weights.
    /// - Throws: ``ServiceSatisfactionError``: `empty` (path `cells`) for no respondents; `inconsistent` for base
    ///   weights of another length (path `baseWeights`) or shares that do not sum to 1 (path `population`);
    ///   `outOfRange` for a respondent in a cell the population lacks (path `cells[i]`) or a share outside 0…1
    ///   (`population.<cell>`); `empty` (path `population.<cell>`) for a cell with a positive share and no weight in
    ///   the sample, which no weight can fix.
    public static func postStratify(
        cells: [String],
        population: [String: Double],
        baseWeights: [Double]? = nil
    ) throws(ServiceSatisfactionError) -> [Double] {
        let margin = RakingMargin(name: "cells", categories: cells, targets: population)
        let base = try checkedBase(baseWeights, count: cells.count)
        let (index, targets) = try checked(margin, path: "population", cellsPath: "cells")
        var totals = Array(repeating: 0.0, count: targets.count)
        for (respondent, weight) in base.enumerated() { totals[index[respondent]] += weight }
        let names = population.keys.sorted()
        for (slot, total) in totals.enumerated() where total == 0 && targets[slot] > 0 {
            throw ServiceSatisfactionError(
                .empty,
                at: "population.\(names[slot])",
                "\(names[slot]) has a population share but no weight in the sample"
            )
        }
        return adjusted(base, index: index, targets: targets)
    }

    /// Raking (iterative proportional fitting; Deming and Stephan 1940): post-stratifies to each margin in turn and
    /// repeats until every margin's weighted shares are within `tolerance` of their targets.
    ///
    /// - Parameters:
    ///   - margins: The margins, each with one category per respondent; at least one.
    ///   - baseWeights: Design weights to start from; 1 each by default.
    ///   - tolerance: The largest gap allowed between a weighted share and its target; positive.
    ///   - maximumIterations: Cycles before giving up; positive.
    /// - Returns: The weights, the cycles used and the final gap.
    /// - Throws: ``ServiceSatisfactionError``: as ``postStratify(cells:population:baseWeights:)`` for each margin
    ///   (paths `margins[m].targets…` and `margins[m].categories[i]`), `inconsistent` (path `margins[m]`) for a margin
    ///   of another length, and `notConverged` (path `margins`) when the margins cannot all be met within the
    ///   iterations (margins that contradict each other, or a combination the sample lacks).
    public static func rake(
        _ margins: [RakingMargin],
        baseWeights: [Double]? = nil,
        tolerance: Double = 1e-10,
        maximumIterations: Int = 1_000
    ) throws(ServiceSatisfactionError) -> RakingResult {
        guard let first = margins.first else { throw ServiceSatisfactionError(.empty, at: "margins", "no margins") }
        try Check.positive(tolerance, "tolerance")
        guard maximumIterations > 0 else {
            throw ServiceSatisfactionError(.outOfRange, at: "maximumIterations", "at least one iteration")
        }
        var weights = try checkedBase(baseWeights, count: first.categories.count)
        var prepared: [(index: [Int], targets: [Double])] = []
        for (position, margin) in margins.enumerated() {
            let path = "margins[\(position)]"
            guard margin.categories.count == first.categories.count else {
                throw ServiceSatisfactionError(
                    .inconsistent,
                    at: path,
                    "\(margin.name) has another number of respondents"
                )
            }
            let (index, targets) = try checked(margin, path: path + ".targets", cellsPath: path + ".categories")
            prepared.append((index, targets))
        }
        var deviation = Double.infinity
        for iteration in 1...maximumIterations {
            for entry in prepared {
                weights = adjusted(weights, index: entry.index, targets: entry.targets)
            }
            deviation = prepared.map { gap(weights, index: $0.index, targets: $0.targets) }.max() ?? 0
            if deviation <= tolerance {
                return RakingResult(
                    weights: weights,
                    iterations: iteration,
                    maximumDeviation: deviation,
                    summary: try WeightSummary(weights)
                )
            }
            guard deviation.isFinite else { break }
        }
        throw ServiceSatisfactionError(
            .notConverged,
            at: "margins",
            "the margins are still \(deviation) from their targets after \(maximumIterations) iterations"
        )
    }

    private static func checkedBase(_ base: [Double]?, count: Int) throws(ServiceSatisfactionError) -> [Double] {
        guard count > 0 else { throw ServiceSatisfactionError(.empty, at: "cells", "no respondents") }
        guard let base else { return Array(repeating: 1, count: count) }
        guard base.count == count else {
            throw ServiceSatisfactionError(
                .inconsistent,
                at: "baseWeights",
                "\(base.count) weights for \(count) respondents"
            )
        }
        _ = try WeightSummary(base)
        return base
    }

    /// Each respondent's category index, and the targets in index order; checks the margin.
    private static func checked(_ margin: RakingMargin, path: String, cellsPath: String)
        throws(ServiceSatisfactionError)
        -> (index: [Int], targets: [Double])
    {
        let names = margin.targets.keys.sorted()
        var sum = 0.0
        for name in names {
            let share = margin.targets[name] ?? 0
            try Check.share(share, "\(path).\(name)")
            sum += share
        }
        guard abs(sum - 1) <= 1e-9 else {
            throw ServiceSatisfactionError(.inconsistent, at: path, "the shares sum to \(sum), not 1")
        }
        let position = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var index: [Int] = []
        index.reserveCapacity(margin.categories.count)
        for (respondent, category) in margin.categories.enumerated() {
            guard let slot = position[category] else {
                throw ServiceSatisfactionError(
                    .outOfRange,
                    at: "\(cellsPath)[\(respondent)]",
                    "\(category) is not a category of \(margin.name)"
                )
            }
            index.append(slot)
        }
        var present = Array(repeating: false, count: names.count)
        for slot in index { present[slot] = true }
        for (slot, name) in names.enumerated() where !present[slot] && (margin.targets[name] ?? 0) > 0 {
            throw ServiceSatisfactionError(
                .empty,
                at: "\(path).\(name)",
                "\(name) has a population share but no respondent: no weight can represent it"
            )
        }
        return (index, names.map { margin.targets[$0] ?? 0 })
    }

    /// One post-stratification step: weights scaled so that each category's weighted share is its target.
    private static func adjusted(_ weights: [Double], index: [Int], targets: [Double]) -> [Double] {
        var totals = Array(repeating: 0.0, count: targets.count)
        var grand = 0.0
        for (respondent, weight) in weights.enumerated() {
            totals[index[respondent]] += weight
            grand += weight
        }
        // A category whose weight is 0 (all its respondents weighted 0) has share 0 here and keeps its zeros.
        let factors = zip(totals, targets).map { total, target in total > 0 ? target * grand / total : 0 }
        return weights.enumerated().map { respondent, weight in weight * factors[index[respondent]] }
    }

    private static func gap(_ weights: [Double], index: [Int], targets: [Double]) -> Double {
        var totals = Array(repeating: 0.0, count: targets.count)
        var grand = 0.0
        for (respondent, weight) in weights.enumerated() {
            totals[index[respondent]] += weight
            grand += weight
        }
        guard grand > 0 else { return .infinity }
        return zip(totals, targets).map { abs($0 / grand - $1) }.max() ?? 0
    }
}
