/// The indicators the library's modules export, named once here so that every producer, report and template uses the
/// same name for the same figure, with the unit each is exported in.
///
/// | indicator | unit | produced by |
/// |---|---|---|
/// | `<kind>.compliance` (`firstReply.compliance`) | ratio | `ServiceStandards` compliance summaries |
/// | `<stem>.mean`, `.median`, `.p90`, `.p95`, `.p99` for `firstReplyTime`, `resolutionTime`, `firstResolutionTime`, `speedOfAnswer`, `handleTime` | seconds | `ServiceMetrics` duration KPIs |
/// | `backlog.open`; `backlog.age.median`, `.p90` | count; seconds | backlog |
/// | `repliesPerCase.mean` | count | replies per case |
/// | `firstContactResolution`, `reopenRate`, `escalationRate` | ratio | rate KPIs |
/// | `contacts.offered`, `.answered`, `.abandoned`; `contacts.abandonmentRate` | count; ratio | contact tallies |
/// | `serviceLevel.<convention>.<threshold>s` (`serviceLevel.abandonedInDenominator.20s`) | ratio | service level |
/// | `qualityReview.agreement` | score | `ServiceStandards` reviewer calibration |
/// | `<scale>.nps` (`nps.nps`), `<scale>.favourableShare` (`csat.favourableShare`), `<scale>.mean` | score, ratio, score | `ServiceSatisfaction` scale tallies |
extension Indicator {
    /// The compliance rate of a metric kind: `<kind>.compliance`, a ratio.
    ///
    /// - Parameter kind: The metric kind's name, such as `firstReply`.
    /// - Returns: The indicator.
    public static func compliance(of kind: String) -> Indicator { Indicator(rawValue: "\(kind).compliance") }

    /// A statistic of a duration KPI: `<stem>.<statistic>`, in seconds.
    ///
    /// - Parameters:
    ///   - stem: The KPI's name, such as `firstReplyTime`.
    ///   - statistic: `mean`, `median`, `p90`, `p95` or `p99`.
    /// - Returns: The indicator.
    public static func duration(_ stem: String, _ statistic: String) -> Indicator {
        Indicator(rawValue: "\(stem).\(statistic)")
    }

    /// A service level: `serviceLevel.<convention>.<threshold>s`, a ratio; the threshold in whole seconds when it is
    /// whole (`20s`), else as Swift prints it (`20.5s`).
    ///
    /// - Parameters:
    ///   - convention: The convention's name, such as `abandonedInDenominator`.
    ///   - threshold: The threshold in seconds.
    /// - Returns: The indicator.
    public static func serviceLevel(convention: String, threshold: Double) -> Indicator {
        let label =
            threshold == threshold.rounded() && abs(threshold) < 1e15 ? String(Int(threshold)) : String(threshold)
        return Indicator(rawValue: "serviceLevel.\(convention).\(label)s")
    }

    /// A scale's Net Promoter Score, −100…100: `<scale>.nps`, a score.
    ///
    /// - Parameter scale: The scale's name, such as `nps`.
    /// - Returns: The indicator.
    public static func netPromoterScore(of scale: String) -> Indicator { Indicator(rawValue: "\(scale).nps") }

    /// A scale's favourable share (CSAT): `<scale>.favourableShare`, a ratio.
    ///
    /// - Parameter scale: The scale's name, such as `csat`.
    /// - Returns: The indicator.
    public static func favourableShare(of scale: String) -> Indicator {
        Indicator(rawValue: "\(scale).favourableShare")
    }

    /// A scale's mean answer: `<scale>.mean`, a score on the scale.
    ///
    /// - Parameter scale: The scale's name, such as `ces`.
    /// - Returns: The indicator.
    public static func mean(of scale: String) -> Indicator { Indicator(rawValue: "\(scale).mean") }

    /// `qualityReview.agreement`: quality reviewers' agreement (a kappa or Krippendorff's alpha), a score from −1 to 1.
    public static let reviewerAgreement = Indicator(rawValue: "qualityReview.agreement")

    /// `contacts.abandonmentRate`, a ratio.
    public static let abandonmentRate = Indicator(rawValue: "contacts.abandonmentRate")

    /// The duration KPIs' names: their statistics are in seconds.
    public static let durationStems: Set<String> = [
        "firstReplyTime", "resolutionTime", "firstResolutionTime", "speedOfAnswer", "handleTime", "backlog.age",
    ]

    private static let fixedUnits: [String: MeasurementUnit] = [
        "backlog.open": .count, "repliesPerCase.mean": .count, "firstContactResolution": .ratio, "reopenRate": .ratio,
        "escalationRate": .ratio, "contacts.offered": .count, "contacts.answered": .count,
        "contacts.abandoned": .count, "contacts.abandonmentRate": .ratio, "qualityReview.agreement": .score,
    ]

    /// The unit the library exports this indicator in, or `nil` for a name it does not produce (a scale's mean,
    /// whose scale is the user's, is `nil` too: its unit is the measurement's own).
    public var standardUnit: MeasurementUnit? {
        if let unit = Self.fixedUnits[rawValue] { return unit }
        if rawValue.hasPrefix("serviceLevel.") && rawValue.hasSuffix("s") { return .ratio }
        guard let dot = rawValue.lastIndex(of: ".") else { return nil }
        let stem = String(rawValue[..<dot])
        switch rawValue[rawValue.index(after: dot)...] {
        case "compliance", "favourableShare": return .ratio
        case "nps": return .score
        case "mean", "median", "p90", "p95", "p99": return Self.durationStems.contains(stem) ? .seconds : nil
        default: return nil
        }
    }
}

extension MeasurementUnit {
    /// A value in this unit expressed in `other`: itself for the same unit, × 100 from a ratio to a percentage, ÷ 100
    /// back (one correctly rounded operation each); `nil` when the units do not convert (a count is not a ratio).
    ///
    /// - Parameters:
    ///   - value: The value in this unit.
    ///   - other: The unit wanted.
    /// - Returns: The value in `other`.
    public func convert(_ value: Double, to other: MeasurementUnit) -> Double? {
        if self == other { return value }
        switch (self, other) {
        case (.ratio, .percent): return value * 100
        case (.percent, .ratio): return value / 100
        default: return nil
        }
    }
}
