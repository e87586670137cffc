import ServiceDomain

/// The work offered to a queue in one interval: how fast contacts arrive and how long each takes to handle.
///
/// ```swift
/// // 120 calls in a 30-minute interval, 4 minutes' handle time each: 16 Erlangs.
/// let load = try QueueLoad(arrivals: 120, per: 1_800, averageHandleTime: 240)
/// ```
public struct QueueLoad: Sendable, Hashable, Codable {
    /// Contacts arriving per second.
    public let arrivalRate: Double
    /// Mean handle time (talk + hold + wrap-up) in seconds.
    public let averageHandleTime: Double

    /// Creates a load from a rate.
    ///
    /// - Parameters:
    ///   - arrivalRate: Contacts per second; finite, not negative.
    ///   - averageHandleTime: Seconds; finite, positive.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` and the argument's name as path.
    public init(arrivalRate: Double, averageHandleTime: Double) throws(ServiceMetricsError) {
        try Check.notNegative(arrivalRate, "arrivalRate")
        try Check.positive(averageHandleTime, "averageHandleTime")
        self.arrivalRate = arrivalRate
        self.averageHandleTime = averageHandleTime
    }

    /// Creates a load from a count of arrivals in an interval.
    ///
    /// - Parameters:
    ///   - arrivals: Contacts expected in the interval; finite, not negative (fractions allowed: it is a forecast).
    ///   - interval: The interval's length in seconds; finite, positive.
    ///   - averageHandleTime: Seconds; finite, positive.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` and the argument's name as path.
    public init(arrivals: Double, per interval: Double, averageHandleTime: Double) throws(ServiceMetricsError) {
        try Check.notNegative(arrivals, "arrivals")
        try Check.positive(interval, "interval")
        try self.init(arrivalRate: arrivals / interval, averageHandleTime: averageHandleTime)
    }

    /// The offered traffic in Erlangs: arrival rate × handle time, the mean number of agents busy if none waited.
    public var traffic: Double { arrivalRate * averageHandleTime }

    private enum CodingKeys: String, CodingKey {
        case arrivalRate
        case averageHandleTime
    }

    /// Decodes a load, checking it as ``init(arrivalRate:averageHandleTime:)`` does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data, ``ServiceMetricsError`` for values out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            arrivalRate: container.decode(Double.self, forKey: .arrivalRate),
            averageHandleTime: container.decode(Double.self, forKey: .averageHandleTime)
        )
    }
}
