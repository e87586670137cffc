public import Foundation
public import ServiceDomain

/// Counts of target outcomes for one group and target kind, with the worst overruns.
///
/// Compliance is `achieved / (achieved + breached)`: cycles that have met or missed their target, including running
/// cycles that are already over; active, paused and not-applicable cycles are counted but left out of the rate.
public struct ComplianceTally: Sendable, Hashable, Codable {
    /// Cycles that ended within target.
    public private(set) var achieved = 0
    /// Cycles over target, ended or running.
    public private(set) var breached = 0
    /// Running cycles within target, clock counting.
    public private(set) var active = 0
    /// Running cycles within target, clock stopped.
    public private(set) var paused = 0
    /// Cycles that ended without the awaited event and within target.
    public private(set) var notApplicable = 0
    /// Running cycles past the policy's warning share.
    public private(set) var warnings = 0
    /// The sum of all breaches' overruns, in the target's clock seconds: exact, rounded once when read, so that
    /// shards merged in any order give one pass's total to the last bit.
    public var totalOverrun: TimeInterval { overruns.value }
    private var overruns = ExactSum()
    /// The largest overruns, largest first (at most ``ComplianceTally/worstKept``), ties broken by case and cycle.
    public private(set) var worst: [Overrun] = []

    /// How many of the largest overruns a tally keeps.
    public static let worstKept = 5

    /// One breach: which case and cycle, and by how much.
    public struct Overrun: Sendable, Hashable, Codable, Comparable {
        /// The case.
        public let caseID: CaseID
        /// The cycle of the target.
        public let cycle: Int
        /// Seconds over the target.
        public let overrun: TimeInterval

        /// Orders the larger overrun first, then by case and cycle, so that merges are deterministic.
        ///
        /// - Parameters:
        ///   - lhs: An overrun.
        ///   - rhs: Another overrun.
        /// - Returns: Whether `lhs` sorts first.
        public static func < (lhs: Overrun, rhs: Overrun) -> Bool {
            if lhs.overrun != rhs.overrun { return lhs.overrun > rhs.overrun }
            if lhs.caseID != rhs.caseID { return lhs.caseID < rhs.caseID }
            return lhs.cycle < rhs.cycle
        }
    }

