/// The error every `ServiceDomain` operation throws: a stable code, the offending field and a message.
///
/// Errors are values. `code` is stable across releases and safe to switch over or store; `path` names the
/// offending field in the caller's data (`events[3]`, `weeklyHours.monday[1].end`) so that a user interface or a
/// log line can point at it; `message` is for people and may be reworded.
///
/// ```swift
/// do {
///     _ = try BusinessCalendar(timeZone: "Mars/Olympus_Mons", weeklyHours: .weekdays(9, 17))
/// } catch {
///     print(error.code)  // unknownTimeZone
///     print(error)       // unknownTimeZone at timeZone: no IANA time zone is named "Mars/Olympus_Mons"
/// }
/// ```
public struct ServiceDomainError: ServiceError {
    /// What went wrong, as an open set of stable string codes.
    public var code: Code
    /// The path of the offending field in the caller's data, such as `events[3]`, or `nil` when the whole value is at fault.
    public var path: String?
    /// A human-readable explanation.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - path: The path of the offending field, if any.
    ///   - message: A human-readable explanation.
    public init(_ code: Code, at path: String? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }
}

extension ServiceDomainError {
    /// A stable error code.
    ///
    /// Codes are an open set: new ones may be added in minor releases.
    public struct Code: OpenVocabulary {
        /// The code's stable string.
        public var rawValue: String
        /// Creates a code from its string.
        ///
        /// - Parameter rawValue: The code's stable string.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A number is NaN or infinite where a finite one is required.
        public static let nonFinite = Code(rawValue: "nonFinite")
        /// A number is outside the range its field allows.
        public static let outOfRange = Code(rawValue: "outOfRange")
        /// A required field is empty.
        public static let empty = Code(rawValue: "empty")
        /// A value is malformed (a date string, a time of day, an identifier).
        public static let malformed = Code(rawValue: "malformed")
        /// No IANA time zone has the given identifier.
        public static let unknownTimeZone = Code(rawValue: "unknownTimeZone")
        /// An opening interval ends where it starts.
        public static let invalidInterval = Code(rawValue: "invalidInterval")
        /// Two opening intervals overlap.
        public static let overlappingIntervals = Code(rawValue: "overlappingIntervals")
        /// The calendar is never open again after the given instant, so the operation has no answer.
        public static let neverOpens = Code(rawValue: "neverOpens")
        /// A case timeline does not start with exactly one creation event.
        public static let missingCreation = Code(rawValue: "missingCreation")
        /// An event is earlier than the event before it.
        public static let eventsOutOfOrder = Code(rawValue: "eventsOutOfOrder")
        /// An event is earlier than the creation of its case.
        public static let eventBeforeCreation = Code(rawValue: "eventBeforeCreation")
        /// Two items that need distinct identifiers share one.
        public static let duplicateIdentifier = Code(rawValue: "duplicateIdentifier")
        /// A change of state is not allowed from the current state (reopening a case that is not solved).
        public static let invalidTransition = Code(rawValue: "invalidTransition")
        /// Two fields contradict each other (an answered contact with an abandonment time).
        public static let inconsistent = Code(rawValue: "inconsistent")
        /// A count or total would pass what a state can hold (counts above 2⁵³, sums that are not finite), as when
        /// merging a shard whose counts were tampered with.
        public static let overflow = Code(rawValue: "overflow")
        /// A value's unit does not fit where it is used and does not convert (a count where a ratio is expected).
        public static let unitMismatch = Code(rawValue: "unitMismatch")
    }
}
