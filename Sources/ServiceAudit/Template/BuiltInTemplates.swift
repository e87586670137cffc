import Foundation
import ServiceDomain

/// The audit templates that ship with the library, as JSON resources in `Sources/ServiceAudit/Templates/`.
///
/// Each is written in this library's own words; its structure draws on public frameworks named in its `inspiredBy`
/// (no trade-marked titles, no certification claims):
///
/// | id | what it establishes |
/// |---|---|
/// | `excellent-service-provider` | the six characteristics of excellent service providers |
/// | `service-excellence-five-criteria` | customer insight; culture; information and access; delivery; timeliness and quality |
/// | `implementation-guidelines` | the eleven guidelines for implementing a service programme |
/// | `sector-accountability` | public, voluntary, co-operative and private accountability and access |
/// | `service-design-fit` | the fit of standards to the seven service-design factors |
/// | `frontline-wellbeing` | emotional labour, role conflict, ambiguity and overload, service climate |
/// | `complaint-handling` | visibility, accessibility, responsiveness, objectivity, confidentiality, accountability, improvement |
/// | `contact-centre-delivery` | service level, abandonment, first reply and resolution from measurements |
/// | `competitive-appraisal` | a mystery shop applied to us and to each competitor |
public enum BuiltInTemplates: Sendable {
    /// The identifiers of the built-in templates, in the order above.
    public static let identifiers = [
        "excellent-service-provider", "service-excellence-five-criteria", "implementation-guidelines",
        "sector-accountability", "service-design-fit", "frontline-wellbeing", "complaint-handling",
        "contact-centre-delivery", "competitive-appraisal",
    ]

    /// Loads one built-in template.
    ///
    /// - Parameter id: One of ``identifiers``.
    /// - Returns: The template.
    /// - Throws: ``ServiceAuditError`` with code `unknownReference` (path `id`) for an unknown identifier, or
    ///   `malformed` (path `Templates/<id>.json`) if the resource cannot be read or decoded.
    public static func template(_ id: String) throws(ServiceAuditError) -> AuditTemplate {
        guard identifiers.contains(id) else {
            throw ServiceAuditError(.unknownReference, at: "id", "no built-in template is named \"\(id)\"")
        }
        let path = "Templates/\(id).json"
        guard let url = Bundle.module.url(forResource: id, withExtension: "json", subdirectory: "Templates") else {
            throw ServiceAuditError(.malformed, at: path, "the resource is missing from the bundle")
        }
        do {
            return try JSONDecoder().decode(AuditTemplate.self, from: Data(contentsOf: url))
        } catch {
            throw ServiceAuditError(.malformed, at: path, "the template cannot be read: \(error)")
        }
    }

    /// Loads every built-in template.
    ///
    /// - Returns: The templates, in the order of ``identifiers``.
    /// - Throws: As ``template(_:)``.
    public static func all() throws(ServiceAuditError) -> [AuditTemplate] {
        var templates: [AuditTemplate] = []
        for id in identifiers { templates.append(try template(id)) }
        return templates
    }
}
