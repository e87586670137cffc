import Foundation
import ServiceDomain

/// When a customer's margin arrives in the lifetime-value formula.
public enum LifetimeValueConvention: String, Sendable, Hashable, Codable, CaseIterable {
    /// At the end of each period the customer is retained through (Gupta and Lehmann 2003, *Journal of Interactive
    /// Marketing* 17(1)): `CLV = m · r / (1 + d − r)`, the "margin multiple" `r/(1 + d − r)`.
    case marginAtEndOfPeriod
    /// At the start of each period, the first at once (Berger and Nasr 1998): `CLV = m · (1 + d) / (1 + d − r)`.
    case marginAtStartOfPeriod
}

/// The economics of keeping customers: lifetime value, retention by satisfaction segment, and what an improvement in
/// service is worth, every assumption stated.
public enum CustomerEconomics: Sendable {
    /// A customer's lifetime value with a constant margin, retention and discount rate over an unlimited horizon,
    /// less what acquiring the customer cost.
    ///
    /// Worked example (Gupta and Lehmann 2003): a margin of 100 a year, 80 % retention and a 12 % discount rate give
    /// a margin multiple of 0.8/0.32 = 2.5 and a lifetime value of 250 (350 with the margin at the start of each
    /// period).
    ///
    /// - Parameters:
    ///   - margin: The margin per customer per period; finite.
    ///   - retention: The share retained per period, from 0 to below 1.
    ///   - discountRate: The discount rate per period; finite, not negative.
    ///   - acquisitionCost: What acquiring the customer cost, subtracted; finite, not negative.
    ///   - convention: When the margin arrives.
    /// - Returns: The lifetime value.
    /// - Throws: ``ServiceSatisfactionError`` with code `nonFinite` or `outOfRange` and the argument's path.
    public static func lifetimeValue(
        margin: Double,
        retention: Double,
        discountRate: Double,
        acquisitionCost: Double = 0,
        convention: LifetimeValueConvention = .marginAtEndOfPeriod
    ) throws(ServiceSatisfactionError) -> Double {
        guard margin.isFinite else { throw ServiceSatisfactionError(.nonFinite, at: "margin", "must be finite") }
        try Check.share(retention, "retention")
        guard retention < 1 else {
            throw ServiceSatisfactionError(.outOfRange, at: "retention", "a retention of 1 never ends: below 1")
        }
        try Check.notNegative(discountRate, "discountRate")
        try Check.notNegative(acquisitionCost, "acquisitionCost")
        let denominator = 1 + discountRate - retention
        switch convention {
        case .marginAtEndOfPeriod: return margin * retention / denominator - acquisitionCost
        case .marginAtStartOfPeriod: return margin * (1 + discountRate) / denominator - acquisitionCost
        }
    }

    /// Retention per satisfaction segment (promoters, passives, detractors; satisfied or not) with Wilson intervals:
    /// the evidence that better service keeps customers.
    ///
    /// - Parameters:
    ///   - customers: Each customer's segment and whether they were retained over the period.
    ///   - level: The confidence level.
    /// - Returns: One entry per segment, sorted by name.
    /// - Throws: ``ServiceSatisfactionError`` for a level outside 0…1.
    public static func retentionBySegment(
        _ customers: [(segment: String, retained: Bool)],
        level: Double = 0.95
    ) throws(ServiceSatisfactionError) -> [SegmentRetention] {
        var counts: [String: (customers: Int, retained: Int)] = [:]
        for customer in customers {
            let current = counts[customer.segment] ?? (0, 0)
            counts[customer.segment] = (current.customers + 1, current.retained + (customer.retained ? 1 : 0))
        }
        var result: [SegmentRetention] = []
        for (segment, count) in counts.sorted(by: { $0.key < $1.key }) {
            let rate = Double(count.retained) / Double(count.customers)
            let interval = try ProportionInterval.interval(
                successes: Double(count.retained),
                trials: Double(count.customers),
                level: level
            )
            result.append(
                SegmentRetention(
                    segment: segment,
                    customers: count.customers,
                    retained: count.retained,
                    rate: rate,
                    interval: interval
                )
            )
        }
        return result
    }