    /// An empty tally.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case achieved
        case breached
        case active
        case paused
        case notApplicable
        case warnings
        case totalOverrun
        case totalOverrunResidual
        case worst
    }

    /// Decodes a tally, checking that it could have come from counting outcomes: counts from 0 to 2⁵³ (all cycles
    /// together too, and warnings no more than them), the total overrun finite and not negative (an exact sum:
    /// `totalOverrun` and, when it is not a `Double`, the rest of its expansion in `totalOverrunResidual`), at most
    /// ``worstKept`` worst overruns in order, positive, one per breach up to that many, and adding up to no more than
    /// the total.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the field for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        achieved = try container.decodeCount(forKey: .achieved)
        breached = try container.decodeCount(forKey: .breached)
        active = try container.decodeCount(forKey: .active)
        paused = try container.decodeCount(forKey: .paused)
        notApplicable = try container.decodeCount(forKey: .notApplicable)
        warnings = try container.decodeCount(forKey: .warnings)
        overruns = try container.decodeExactSum(
            forKey: .totalOverrun,
            residualKey: .totalOverrunResidual,
            notNegative: true
        )
        worst = try container.decode([Overrun].self, forKey: .worst)
        // Each count is at most 2⁵³, so their sum cannot overflow.
        let cycles = achieved + breached + active + paused + notApplicable
        try container.require(cycles <= StateLimits.maximumCount, forKey: .achieved, "all cycles together pass 2^53")
        try container.require(warnings <= cycles, forKey: .warnings, "more warnings (\(warnings)) than cycles")
        try container.require(
            totalOverrun >= 0 && totalOverrun.isFinite && (breached > 0 || totalOverrun == 0),
            forKey: .totalOverrun,
            "totalOverrun must be finite, not negative, and 0 without breaches"
        )
        try container.require(
            worst.count <= Self.worstKept && worst.count == Swift.min(breached, Self.worstKept),
            forKey: .worst,
            "worst keeps the largest \(Self.worstKept) overruns, one per breach"
        )
        try container.require(
            worst.allSatisfy({ $0.overrun.isFinite && $0.overrun > 0 }) && worst == worst.sorted(),
            forKey: .worst,
            "worst overruns are positive and largest first"
        )
        try container.require(
            ExactSum(adding: worst.map(\.overrun)).value <= totalOverrun * (1 + 1e-12),
            forKey: .worst,
            "the worst overruns add up to more than totalOverrun"
        )
    }

    /// Encodes the tally, the total overrun in its canonical expansion.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(achieved, forKey: .achieved)
        try container.encode(breached, forKey: .breached)
        try container.encode(active, forKey: .active)
        try container.encode(paused, forKey: .paused)
        try container.encode(notApplicable, forKey: .notApplicable)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(overruns, forKey: .totalOverrun, residualKey: .totalOverrunResidual)
        try container.encode(worst, forKey: .worst)
    }

    /// The share of decided cycles that met the target, or `nil` when none is decided.
    public var complianceRate: Double? {
        let decided = achieved + breached
        return decided == 0 ? nil : Double(achieved) / Double(decided)
    }

    /// All cycles counted.
    public var total: Int { achieved + breached + active + paused + notApplicable }

    /// Counts one outcome.
    ///
    /// - Parameters:
    ///   - outcome: The outcome.
    ///   - caseID: Its case.
    public mutating func add(_ outcome: TargetOutcome, of caseID: CaseID) {
        switch outcome.state {
        case .achieved: achieved += 1
        case .breached:
            breached += 1
            overruns.add(outcome.overrun)
            insertWorst(Overrun(caseID: caseID, cycle: outcome.cycle, overrun: outcome.overrun))
        case .active: active += 1
        case .paused: paused += 1
        case .notApplicable: notApplicable += 1
        }
        if outcome.isWarning { warnings += 1 }
    }

    /// Adds another tally's counts, keeping the overall worst overruns.
    ///
    /// - Parameter other: The other tally.
    /// - Throws: ``ServiceStandardsError`` with code `overflow` when the cycles together pass 2⁵³ or the total
    ///   overrun is not finite; unchanged then.
    public mutating func merge(_ other: ComplianceTally) throws(ServiceStandardsError) {
        typealias Check = Checks<ServiceStandardsError>
        _ = try Check.sum(total, other.total, "total")
        var overruns = self.overruns
        overruns.add(other.overruns)
        guard overruns.value.isFinite else {
            throw ServiceStandardsError(.overflow, at: "totalOverrun", "the total overrun would not be finite")
        }
        self.overruns = overruns
        absorbCounts(other)
    }

    /// Adds another tally whose counts are known to fit together (the groups of one checked summary).
    mutating func absorb(_ other: ComplianceTally) {
        overruns.add(other.overruns)
        absorbCounts(other)
    }

    private mutating func absorbCounts(_ other: ComplianceTally) {
        achieved += other.achieved
        breached += other.breached
        active += other.active
        paused += other.paused
        notApplicable += other.notApplicable
        warnings += other.warnings
        for overrun in other.worst { insertWorst(overrun) }
    }

    private mutating func insertWorst(_ overrun: Overrun) {
        if worst.count == Self.worstKept, let last = worst.last, !(overrun < last) { return }
        let position = worst.firstIndex { overrun < $0 } ?? worst.count
        worst.insert(overrun, at: position)
        if worst.count > Self.worstKept { worst.removeLast() }
    }
}

/// Compliance with a policy, grouped, as a mergeable and `Codable` state.
///
/// Fold evaluations in with ``add(_:group:)``, or cases with a ``ComplianceAccumulator``; combine partial summaries
/// from shards, threads or days with ``merge(_:)`` in any order and get the same summary as one pass. Memory grows with
/// the number of groups, never with the number of cases.
///
/// JSON form: `{"dimensions": ["priority"], "groups": [{"key": ["high"], "targets": {"firstReply": {…tally…}}}]}`,
/// groups sorted by key.
public struct ComplianceSummary: Sendable, Hashable, Codable {
    /// The names of the grouping dimensions, in key order.
    public let dimensions: [String]
    /// The tallies, by group key and target kind.
    public private(set) var groups: [[String]: [TargetKind: ComplianceTally]] = [:]
    /// How many case evaluations were added.
    public private(set) var caseCount = 0
    /// How many of those matched no rule.
    public private(set) var unmatchedCount = 0

