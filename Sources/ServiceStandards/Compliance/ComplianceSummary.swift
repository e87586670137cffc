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
    /// The sum of all breaches' overruns, in the target's clock seconds.
    public private(set) var totalOverrun: TimeInterval = 0
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
        case worst
    }

    /// Decodes a tally, checking that it could have come from counting outcomes: counts not negative, overruns
    /// finite and not negative, at most ``worstKept`` worst overruns in order and no more than the breaches.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        achieved = try container.decode(Int.self, forKey: .achieved)
        breached = try container.decode(Int.self, forKey: .breached)
        active = try container.decode(Int.self, forKey: .active)
        paused = try container.decode(Int.self, forKey: .paused)
        notApplicable = try container.decode(Int.self, forKey: .notApplicable)
        warnings = try container.decode(Int.self, forKey: .warnings)
        totalOverrun = try container.decode(Double.self, forKey: .totalOverrun)
        worst = try container.decode([Overrun].self, forKey: .worst)
        let counts = [achieved, breached, active, paused, notApplicable, warnings]
        guard counts.allSatisfy({ $0 >= 0 }), totalOverrun.isFinite, totalOverrun >= 0,
            worst.count <= Self.worstKept, worst.count <= breached,
            worst.allSatisfy({ $0.overrun.isFinite && $0.overrun > 0 }), worst == worst.sorted()
        else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: container.codingPath, debugDescription: "impossible compliance tally")
            )
        }
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
            totalOverrun += outcome.overrun
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
    public mutating func merge(_ other: ComplianceTally) {
        achieved += other.achieved
        breached += other.breached
        active += other.active
        paused += other.paused
        notApplicable += other.notApplicable
        warnings += other.warnings
        totalOverrun += other.totalOverrun
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
    /// - Throws: ``ServiceStandardsError`` with code `inconsistent` (path `dimensions`) when the dimensions differ.
    public mutating func merge(_ other: ComplianceSummary) throws(ServiceStandardsError) {
        guard other.dimensions == dimensions else {
            throw ServiceStandardsError(
                .inconsistent,
                at: "dimensions",
                "cannot merge summaries grouped by \(other.dimensions) into one grouped by \(dimensions)"
            )
        }
        caseCount += other.caseCount
        unmatchedCount += other.unmatchedCount
        for (key, tallies) in other.groups {
            var mine = groups[key] ?? [:]
            for (kind, tally) in tallies { mine[kind, default: ComplianceTally()].merge(tally) }
            groups[key] = mine
        }
    }

    /// The tallies of every group added together, by target kind.
    public var overall: [TargetKind: ComplianceTally] {
        var result: [TargetKind: ComplianceTally] = [:]
        for tallies in groups.values {
            for (kind, tally) in tallies { result[kind, default: ComplianceTally()].merge(tally) }
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
                        indicator: Indicator("\(kind.rawValue).compliance"),
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

    /// Decodes the summary from its documented JSON form.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data, an unknown target kind, or a key of the wrong length.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dimensions = try container.decode([String].self, forKey: .dimensions)
        caseCount = try container.decode(Int.self, forKey: .caseCount)
        unmatchedCount = try container.decode(Int.self, forKey: .unmatchedCount)
        for group in try container.decode([Group].self, forKey: .groups) {
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
