public import Foundation
public import ServiceDomain

/// An answer's value.
public enum AnswerValue: Sendable, Hashable {
    /// Yes or no, for a yes/no item.
    case yesNo(Bool)
    /// Ticked or not, for a checkbox.
    case checked(Bool)
    /// One option's identifier.
    case choice(String)
    /// Option identifiers, for a multi-choice item.
    case choices([String])
    /// A number, for numeric, rating and measurement items.
    case number(Double)
    /// Free text.
    case text(String)
    /// A date.
    case date(LocalDate)
    /// Not applicable, with a reason when one is given.
    case notApplicable(reason: String?)
}

/// Where a measured answer came from.
public struct MeasuredFrom: Sendable, Hashable, Codable {
    /// The measurement's indicator.
    public let indicator: Indicator
    /// The measured value.
    public let value: Double
    /// The period it covers.
    public let period: DateInterval
    /// What produced it.
    public let source: String
    /// How many records it came from.
    public let sampleSize: Int?
    /// The unit of `value` (and of the answer's number, an override included), when known; absent in JSON written
    /// before units were kept, when the value is taken to be in the item's unit.
    public let unit: MeasurementUnit?

    /// The provenance of a measurement.
    ///
    /// - Parameter measurement: The measurement.
    public init(_ measurement: ServiceMeasurement) {
        indicator = measurement.indicator
        value = measurement.value
        period = measurement.period
        source = measurement.source
        sampleSize = measurement.sampleSize
        unit = measurement.unit
    }
}

/// Evidence stored by reference, never as a blob.
public struct EvidenceReference: Sendable, Hashable, Codable {
    /// Where it lives.
    public let uri: String
    /// Its media type, such as `image/jpeg`.
    public let mediaType: String
    /// A digest of its content, such as `sha256:…`, so that a later change shows.
    public let digest: String?

    /// Creates a reference.
    ///
    /// - Parameters:
    ///   - uri: Where it lives.
    ///   - mediaType: Its media type.
    ///   - digest: Its digest.
    public init(uri: String, mediaType: String, digest: String? = nil) {
        self.uri = uri
        self.mediaType = mediaType
        self.digest = digest
    }
}

/// The answer to one item.
///
/// JSON: `{"item": "Q1", "yes": true}`, `{"item": "Q2", "checked": false}`, `{"item": "Q3", "choice": "meets"}`,
/// `{"item": "Q4", "choices": ["a", "b"]}`, `{"item": "Q5", "number": 12.5}`, `{"item": "Q6", "text": "…"}`,
/// `{"item": "Q7", "date": "2026-11-23"}`, `{"item": "Q8", "notApplicable": "no call centre"}` (or `true` without a
/// reason); optionally `"note"`, `"evidence": [{"uri": …, "mediaType": …, "digest": …}]`, and for a measurement item
/// `"measured": {…}` with `"overrideReason"` when a person changed the measured value.
public struct AuditAnswer: Sendable, Hashable, Codable {
    /// The item's identifier.
    public let item: String
    /// The value.
    public let value: AnswerValue
    /// The auditor's note.
    public let note: String?
    /// Evidence references.
    public let evidence: [EvidenceReference]
    /// For a measurement item, the measurement it was answered from.
    public let measured: MeasuredFrom?
    /// Why a person overrode the measured value, when they did.
    public let overrideReason: String?

    /// Creates an answer.
    ///
    /// - Parameters:
    ///   - item: The item's identifier.
    ///   - value: The value.
    ///   - note: A note.
    ///   - evidence: Evidence references.
    public init(item: String, _ value: AnswerValue, note: String? = nil, evidence: [EvidenceReference] = []) {
        self.item = item
        self.value = value
        self.note = note
        self.evidence = evidence
        self.measured = nil
        self.overrideReason = nil
    }

    /// Answers a measurement item from a measurement, keeping its provenance.
    ///
    /// - Parameters:
    ///   - item: The item's identifier.
    ///   - measurement: The measurement.
    /// - Returns: The answer.
    public static func measured(_ item: String, from measurement: ServiceMeasurement) -> AuditAnswer {
        AuditAnswer(
            item: item,
            value: .number(measurement.value),
            measured: MeasuredFrom(measurement),
            overrideReason: nil
        )
    }

