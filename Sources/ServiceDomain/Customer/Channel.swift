/// A way customers reach the organisation.
///
/// An open set: the common channels are built in, and
/// `Channel("whatsapp")` adds another.
public struct Channel: OpenVocabulary {
    /// The channel's stable name.
    public var rawValue: String
    /// Creates a channel from its name.
    ///
    /// - Parameter rawValue: The channel's stable name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Telephone, answered live or through a queue.
    public static let phone: Channel = "phone"
    /// Email.
    public static let email: Channel = "email"
    /// A form on a web site or in an app.
    public static let webForm: Channel = "webForm"
    /// Live chat or messaging.
    public static let chat: Channel = "chat"
    /// Public or private messages on social media.
    public static let socialMedia: Channel = "socialMedia"
    /// Self-service: help centre, portal, automated assistant.
    public static let selfService: Channel = "selfService"
    /// Face to face: a counter, a shop, a visit.
    public static let inPerson: Channel = "inPerson"
    /// Letters and other post.
    public static let mail: Channel = "mail"

    /// The built-in channels.
    public static let builtIn: [Channel] = [
        .phone, .email, .webForm, .chat, .socialMedia, .selfService, .inPerson, .mail,
    ]
}

/// How urgent a case is.
///
/// An open set: the common levels are built in, and `Priority("p0")` adds another.
public struct Priority: OpenVocabulary {
    /// The priority's stable name.
    public var rawValue: String
    /// Creates a priority from its name.
    ///
    /// - Parameter rawValue: The priority's stable name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Can wait.
    public static let low: Priority = "low"
    /// The default.
    public static let normal: Priority = "normal"
    /// Needs attention soon.
    public static let high: Priority = "high"
    /// Needs attention now.
    public static let urgent: Priority = "urgent"

    /// The built-in priorities, from least to most urgent.
    public static let builtIn: [Priority] = [.low, .normal, .high, .urgent]
}
