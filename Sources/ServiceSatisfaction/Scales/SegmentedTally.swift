public import Foundation
public import ServiceDomain

/// Answers to one rating question split by the respondents' segments, with the overall tally beside them.
///
/// Responses without a segment count in the overall tally and in the segment `""`. Mergeable and `Codable` like
/// ``ScaleTally``.
public struct SegmentedTally: Sendable, Hashable, Codable {
    /// All responses.
    public internal(set) var overall: ScaleTally
    /// The responses of each segment.
    public internal(set) var segments: [String: ScaleTally]

    /// An empty tally.
    ///
    /// - Parameter scale: The scale.
    public init(scale: RatingScale) {
        overall = ScaleTally(scale: scale)
        segments = [:]
    }

    /// Adds a response to the overall tally and its segment's.
    ///
    /// - Parameter response: The response.
    /// - Throws: As ``ScaleTally/add(_:)-(SurveyResponse)``; nothing is added then.
    public mutating func add(_ response: SurveyResponse) throws(ServiceSatisfactionError) {
        var segment = segments[response.segment ?? ""] ?? ScaleTally(scale: overall.scale)
        try segment.add(response)
        try overall.add(response)
        segments[response.segment ?? ""] = segment
    }

    /// Adds responses in order.
    ///
    /// - Parameter responses: The responses.
    /// - Throws: The first bad response's error with its position (`responses[i].score`).
    public mutating func add(contentsOf responses: some Sequence<SurveyResponse>) throws(ServiceSatisfactionError) {
        for (position, response) in responses.enumerated() {
            do {
                try add(response)
            } catch {
                throw error.nested(under: "responses[\(position)]")
            }
        }
    }

    /// Adds another tally, segment by segment.
    ///
    /// - Parameter other: A tally on the same scale.
    /// - Throws: ``ServiceSatisfactionError`` with code `differentScales`, or `overflow` past 2⁵³ responses;
    ///   unchanged then.
    public mutating func merge(_ other: SegmentedTally) throws(ServiceSatisfactionError) {
        var merged = self
        try merged.overall.merge(other.overall)
        for (name, tally) in other.segments {
            var mine = merged.segments[name] ?? ScaleTally(scale: overall.scale)
            do throws(ServiceSatisfactionError) {
                try mine.merge(tally)
            } catch {
                throw error.nested(under: "segments[\(name)]")
            }
            merged.segments[name] = mine
        }
        self = merged
    }

    private enum CodingKeys: String, CodingKey {
        case overall
        case segments
    }

    /// Decodes a tally, checking each tally as ``ScaleTally`` does, one scale throughout, and that the segments'
    /// responses are the overall ones: the counts add up exactly and the weights to rounding.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the field for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        overall = try container.decode(ScaleTally.self, forKey: .overall)
        segments = try container.decode([String: ScaleTally].self, forKey: .segments)
        let scale = overall.scale
        try container.require(
            segments.values.allSatisfy { $0.scale == scale },
            forKey: .segments,
            "every segment must be on the overall scale, \(scale.name)"
        )
        var count = 0
        var overflowed = false
        for tally in segments.values {
            let (sum, overflow) = count.addingReportingOverflow(tally.count)
            (count, overflowed) = (sum, overflowed || overflow)
        }
        try container.require(
            !overflowed && count == overall.count,
            forKey: .segments,
            "the segments hold \(count) responses, the overall tally \(overall.count)"
        )
        for point in 0..<scale.pointCount {
            let part = segments.values.reduce(0) { $0 + $1.weights[point] }
            let whole = overall.weights[point]
            try container.require(
                abs(part - whole) <= 1e-9 * Swift.max(whole, 1),
                forKey: .segments,
                "the segments' weight at point \(scale.minimum + point) is \(part), the overall tally's \(whole)"
            )
        }
    }
}

extension ScaleTally {
    /// The tally's scores as measurements, for audits and reports.
    ///
    /// Indicators are named after the scale: `<scale>.nps` (unit `score`, −100…100, 0–10 scales only),
    /// `<scale>.favourableShare` (a ratio) and `<scale>.mean` (a score); a figure whose status is undefined is left
    /// out. The sample size is the number of responses.
    ///
    /// - Parameters:
    ///   - period: The period the answers cover.
    ///   - scope: What they are about.
    /// - Returns: The measurements.
    public func measurements(period: DateInterval, scope: MeasurementScope = .organisation) -> [ServiceMeasurement] {
        var figures: [(Indicator, Double?, MeasurementUnit)] = []
        if scale.minimum == 0, scale.maximum == 10 {
            figures.append((.netPromoterScore(of: scale.name), try? netPromoterScore().value, .score))
        }
        figures.append((.favourableShare(of: scale.name), try? favourableShare().value, .ratio))
        figures.append((.mean(of: scale.name), try? mean().value, .score))
        return figures.compactMap { indicator, value, unit in
            value.flatMap {
                try? ServiceMeasurement(
                    indicator: indicator,
                    value: $0,
                    unit: unit,
                    period: period,
                    scope: scope,
                    sampleSize: count,
                    source: "ServiceSatisfaction"
                )
            }
        }
    }
}