    /// An empty summary.
    ///
    /// - Parameter dimensions: The names of the grouping dimensions, in key order.
    public init(dimensions: [String] = []) {
        self.dimensions = dimensions
    }

    /// Adds one case's evaluation under a group key.
    ///
    /// - Parameters:
    ///   - evaluation: The evaluation.
    ///   - group: The group's key, one value per dimension.
    public mutating func add(_ evaluation: CaseEvaluation, group: [String] = []) {
        caseCount += 1
        guard evaluation.ruleIndex != nil else {
            unmatchedCount += 1
            return
        }
        var tallies = groups[group] ?? [:]
        for outcome in evaluation.outcomes {
            tallies[outcome.kind, default: ComplianceTally()].add(outcome, of: evaluation.caseID)
        }
        groups[group] = tallies
    }

    /// Adds one case's outcomes as the evaluator hands them over, without building a ``CaseEvaluation``.
    ///
    /// The evaluator throws only before it visits the first outcome, so an error leaves the summary unchanged. As with
    /// ``add(_:group:)``, a case that matches no rule is counted but does not create its group.
    mutating func add(caseID: CaseID, group: [String], evaluator: PolicyEvaluator, item: Case, at now: Date)
        throws(ServiceStandardsError)
    {
        let rule: Int?
        if let index = groups.index(forKey: group) {
            // An existing group's tallies are updated where they are stored: one lookup of the key, no copy.
            rule = try evaluator.forEachOutcome(of: item, at: now, breachInstants: false) { outcome in
                groups.values[index][outcome.kind, default: ComplianceTally()].add(outcome, of: caseID)
            }
        } else {
            var tallies: [TargetKind: ComplianceTally] = [:]
            rule = try evaluator.forEachOutcome(of: item, at: now, breachInstants: false) { outcome in
                tallies[outcome.kind, default: ComplianceTally()].add(outcome, of: caseID)
            }
            if rule != nil { groups[group] = tallies }
        }
        caseCount += 1
        if rule == nil { unmatchedCount += 1 }
    }

    /// Adds another summary's counts.
    ///
    /// - Parameter other: A summary over the same dimensions.
    /// - Throws: ``ServiceStandardsError`` with code `inconsistent` (path `dimensions`) when the dimensions differ,
    ///   `overflow` when a count (of one group or of all groups together) would pass 2⁵³; unchanged then.
    public mutating func merge(_ other: ComplianceSummary) throws(ServiceStandardsError) {
        typealias Check = Checks<ServiceStandardsError>
        guard other.dimensions == dimensions else {
            throw ServiceStandardsError(
                .inconsistent,
                at: "dimensions",
                "cannot merge summaries grouped by \(other.dimensions) into one grouped by \(dimensions)"
            )
        }
        var merged = self
        merged.caseCount = try Check.sum(caseCount, other.caseCount, "caseCount")
        merged.unmatchedCount += other.unmatchedCount
        for (key, tallies) in other.groups {
            var mine = merged.groups[key] ?? [:]
            for (kind, tally) in tallies {
                do throws(ServiceStandardsError) {
                    try mine[kind, default: ComplianceTally()].merge(tally)
                } catch {
                    throw error.nested(under: "groups[\(key.joined(separator: ","))].\(kind.rawValue)")
                }
            }
            merged.groups[key] = mine
        }
        _ = try merged.checkedOverall()
        self = merged
    }

    /// The tallies of every group added together, by target kind.
    public var overall: [TargetKind: ComplianceTally] {
        // Decoding and merging check that these totals fit (``checkedOverall()``), so the additions cannot fail.
        var result: [TargetKind: ComplianceTally] = [:]
        for tallies in groups.values {
            for (kind, tally) in tallies { result[kind, default: ComplianceTally()].absorb(tally) }
        }
        return result
    }

