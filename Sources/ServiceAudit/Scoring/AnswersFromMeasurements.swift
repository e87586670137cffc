import Foundation
public import ServiceDomain

extension MeasuredFrom {
    init(
        indicator: Indicator,
        value: Double,
        period: DateInterval,
        source: String,
        sampleSize: Int?,
        unit: MeasurementUnit?
    ) {
        self.indicator = indicator
        self.unit = unit
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
    /// its own provenance (and unit: scoring converts it to the item's); an aggregate is taken over the values in
    /// the item's unit (``ItemKind/measurementUnit``, or the measurements' one unit when the indicator has no
    /// standard unit) and records the period spanning them all, a source such as `mean of 3: ServiceMetrics`, and
    /// the summed sample size when every measurement has one.
    ///
    /// - Parameters:
    ///   - measurements: The measurements.
    ///   - scope: Only measurements about this scope, if given.
    /// - Returns: One answer per measurement item that has measurements, in template order.
    /// - Throws: ``ServiceAuditError`` `unitMismatch` (path `answers.<item>`) when a measurement's unit does not
    ///   convert to the item's (a count for a ratio item), or when an item without a unit gets measurements in
    ///   different units.
    public func answers(from measurements: [ServiceMeasurement], scope: MeasurementScope? = nil)
        throws(ServiceAuditError) -> [AuditAnswer]
    {
        var answers: [AuditAnswer] = []
        for entry in itemsWithPaths {
            guard case .measurement(let indicator, let aggregation, _, _) = entry.item.kind else { continue }
            let matching = measurements.filter {
                $0.indicator.rawValue == indicator && (scope == nil || $0.scope == scope)
            }
            guard let first = matching.first else { continue }
            let unit = entry.item.kind.measurementUnit ?? first.unit
            var values: [Double] = []
            for measurement in matching {
                guard let value = measurement.unit.convert(measurement.value, to: unit) else {
                    throw ServiceAuditError(
                        .unitMismatch,
                        at: "answers.\(entry.item.id)",
                        "\(entry.item.id) is scored in \(unit); a measurement of \(indicator) is in \(measurement.unit)"
                    )
                }
                values.append(value)
            }
            if matching.count == 1 {
                answers.append(.measured(entry.item.id, from: first))
                continue
            }
            let value: Double
            switch aggregation {
            case .latest:
                let latest = matching.indices.max {
                    (matching[$0].period.end, matching[$0].sampleSize ?? 0)
                        < (matching[$1].period.end, matching[$1].sampleSize ?? 0)
                }
                answers.append(.measured(entry.item.id, from: matching[latest ?? 0]))
                continue
            case .mean:
                let sizes = matching.compactMap(\.sampleSize)
                let total = sizes.reduce(0, +)
                if sizes.count == matching.count, total > 0 {
                    value = zip(values, sizes).reduce(0) { $0 + $1.0 * Double($1.1) } / Double(total)
                } else {
                    value = values.reduce(0, +) / Double(values.count)
                }
            case .minimum: value = values.min() ?? values[0]
            case .maximum: value = values.max() ?? values[0]
            case .sum: value = values.reduce(0, +)
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
                sampleSize: sizes.count == matching.count ? sizes.reduce(0, +) : nil,
                unit: unit
            )
            answers.append(.measuredAnswer(entry.item.id, provenance))
        }
        return answers
    }
}