    /// What moving a share of customers from one segment to another is worth ("move 5 % of detractors to
    /// passives"): `customers × segment share × moved × (CLV at the target segment's retention − CLV at the source's)`.
    ///
    /// The segment's share is a survey estimate; its interval is carried into the value's (the other inputs are
    /// assumptions, listed with the result). The acquisition cost cancels (the customers are already won).
    ///
    /// - Parameters:
    ///   - customers: The customer base; not negative.
    ///   - sourceShare: The share of customers in the source segment, as estimated (a detractor share, say), with its
    ///     interval.
    ///   - moved: The part of the source segment that moves, from 0 to 1.
    ///   - sourceRetention: The source segment's retention.
    ///   - targetRetention: The target segment's retention.
    ///   - margin: The margin per customer per period.
    ///   - discountRate: The discount rate per period.
    ///   - convention: When the margin arrives.
    /// - Returns: The value, its interval, and the assumptions.
    /// - Throws: ``ServiceSatisfactionError`` for arguments outside their ranges (with their paths), or `empty`
    ///   (path `sourceShare`) for an estimate without a value.
    public static func improvementValue(
        customers: Double,
        sourceShare: Estimate,
        moved: Double,
        sourceRetention: Double,
        targetRetention: Double,
        margin: Double,
        discountRate: Double,
        convention: LifetimeValueConvention = .marginAtEndOfPeriod
    ) throws(ServiceSatisfactionError) -> ImprovementValue {
        try Check.notNegative(customers, "customers")
        try Check.share(moved, "moved")
        for (retention, path) in [(sourceRetention, "sourceRetention"), (targetRetention, "targetRetention")] {
            try Check.share(retention, path)
            guard retention < 1 else {
                throw ServiceSatisfactionError(.outOfRange, at: path, "a retention of 1 never ends: below 1")
            }
        }
        guard let share = sourceShare.value else {
            throw ServiceSatisfactionError(.empty, at: "sourceShare", "the segment's share has no value")
        }
        let gain =
            try lifetimeValue(
                margin: margin,
                retention: targetRetention,
                discountRate: discountRate,
                convention: convention
            )
            - lifetimeValue(
                margin: margin,
                retention: sourceRetention,
                discountRate: discountRate,
                convention: convention
            )
        func value(_ share: Double) -> Double { customers * share * moved * gain }
        let bounds = sourceShare.interval.map { [value($0.lower), value($0.upper)] }
        return ImprovementValue(
            value: value(share),
            lower: bounds?.min(),
            upper: bounds?.max(),
            level: sourceShare.interval?.level,
            lifetimeValueGain: gain,
            assumptions: [
                "customers: \(customers)", "moved: \(moved)", "retention \(sourceRetention) → \(targetRetention)",
                "margin per period: \(margin)", "discount rate: \(discountRate)", "convention: \(convention.rawValue)",
            ]
        )
    }
}

/// One satisfaction segment's retention.
public struct SegmentRetention: Sendable, Hashable, Codable {
    /// The segment.
    public let segment: String
    /// Customers in it.
    public let customers: Int
    /// Of them, retained.
    public let retained: Int
    /// `retained ÷ customers`.
    public let rate: Double
    /// Wilson's interval for the rate.
    public let interval: ConfidenceInterval
    /// `1 − rate`.
    public var churn: Double { 1 - rate }
}

/// What an improvement is worth, with the uncertainty the survey puts on it and the assumptions behind it.
public struct ImprovementValue: Sendable, Hashable, Codable {
    /// The value at the estimated share.
    public let value: Double
    /// The value at the share interval's worse end; `nil` without an interval.
    public let lower: Double?
    /// At its better end.
    public let upper: Double?
    /// The interval's confidence level.
    public let level: Double?
    /// One moved customer's gain in lifetime value.
    public let lifetimeValueGain: Double
    /// Every input that is an assumption rather than a measurement, in words.
    public let assumptions: [String]
}
