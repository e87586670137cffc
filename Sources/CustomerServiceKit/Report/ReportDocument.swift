import Foundation

/// A report laid out for reading: headings, paragraphs, tables, lists and charts, every figure already worded.
///
/// ``ServiceReport/document()`` builds it once; ``MarkdownServiceReportRenderer`` and ``HTMLServiceReportRenderer``
/// render the same document, so the two show the same figures (the HTML adds the charts, whose data are also in the
/// tables). Conform your own ``ServiceReportRenderer`` by walking ``parts``.
public struct ReportDocument: Sendable, Hashable {
    /// The title, with the organisation.
    public var title: String
    /// The line under the title: sector, period, evaluation instant, time zone.
    public var subtitle: String
    /// Warnings, shown first.
    public var warnings: [String]
    /// Sections left out, with the reason.
    public var omitted: [String]
    /// The sections.
    public var parts: [Part]

    /// One section: a heading and its blocks.
    public struct Part: Sendable, Hashable {
        /// The heading.
        public var heading: String
        /// The blocks, in order.
        public var blocks: [Block]
    }

    /// A piece of a section.
    public enum Block: Sendable, Hashable {
        /// A paragraph.
        case paragraph(String)
        /// A bulleted list.
        case list([String])
        /// A table.
        case table(Table)
        /// A chart (HTML only; its figures are in a table or paragraph beside it).
        case chart(ReportChart)
    }

    /// A table: a title, column headers and rows of worded cells.
    public struct Table: Sendable, Hashable {
        /// What the table shows, printed above it.
        public var title: String
        /// The column headers.
        public var header: [String]
        /// The rows; each has one cell per header.
        public var rows: [[String]]
    }
}

/// A chart's content, independent of how it is drawn: titles, axis titles, labels, series and reference lines.
public struct ReportChart: Sendable, Hashable {
    /// The chart's title.
    public var title: String
    /// A sentence for screen readers saying what the chart shows.
    public var description: String
    /// The kind of chart.
    public var kind: Kind
    /// The horizontal axis's title.
    public var xTitle: String
    /// The vertical axis's title.
    public var yTitle: String
    /// The category labels (weeks, bins, sections).
    public var labels: [String]
    /// The series, each with one value (or `nil`) per label.
    public var series: [Series]
    /// Reference lines, such as targets and pass marks, in the values' units.
    public var references: [Reference]
    /// How values are worded on the axis and labels.
    public var unit: Unit

    /// The kinds of chart.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Lines over the labels.
        case lines
        /// Vertical bars, one per label (the first series).
        case bars
        /// Horizontal bars of percentages coloured by the first reference (meets, near, misses).
        case scoreBars
        /// One horizontal bar split into the series' shares (one value each).
        case stacked
    }

    /// How values are worded.
    public enum Unit: String, Sendable, Hashable, Codable {
        /// Shares 0–1 worded as percentages.
        case share
        /// Percentages 0–100.
        case percent
        /// Counts.
        case count
        /// Seconds worded as hours.
        case hours
    }

    /// A named series.
    public struct Series: Sendable, Hashable {
        /// The name shown in the legend.
        public var name: String
        /// One value per label; `nil` leaves a gap.
        public var values: [Double?]
        /// Creates a series.
        ///
        /// - Parameters:
        ///   - name: The name.
        ///   - values: The values.
        public init(_ name: String, _ values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    /// A reference line.
    public struct Reference: Sendable, Hashable {
        /// The name shown in the legend, such as "goal 80%".
        public var name: String
        /// The value.
        public var value: Double
        /// Creates a reference line.
        ///
        /// - Parameters:
        ///   - name: The name.
        ///   - value: The value.
        public init(_ name: String, _ value: Double) {
            self.name = name
            self.value = value
        }
    }

    /// Creates a chart.
    ///
    /// - Parameters:
    ///   - kind: The kind.
    ///   - title: The title.
    ///   - description: A sentence for screen readers.
    ///   - xTitle: The horizontal axis's title.
    ///   - yTitle: The vertical axis's title.
    ///   - labels: The category labels.
    ///   - series: The series.
    ///   - references: Reference lines.
    ///   - unit: How values are worded.
    public init(
        _ kind: Kind,
        title: String,
        description: String,
        xTitle: String = "",
        yTitle: String = "",
        labels: [String],
        series: [Series],
        references: [Reference] = [],
        unit: Unit
    ) {
        self.kind = kind
        self.title = title
        self.description = description
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.labels = labels
        self.series = series
        self.references = references
        self.unit = unit
    }

    /// A value worded in the chart's unit.
    ///
    /// - Parameter value: The value.
    /// - Returns: `"80%"`, `"12"`, `"3.5 h"`.
    public func word(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        switch unit {
        case .share: return "\(Int((value * 100).rounded()))%"
        case .percent: return String(format: "%.1f%%", value)
        case .count: return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        case .hours: return String(format: "%.1f h", value / 3_600)
        }
    }
}

/// Names for people: every identifier the reports show has one.
public enum DisplayName: Sendable {
    /// A target kind's name: "First reply", "Periodic update".
    ///
    /// - Parameter kind: The kind.
    /// - Returns: The name.
    public static func target(_ kind: TargetKind) -> String {
        switch kind {
        case .firstReply: "First reply"
        case .nextReply: "Next reply"
        case .periodicUpdate: "Periodic update"
        case .resolution: "Resolution"
        case .requesterWait: "Requester wait"
        case .agentWork: "Agent work time"
        }
    }

    /// An audit finding severity's name: "Major nonconformity".
    ///
    /// - Parameter severity: The severity's raw value.
    /// - Returns: The name.
    public static func severity(_ severity: String) -> String {
        switch FindingSeverity(rawValue: severity) {
        case .goodPractice: "Good practice"
        case .opportunityForImprovement: "Opportunity for improvement"
        case .observation: "Observation"
        case .minorNonconformity: "Minor nonconformity"
        case .majorNonconformity: "Major nonconformity"
        case nil: words(severity)
        }
    }

    /// A section's name: "Contact centre".
    ///
    /// - Parameter section: The section.
    /// - Returns: The name.
    public static func section(_ section: ServiceReport.Section) -> String {
        switch section {
        case .standards: "Service standards"
        case .operations: "Operations"
        case .contactCentre: "Contact centre"
        case .satisfaction: "Customer satisfaction"
        case .servqual: "SERVQUAL"
        case .audit: "Audit"
        case .deliveryAudit: "Delivery-standards audit"
        case .staffing: "Staffing"
        }
    }

    /// A sector's name: "Private", "Co-operative".
    ///
    /// - Parameter sector: The sector.
    /// - Returns: The name.
    public static func sector(_ sector: Sector) -> String {
        switch sector {
        case .private: "Private"
        case .public: "Public"
        case .voluntary: "Voluntary"
        case .cooperative: "Co-operative"
        }
    }

    /// A camel-case identifier in words: `webForm` → "web form", `socialMedia` → "social media"; other text as it is.
    ///
    /// - Parameter identifier: The identifier.
    /// - Returns: The words.
    public static func words(_ identifier: String) -> String {
        guard identifier.contains(where: \.isUppercase), !identifier.contains(" "),
            identifier.first?.isLowercase == true
        else { return identifier }
        var result = ""
        for character in identifier {
            if character.isUppercase {
                result += " " + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
