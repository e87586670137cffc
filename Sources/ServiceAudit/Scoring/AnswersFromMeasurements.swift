import Foundation
public import ServiceDomain

extension MeasuredFrom {
    init(indicator: Indicator, value: Double, period: DateInterval, source: String, sampleSize: Int?) {
        self.indicator = indicator
        self.value = value
        self.period = period
        self.source = source
        self.sampleSize = sampleSize
    }
}

extension AuditTemplate {
    /// Answers every measurement item it can from measurements — the figures `ServiceStandards`, `ServiceMetrics`
    /// and `ServiceSatisfaction` export — keeping their provenance.
    ///
    /// An item takes the measurements whose indicator is its own (and, when `scope` is given, whose scope is that
    /// scope), combined by its ``MeasurementAggregation``; an item with none stays unanswered. One measurement keeps
    /// its own provenance; an aggregate records the period spanning them all, a source such as
    /// `mean of 3: ServiceMetrics`, and the summed sample size when every measurement has one.
    ///
    /// - Parameters:
    ///   - measurements: The measurements.
    ///   - scope: Only measurements about this scope, if given.
    /// - Returns: One answer per measurement item that has measurements, in template order.
    public func answers(from measurements: [ServiceMeasurement], scope: MeasurementScope? = nil) -> [AuditAnswer] {
        itemsWithPaths.compactMap { entry -> AuditAnswer? in
            guard case .measurement(let indicator, let aggregation, _) = entry.item.kind else { return nil }
            let matching = measurements.filter {
                $0.indicator.rawValue == indicator && (scope == nil || $0.scope == scope)
            }
            guard let first = matching.first else { return nil }
            if matching.count == 1 { return .measured(entry.item.id, from: first) }
            let value: Double
            switch aggregation {
            case .latest:
                let latest = matching.max {
                    ($0.period.end, $0.sampleSize ?? 0) < ($1.period.end, $1.sampleSize ?? 0)
                }
                return .measured(entry.item.id, from: latest ?? first)
            case .mean:
                let sizes = matching.compactMap(\.sampleSize)
                if sizes.count == matching.count, sizes.reduce(0, +) > 0 {
                    value =
                        zip(matching, sizes).reduce(0) { $0 + $1.0.value * Double($1.1) } / Double(sizes.reduce(0, +))
                } else {
                    value = matching.reduce(0) { $0 + $1.value } / Double(matching.count)
                }
            case .minimum: value = matching.map(\.value).min() ?? first.value
            case .maximum: value = matching.map(\.value).max() ?? first.value
            case .sum: value = matching.reduce(0) { $0 + $1.value }
            }
            let start = matching.map(\.period.start).min() ?? first.period.start
            let end = matching.map(\.period.end).max() ?? first.period.end
            let sizes = matching.compactMap(\.sampleSize)
            let sources = Array(Set(matching.map(\.source))).sorted().joined(separator: ", ")
            let provenance = MeasuredFrom(
                indicator: first.indicator,
                value: value,
                period: DateInterval(start: start, end: end),
                source: "\(aggregation.rawValue) of \(matching.count): \(sources)",
                sampleSize: sizes.count == matching.count ? sizes.reduce(0, +) : nil
            )
            return .measuredAnswer(entry.item.id, provenance)
        }
    }
}
