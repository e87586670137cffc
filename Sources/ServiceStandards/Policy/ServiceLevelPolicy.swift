public import Foundation
public import ServiceDomain

/// A service-level policy: an ordered list of rules, each a condition and the targets that apply when it holds.
///
/// The first matching rule wins; a case that matches none has no targets.
///
/// JSON form (see `Documentation/DefiningServiceStandards.md`):
/// ```json
/// {"id": "council-standard", "name": "Council service standard", "warningAt": 0.75,
///  "rules": [
///    {"name": "Urgent", "when": {"priority": ["urgent"]},
///     "targets": {"firstReply": {"clock": {"businessHours": "london"}, "durations": {"urgent": 3600}}}},
///    {"name": "Everyone else",
///     "targets": {"firstReply": {"clock": {"businessHours": "london"}, "durations": {"normal": 28800}}}}]}
/// ```
/// A rule without `when` matches every case. An optional `"semantics"` object (``EvaluationSemantics``) says which
/// target judges a cycle when the priority or team changes, and where breach instants at a closing land.
public struct ServiceLevelPolicy: Sendable, Hashable, Codable {
    /// The policy's identifier.
    public let id: String
    /// A name for people.
    public let name: String
    /// The share of a target consumed at which an active cycle is flagged as a warning, in (0, 1].
    public let warningShare: Double
    /// The rules, in order; the first that matches a case applies.
    public let rules: [Rule]
    /// How targets are applied and measured where helpdesks differ.
    public let semantics: EvaluationSemantics
    /// How each case's schedule is chosen, for targets on ``TargetClock/caseSchedule``; `nil` when none is.
    public let schedules: ScheduleSelection?

    /// One rule of a policy.
    public struct Rule: Sendable, Hashable {
        /// A name for people and reports.
        public let name: String
        /// The condition a case must meet.
        public let condition: Condition
        /// The targets that apply, by kind.
        public let targets: [TargetKind: ServiceTarget]

        /// Creates a rule.
        ///
        /// - Parameters:
        ///   - name: A name for people.
        ///   - condition: The condition; `.always` to match every case.
        ///   - targets: The targets by kind.
        public init(name: String, when condition: Condition = .always, targets: [TargetKind: ServiceTarget]) {
            self.name = name
            self.condition = condition
            self.targets = targets
        }
    }

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - id: The identifier; not empty.
    ///   - name: A name for people.
    ///   - warningShare: The share of a target at which to warn, in (0, 1]; 0.75 by default.
    ///   - rules: The rules, in order.
    ///   - semantics: How targets are applied and measured; the defaults of ``EvaluationSemantics``.
    ///   - schedules: How each case's schedule is chosen; required when a target is on ``TargetClock/caseSchedule``.
    /// - Throws: ``ServiceStandardsError`` with code `empty` (path `id`), `outOfRange`/`nonFinite` (path
    ///   `warningAt`), or `inconsistent` (path `rules[i].targets.<kind>.clock`) for a target on the case's schedule
    ///   without `schedules`.
    public init(
        id: String,
        name: String = "",
        warningShare: Double = 0.75,
        rules: [Rule],
        semantics: EvaluationSemantics = EvaluationSemantics(),
        schedules: ScheduleSelection? = nil
    ) throws(ServiceStandardsError) {
        guard !id.isEmpty else { throw ServiceStandardsError(.empty, at: "id", "a policy needs an identifier") }
        guard warningShare.isFinite else {
            throw ServiceStandardsError(.nonFinite, at: "warningAt", "the warning share must be finite")
        }
        guard warningShare > 0, warningShare <= 1 else {
            throw ServiceStandardsError(
                .outOfRange,
                at: "warningAt",
                "the warning share must lie in (0, 1], not \(warningShare)"
            )
        }
        self.id = id
        self.name = name
        self.warningShare = warningShare
        if schedules == nil {
            for (index, rule) in rules.enumerated() {
                for (kind, target) in rule.targets.sorted(by: { $0.key < $1.key }) where target.clock == .caseSchedule {
                    throw ServiceStandardsError(
                        .inconsistent,
                        at: "rules[\(index)].targets.\(kind.rawValue).clock",
                        "a target on the case's schedule needs the policy's \"schedules\" (a default calendar)"
                    )
                }
            }
        }
        self.rules = rules
        self.semantics = semantics
        self.schedules = schedules
    }

    /// The business calendars the policy's targets name.
    public var calendarIDs: Set<CalendarID> {
        var ids: Set<CalendarID> = []
        for rule in rules {
            for target in rule.targets.values {
                if case .businessHours(let id) = target.clock { ids.insert(id) }
            }
        }
        return ids.union(schedules?.calendarIDs ?? [])
    }

    /// The custom condition names the policy's rules use.
    public var customConditionNames: Set<String> {
        rules.reduce(into: []) { $0.formUnion($1.condition.customNames) }
    }

    /// The index of the first rule whose condition the case meets.
    ///
    /// - Parameters:
    ///   - item: The case.
    ///   - context: The organisation and custom conditions.
    /// - Returns: The rule's index, or `nil` when none matches.
    public func matchingRule(for item: Case, in context: PolicyContext) -> Int? {
        // Indices rather than elements: reading a rule's condition in place does not copy the whole rule.
        for index in rules.indices where rules[index].condition.matches(item, in: context) { return index }
        return nil
    }

