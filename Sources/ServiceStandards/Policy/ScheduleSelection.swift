public import ServiceDomain

/// How a case's schedule (the business calendar of its ``TargetClock/caseSchedule`` targets) is chosen: the first
/// rule whose condition holds, else the default; matched at creation and again at each change of priority or team,
/// as the policy's rules are, until a `scheduleChanged` event sets the schedule explicitly.
///
/// JSON form: `{"default": "london", "rules": [{"when": {"team": ["us-billing"]}, "calendar": "new-york"}]}`
/// (`rules` optional).
public struct ScheduleSelection: Sendable, Hashable, Codable {
    /// One rule: a condition and the calendar it chooses.
    public struct Rule: Sendable, Hashable, Codable {
        /// The condition.
        public let when: Condition
        /// The calendar.
        public let calendar: CalendarID

        /// Creates a rule.
        ///
        /// - Parameters:
        ///   - condition: The condition.
        ///   - calendar: The calendar it chooses.
        public init(when condition: Condition, calendar: CalendarID) {
            self.when = condition
            self.calendar = calendar
        }

        /// Decodes a rule, rejecting unknown fields.
        ///
        /// - Parameter decoder: The decoder.
        /// - Throws: `DecodingError` naming a missing or unknown field.
        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: ["when", "calendar"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                when: try container.decode(Condition.self, forKey: .when),
                calendar: try container.decode(CalendarID.self, forKey: .calendar)
            )
        }
    }

    /// The calendar when no rule matches.
    public let defaultCalendar: CalendarID
    /// The rules, in order; the first that holds chooses.
    public let rules: [Rule]

    /// Creates a selection.
    ///
    /// - Parameters:
    ///   - defaultCalendar: The calendar when no rule matches.
    ///   - rules: The rules, in order.
    public init(default defaultCalendar: CalendarID, rules: [Rule] = []) {
        self.defaultCalendar = defaultCalendar
        self.rules = rules
    }

    /// Every calendar the selection can choose.
    public var calendarIDs: Set<CalendarID> { Set(rules.map(\.calendar)).union([defaultCalendar]) }

    private enum CodingKeys: String, CodingKey {
        case defaultCalendar = "default"
        case rules
    }

    /// Decodes a selection, rejecting unknown fields.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming a missing or unknown field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["default", "rules"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            default: try container.decode(CalendarID.self, forKey: .defaultCalendar),
            rules: try container.decodeIfPresent([Rule].self, forKey: .rules) ?? []
        )
    }

    /// Encodes the selection in its JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(defaultCalendar, forKey: .defaultCalendar)
        if !rules.isEmpty { try container.encode(rules, forKey: .rules) }
    }
}