    /// ``overall`` with every addition checked.
    private func checkedOverall() throws(ServiceStandardsError) -> [TargetKind: ComplianceTally] {
        var result: [TargetKind: ComplianceTally] = [:]
        for tallies in groups.values {
            for (kind, tally) in tallies {
                do throws(ServiceStandardsError) {
                    try result[kind, default: ComplianceTally()].merge(tally)
                } catch {
                    throw error.nested(under: "overall.\(kind.rawValue)")
                }
            }
        }
        return result
    }

    /// The compliance rates as measurements, one per group and target kind with at least one decided cycle.
    ///
    /// Indicator `<kind>.compliance` (such as `firstReply.compliance`), unit ratio, sample size the decided cycles.
    /// A summary grouped by one dimension named like a `MeasurementScope.Kind` (`team`, `channel`, `priority`,
    /// `segment`, `agent`) uses that scope; otherwise the scope is `group` with id `dimension=value;…`.
    ///
    /// - Parameters:
    ///   - period: The period the summary covers.
    ///   - source: Provenance to record.
    /// - Returns: The measurements, sorted by group and kind.
    public func measurements(period: DateInterval, source: String = "ServiceStandards") -> [ServiceMeasurement] {
        var result: [ServiceMeasurement] = []
        for key in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let scope = MeasurementScope(grouping: dimensions, key: key)
            for (kind, tally) in (groups[key] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let rate = tally.complianceRate,
                    let measurement = try? ServiceMeasurement(
                        indicator: .compliance(of: kind.rawValue),
                        value: rate,
                        unit: .ratio,
                        period: period,
                        scope: scope,
                        sampleSize: tally.achieved + tally.breached,
                        source: source
                    )
                else { continue }
                result.append(measurement)
            }
        }
        return result
    }

    private enum CodingKeys: String, CodingKey {
        case dimensions
        case groups
        case caseCount
        case unmatchedCount
    }

    private struct Group: Codable {
        let key: [String]
        let targets: [String: ComplianceTally]
    }

    /// Decodes the summary from its documented JSON form, checking it as a merge from an untrusted shard needs:
    /// counts from 0 to 2⁵³ (unmatched cases no more than cases), each tally as ``ComplianceTally`` decodes it, each
    /// group once with one value per dimension, and the tallies of all groups together within 2⁵³.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the field for malformed or impossible data, an unknown target kind, a
    ///   repeated group or a key of the wrong length.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dimensions = try container.decode([String].self, forKey: .dimensions)
        caseCount = try container.decodeCount(forKey: .caseCount)
        unmatchedCount = try container.decodeCount(forKey: .unmatchedCount)
        try container.require(
            unmatchedCount <= caseCount,
            forKey: .unmatchedCount,
            "unmatchedCount (\(unmatchedCount)) cannot pass caseCount (\(caseCount))"
        )
        for group in try container.decode([Group].self, forKey: .groups) {
            try container.require(
                groups[group.key] == nil,
                forKey: .groups,
                "group \(group.key) appears more than once"
            )
            guard group.key.count == dimensions.count else {
                throw DecodingError.dataCorruptedError(
                    forKey: .groups,
                    in: container,
                    debugDescription: "group key \(group.key) does not have one value per dimension \(dimensions)"
                )
            }
            var tallies: [TargetKind: ComplianceTally] = [:]
            for (name, tally) in group.targets {
                guard let kind = TargetKind(rawValue: name) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .groups,
                        in: container,
                        debugDescription: "unknown target \"\(name)\""
                    )
                }
                tallies[kind] = tally
            }
            groups[group.key] = tallies
        }
        do throws(ServiceStandardsError) {
            _ = try checkedOverall()
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .groups, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the summary in its documented JSON form, groups sorted by key.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dimensions, forKey: .dimensions)
        try container.encode(caseCount, forKey: .caseCount)
        try container.encode(unmatchedCount, forKey: .unmatchedCount)
        let sorted = groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        try container.encode(
            sorted.map { key, tallies in
                Group(key: key, targets: Dictionary(uniqueKeysWithValues: tallies.map { ($0.key.rawValue, $0.value) }))
            },
            forKey: .groups
        )
    }
}
