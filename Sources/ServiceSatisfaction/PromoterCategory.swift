public import ServiceDomain

/// Where an answer to the "how likely are you to recommend us?" question (0–10) places a respondent in the Net
/// Promoter System: promoters answer 9–10, passives 7–8, detractors 0–6.
public enum PromoterCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Answered 0 through 6.
    case detractor
    /// Answered 7 or 8.
    case passive
    /// Answered 9 or 10.
    case promoter

    /// Classifies a 0–10 likelihood-to-recommend answer.
    ///
    /// - Parameter score: The answer; a whole number from 0 to 10.
    /// - Throws: `ServiceDomainError` with code `nonFinite` for NaN or infinity, or `outOfRange` for a value that
    ///   is not a whole number from 0 to 10 (path `score`).
    public init(score: Double) throws(ServiceDomainError) {
        guard score.isFinite else {
            throw ServiceDomainError(.nonFinite, at: "score", "a recommendation score must be finite, not \(score)")
        }
        guard score >= 0, score <= 10, score.rounded() == score else {
            throw ServiceDomainError(.outOfRange, at: "score", "\(score) is not a whole number from 0 to 10")
        }
        switch score {
        case 9...: self = .promoter
        case 7...: self = .passive
        default: self = .detractor
        }
    }
}