    /// Reads a policy from JSON, reporting the path of any bad field.
    ///
    /// - Parameters:
    ///   - data: The JSON document.
    ///   - limits: The largest and deepest document accepted.
    /// - Returns: The policy.
    /// - Throws: ``ServiceStandardsError`` whose path names the offending field, such as
    ///   `rules[2].targets.firstReply.durations.urgent`; `outOfRange` (path `document` or `line[N]`) past the limits.
    public static func load(from data: Data, limits: DocumentLimits = .standard) throws(ServiceStandardsError)
        -> ServiceLevelPolicy
    {
        try JSONLoading.decode(ServiceLevelPolicy.self, from: data, limits: limits)
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case name
        case warningAt
        case rules
        case semantics
        case schedules
    }

    private enum RuleKeys: String, CodingKey {
        case name
        case when
        case targets
    }

    /// Decodes the policy from its documented JSON form.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["id", "name", "warningAt", "rules", "semantics", "schedules"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var rulesContainer = try container.nestedUnkeyedContainer(forKey: .rules)
        var rules: [Rule] = []
        while !rulesContainer.isAtEnd {
            let rule = try rulesContainer.nestedContainer(keyedBy: NameKey.self)
            for key in rule.allKeys where !["name", "when", "targets"].contains(key.stringValue) {
                throw DecodingError.dataCorruptedError(
                    forKey: key,
                    in: rule,
                    debugDescription: "unknown field \"\(key.stringValue)\"; expected name, targets, when"
                )
            }
            let targetsContainer = try rule.nestedContainer(keyedBy: NameKey.self, forKey: NameKey("targets"))
            var targets: [TargetKind: ServiceTarget] = [:]
            for key in targetsContainer.allKeys {
                guard let kind = TargetKind(rawValue: key.stringValue) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: key,
                        in: targetsContainer,
                        debugDescription: "unknown target \"\(key.stringValue)\"; expected one of "
                            + TargetKind.allCases.map(\.rawValue).joined(separator: ", ")
                    )
                }
                targets[kind] = try ServiceTarget.decode(kind: kind, from: targetsContainer, key: key)
            }
            rules.append(
                Rule(
                    name: try rule.decodeIfPresent(String.self, forKey: NameKey("name")) ?? "",
                    when: try rule.decodeIfPresent(Condition.self, forKey: NameKey("when")) ?? .always,
                    targets: targets
                )
            )
        }
        let warning = try container.decodeIfPresent(Double.self, forKey: .warningAt) ?? 0.75
        do {
            try self.init(
                id: container.decode(String.self, forKey: .id),
                name: container.decodeIfPresent(String.self, forKey: .name) ?? "",
                warningShare: warning,
                rules: rules,
                semantics: try container.decodeIfPresent(EvaluationSemantics.self, forKey: .semantics)
                    ?? EvaluationSemantics(),
                schedules: try container.decodeIfPresent(ScheduleSelection.self, forKey: .schedules)
            )
        } catch let error as ServiceStandardsError {
            let key: CodingKeys = error.path == "id" ? .id : error.path == "warningAt" ? .warningAt : .rules
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: container,
                debugDescription: (key == .rules ? "\(error.path ?? ""): " : "") + error.message
            )
        }
    }

    /// Encodes the policy in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        if !name.isEmpty { try container.encode(name, forKey: .name) }
        try container.encode(warningShare, forKey: .warningAt)
        // The defaults are left out, so that a policy written before semantics existed reads back byte for byte.
        if semantics != EvaluationSemantics() { try container.encode(semantics, forKey: .semantics) }
        try container.encodeIfPresent(schedules, forKey: .schedules)
        var rulesContainer = container.nestedUnkeyedContainer(forKey: .rules)
        for rule in rules {
            var ruleContainer = rulesContainer.nestedContainer(keyedBy: RuleKeys.self)
            if !rule.name.isEmpty { try ruleContainer.encode(rule.name, forKey: .name) }
            if rule.condition != .always { try ruleContainer.encode(rule.condition, forKey: .when) }
            var targets = ruleContainer.nestedContainer(keyedBy: NameKey.self, forKey: .targets)
            for (kind, target) in rule.targets.sorted(by: { $0.key < $1.key }) {
                try targets.encode(target, forKey: NameKey(kind.rawValue))
            }
        }
    }
}

/// Decoding with errors that name the path of the bad field.
enum JSONLoading {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, limits: DocumentLimits = .standard)
        throws(ServiceStandardsError) -> T
    {
        do throws(ServiceDomainError) {
            try limits.check(data)
        } catch {
            throw ServiceStandardsError(error)
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw ServiceStandardsError(decoding: error)
        } catch {
            throw ServiceStandardsError(.malformed, "\(error)")
        }
    }
}

extension ServiceStandardsError {
    /// Turns a decoding error into an error whose path is the JSON path of the offending field.
    ///
    /// - Parameter error: The decoding error.
    public init(decoding error: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let full = path(context.codingPath + [key])
            self.init(.missingField, at: full, "\(key.stringValue) is required")
        case .typeMismatch(let type, let context):
            self.init(.wrongType, at: path(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            self.init(.missingField, at: path(context.codingPath), "expected \(type), found null")
        case .dataCorrupted(let context):
            let underlying = context.underlyingError as? ServiceDomainError
            let at = path(context.codingPath)
            self.init(underlying?.code ?? .malformed, at: at.isEmpty ? nil : at, context.debugDescription)
        @unknown default:
            self.init(.malformed, "\(error)")
        }
    }
}