    static func measuredAnswer(_ item: String, _ provenance: MeasuredFrom) -> AuditAnswer {
        AuditAnswer(item: item, value: .number(provenance.value), measured: provenance, overrideReason: nil)
    }

    /// The same measured answer with a person's value and their reason.
    ///
    /// - Parameters:
    ///   - value: The value to use instead.
    ///   - reason: Why; not empty.
    /// - Returns: The overridden answer, keeping the measurement's provenance.
    /// - Throws: ``ServiceAuditError`` with code `empty` (path `overrideReason`) without a reason.
    public func overridden(with value: Double, reason: String) throws(ServiceAuditError) -> AuditAnswer {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServiceAuditError(.empty, at: "overrideReason", "overriding a measured answer needs a reason")
        }
        return AuditAnswer(item: item, value: .number(value), measured: measured, overrideReason: reason)
    }

    private init(item: String, value: AnswerValue, measured: MeasuredFrom?, overrideReason: String?) {
        self.item = item
        self.value = value
        self.note = nil
        self.evidence = []
        self.measured = measured
        self.overrideReason = overrideReason
    }

    private enum CodingKeys: String, CodingKey {
        case item
        case yes
        case checked
        case choice
        case choices
        case number
        case text
        case date
        case notApplicable
        case note
        case evidence
        case measured
        case overrideReason
    }

    /// Decodes an answer from its documented form; exactly one value key must be present.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data or not exactly one value.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        item = try c.decode(String.self, forKey: .item)
        var values: [AnswerValue] = []
        if let yes = try c.decodeIfPresent(Bool.self, forKey: .yes) { values.append(.yesNo(yes)) }
        if let checked = try c.decodeIfPresent(Bool.self, forKey: .checked) { values.append(.checked(checked)) }
        if let choice = try c.decodeIfPresent(String.self, forKey: .choice) { values.append(.choice(choice)) }
        if let choices = try c.decodeIfPresent([String].self, forKey: .choices) { values.append(.choices(choices)) }
        if let number = try c.decodeIfPresent(Double.self, forKey: .number) { values.append(.number(number)) }
        if let text = try c.decodeIfPresent(String.self, forKey: .text) { values.append(.text(text)) }
        if let date = try c.decodeIfPresent(LocalDate.self, forKey: .date) { values.append(.date(date)) }
        if c.contains(.notApplicable) {
            if let reason = try? c.decode(String.self, forKey: .notApplicable) {
                values.append(.notApplicable(reason: reason))
            } else if try c.decode(Bool.self, forKey: .notApplicable) {
                values.append(.notApplicable(reason: nil))
            }
        }
        guard values.count == 1, let value = values.first else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: c.codingPath,
                    debugDescription: "answer to \(item) needs exactly one value, found \(values.count)"
                )
            )
        }
        self.value = value
        note = try c.decodeIfPresent(String.self, forKey: .note)
        evidence = try c.decodeIfPresent([EvidenceReference].self, forKey: .evidence) ?? []
        measured = try c.decodeIfPresent(MeasuredFrom.self, forKey: .measured)
        overrideReason = try c.decodeIfPresent(String.self, forKey: .overrideReason)
    }

    /// Encodes the documented form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item, forKey: .item)
        switch value {
        case .yesNo(let yes): try c.encode(yes, forKey: .yes)
        case .checked(let checked): try c.encode(checked, forKey: .checked)
        case .choice(let choice): try c.encode(choice, forKey: .choice)
        case .choices(let choices): try c.encode(choices, forKey: .choices)
        case .number(let number): try c.encode(number, forKey: .number)
        case .text(let text): try c.encode(text, forKey: .text)
        case .date(let date): try c.encode(date, forKey: .date)
        case .notApplicable(let reason):
            if let reason {
                try c.encode(reason, forKey: .notApplicable)
            } else {
                try c.encode(true, forKey: .notApplicable)
            }
        }
        try c.encodeIfPresent(note, forKey: .note)
        if !evidence.isEmpty { try c.encode(evidence, forKey: .evidence) }
        try c.encodeIfPresent(measured, forKey: .measured)
        try c.encodeIfPresent(overrideReason, forKey: .overrideReason)
    }
}
