/// How a service level ("X % of contacts answered within Y seconds") treats abandoned contacts.
///
/// The three conventions in common use differ by several points on the same data, and the answered-only form rewards
/// abandonment (a contact that gives up early never counts against it), so every service-level figure in this module
/// carries the convention it was computed with. With `answered(≤T)` the contacts answered within the threshold `T`,
/// `abandoned(≤T)` those abandoned within it, and short abandons (below a separate, configurable threshold) removed
/// from every count first:
///
/// | convention | formula |
/// |---|---|
/// | ``abandonedInDenominator`` | answered(≤T) ÷ (answered + abandoned) |
/// | ``answeredOnly`` | answered(≤T) ÷ answered |
/// | ``abandonedWithinThresholdMet`` | (answered(≤T) + abandoned(≤T)) ÷ (answered + abandoned) |
/// | ``offeredWait`` | P(offered wait ≤ T), models only |
///
/// In a queueing model the same three are probabilities over arriving contacts: P(answered within T),
/// P(answered within T) ÷ P(answered), and P(answered or abandoned within T).
public enum ServiceLevelConvention: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every contact that was answered or abandoned is in the denominator; only answers within the threshold meet it.
    case abandonedInDenominator
    /// Only answered contacts count; abandoned ones are left out of both sides.
    case answeredOnly
    /// Abandons within the threshold count as met (the customer left before the promise was broken).
    case abandonedWithinThresholdMet
    /// The *offered* (virtual) wait: the share whose wait for an agent — had they not given up — is within the
    /// threshold, which counts an abandon as met when the caller's patience would have been rewarded in time. A
    /// queueing-model figure (`P(V ≤ T)`): contact records cannot give it, because an abandoned contact's offered
    /// wait is censored, so ``ServiceLevelTally/value(_:)`` returns `nil` for it.
    case offeredWait
}

/// A service-level figure with the threshold and convention that define it.
public struct ServiceLevelFigure: Sendable, Hashable, Codable {
    /// The share, from 0 to 1, or `nil` when the denominator is empty.
    public let value: Double?
    /// The answer-time threshold, in seconds.
    public let threshold: Double
    /// The convention the share was computed with.
    public let convention: ServiceLevelConvention

    /// Creates a figure.
    ///
    /// - Parameters:
    ///   - value: The share, or `nil` when undefined.
    ///   - threshold: The threshold in seconds.
    ///   - convention: The convention.
    public init(value: Double?, threshold: Double, convention: ServiceLevelConvention) {
        self.value = value
        self.threshold = threshold
        self.convention = convention
    }
}
