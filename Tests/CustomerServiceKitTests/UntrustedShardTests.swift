import CustomerServiceKit
import Foundation
import Testing

/// A JSON document as a tree, so that tests can change one field of an encoded state and nothing else.
enum JSONTree: Codable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONTree].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONTree].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// One step into a document: an object's field or an array's element.
    enum Step: Hashable, CustomStringConvertible {
        case key(String)
        case index(Int)

        var description: String {
            switch self {
            case .key(let key): key
            case .index(let index): "[\(index)]"
            }
        }
    }

    /// The paths of every number in the document, fields in sorted order.
    var numberPaths: [[Step]] {
        switch self {
        case .integer, .number: return [[]]
        case .array(let values):
            return values.enumerated().flatMap { index, value in value.numberPaths.map { [.index(index)] + $0 } }
        case .object(let fields):
            return fields.keys.sorted().flatMap { key in (fields[key]?.numberPaths ?? []).map { [.key(key)] + $0 } }
        default: return []
        }
    }

    /// The document with the value at `path` replaced.
    func replacing(_ path: ArraySlice<Step>, with value: JSONTree) -> JSONTree {
        guard let step = path.first else { return value }
        switch (self, step) {
        case (.array(var values), .index(let index)) where values.indices.contains(index):
            values[index] = values[index].replacing(path.dropFirst(), with: value)
            return .array(values)
        case (.object(var fields), .key(let key)):
            fields[key] = fields[key]?.replacing(path.dropFirst(), with: value)
            return .object(fields)
        default: return self
        }
    }
}

/// States read from untrusted shards (issue 20), corrupted one number at a time.
///
/// Every number of a real, encoded state is replaced in turn by values
/// no fold can produce — a negative count, one past 2⁵³, the largest `Int`, ±10³⁰⁸, a fraction — and the decoded
/// result must be a typed error, or a state that merges with the original (or refuses with a typed error) into a
/// state that is itself valid: it encodes and decodes back to the same. A crash fails the whole run.
@Suite("Untrusted shards: every state corrupted field by field")
struct UntrustedShardTests {
    static let corruptions: [JSONTree] = [
        .integer(-1), .integer(9_007_199_254_740_993), .integer(Int.max), .number(1e308), .number(-1e308),
        .number(0.5),
    ]

    struct Outcome {
        var rejected = 0
        var accepted = 0
        /// By field path, the corruptions (indices into ``corruptions``) that were refused.
        var refusals: [String: Set<Int>] = [:]

        /// Whether every corruption of the field was refused; with `fractionAllowed`, every one but the fraction (a
        /// possible value of a sum or a bound).
        func refused(_ field: String, fractionAllowed: Bool = false) -> Bool {
            let all = Set(corruptions.indices)
            return (refusals[field] ?? []).isSuperset(of: fractionAllowed ? all.subtracting([5]) : all)
        }
    }

    /// Corrupts each number of `state`'s JSON (the named fields, and at most `limit` more spread over the document)
    /// and checks the outcome.
    static func corrupt<T: Codable & Equatable>(
        _ state: T,
        fields: Set<String> = [],
        limit: Int = 300,
        merge: (inout T, T) throws -> Void
    ) throws -> Outcome {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let tree = try JSONDecoder().decode(JSONTree.self, from: encoder.encode(state))
        let paths = tree.numberPaths
        let stride = Swift.max(1, paths.count / limit)
        var outcome = Outcome()
        for (position, path) in paths.enumerated() {
            let name = path.map(\.description).joined(separator: ".")
            guard position % stride == 0 || fields.contains(name) else { continue }
            for (index, corruption) in corruptions.enumerated() {
                let data = try encoder.encode(tree.replacing(path[...], with: corruption))
                let decoded: T
                do {
                    decoded = try JSONDecoder().decode(T.self, from: data)
                } catch is DecodingError {
                    outcome.rejected += 1
                    outcome.refusals[name, default: []].insert(index)
                    continue
                } catch is any ServiceError {
                    outcome.rejected += 1
                    outcome.refusals[name, default: []].insert(index)
                    continue
                }
                var merged = state
                do {
                    try merge(&merged, decoded)
                } catch is any ServiceError {
                    outcome.rejected += 1
                    outcome.refusals[name, default: []].insert(index)
                    continue
                }
                outcome.accepted += 1
                // What a merge accepts is a state the library itself can read back.
                let again = try JSONDecoder().decode(T.self, from: encoder.encode(merged))
                #expect(again == merged, "\(T.self) \(name) = \(corruption)")
            }
        }
        return outcome
    }

    static func decodingPath<T: Decodable>(_ type: T.Type, _ json: String) -> String? {
        do {
            _ = try JSONDecoder().decode(type, from: Data(json.utf8))
            return nil
        } catch DecodingError.dataCorrupted(let context) {
            return context.codingPath.map(\.stringValue).joined(separator: ".")
        } catch {
            return "\(error)"
        }
    }

    @Test("the sketch: counts, bins, sums and bounds refuse what no fold makes, naming the field")
    func distribution() throws {
        var sketch = Distribution()
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<300 { try sketch.add(Double.random(in: 0.5...90_000, using: &generator)) }
        var small = Distribution()
        for value in [2.0, 10, 30, 30.5] { try small.add(value) }
        for state in [sketch, small] {
            let fields: Set<String> = ["count", "zeroCount", "binOffset", "bins.[0]", "sum", "min", "max", "exact.[0]"]
            let outcome = try Self.corrupt(state, fields: fields) { try $0.merge($1) }
            #expect(outcome.rejected > 0)
            for field in ["count", "zeroCount", "binOffset", "bins.[0]"] {
                #expect(outcome.refused(field), "\(field): \(outcome.refusals[field] ?? [])")
            }
            for field in ["sum", "min", "max"] {
                #expect(outcome.refused(field, fractionAllowed: true), "\(field): \(outcome.refusals[field] ?? [])")
            }
            if state.isExact { #expect(outcome.refused("exact.[0]", fractionAllowed: true)) }
        }
        #expect(
            Self.decodingPath(
                Distribution.self,
                #"{"relativeAccuracy":0.005,"count":9007199254740993,"sum":1,"min":1,"max":1,"zeroCount":0,"binOffset":0,"bins":[1]}"#
            ) == "count"
        )
    }

    @Test("the report's state: every figure, summary and KPI state refuses or merges into a valid state")
    func reportState() throws {
        let input = try ServiceReportShardTests.input(cases: ServiceReportShardTests.cases(20))
        var accumulator = try ServiceReportAccumulator(for: input)
        for item in input.cases { try accumulator.add(item) }
        let state = accumulator.state
        let counts: Set<String> = ["cases", "open", "solved", "histogram.[0]", "ruleMatches.[0]"]
        let outcome = try Self.corrupt(state, fields: counts, limit: 120) { mine, theirs in
            var target = try ServiceReportAccumulator(for: input, state: mine)
            try target.merge(theirs)
            mine = target.state
        }
        #expect(outcome.rejected > outcome.accepted)
        // The counts a merge adds are refused when corrupted, wherever they sit.
        for field in counts { #expect(outcome.refused(field), "\(field)") }
        let summary = try Self.corrupt(state.overall, fields: ["caseCount", "unmatchedCount"]) { try $0.merge($1) }
        #expect(summary.refused("caseCount") && summary.refused("unmatchedCount"))
        let firstReply = try Self.corrupt(state.firstReply, fields: ["groups.[0].state.pending"]) { try $0.merge($1) }
        #expect(firstReply.refused("groups.[0].state.pending"))
    }

    @Test("contact, share, score and survey tallies refuse impossible counts and sums")
    func tallies() throws {
        let offered = Date(timeIntervalSince1970: 1_795_000_000)
        var contacts = try MetricAccumulator(ContactVolume(shortAbandonThreshold: 5), by: [])
        var level = try MetricAccumulator(ServiceLevel(threshold: 20, convention: .abandonedInDenominator), by: [])
        for n in 0..<30 {
            let outcome: Contact.Outcome =
                n % 4 == 0
                ? .abandoned(at: offered.addingTimeInterval(Double(n)))
                : .answered(at: offered.addingTimeInterval(Double(n * 2)), agent: nil)
            let contact = try Contact(id: ContactID("K\(n)"), channel: .phone, offeredAt: offered, outcome: outcome)
            try contacts.add(contact)
            try level.add(contact)
        }
        let volumes = try Self.corrupt(contacts.state) { try $0.merge($1) }
        for field in ["groups.[0].state.offered", "groups.[0].state.answered", "groups.[0].state.queued"] {
            #expect(volumes.refused(field), "\(field)")
        }
        let levels = try Self.corrupt(level.state) { try $0.merge($1) }
        #expect(levels.refused("groups.[0].state.answered") && levels.refused("groups.[0].state.answeredWithin"))

        var score = WeightedScore()
        for (points, weight) in [(3.0, 0.7), (4, 1.3), (1, 2.9)] { try score.add(points, outOf: 4, weight: weight) }
        let scores = try Self.corrupt(score) { try $0.merge($1) }
        #expect(scores.refused("count") && scores.refused("earned", fractionAllowed: true))
        // More points possible is a score too (heavier items); fewer than none is not.
        #expect(scores.refusals["possible", default: []].isSuperset(of: [0, 4]))

        var quality = QualitySummary()
        for n in 0..<12 {
            let ratings = [
                "greeting": 5, "accuracy": 1 + n % 5, "professionalism": 4, "effectiveness": 2 + n % 4,
                "responsiveness": 3,
            ]
            let review = InteractionReview(id: "Q\(n)", reviewedAt: offered, ratings: ratings)
            try quality.add(try QualityRubric.standardInteraction.score(review), group: "agent-\(n % 2)")
        }
        let reviews = try Self.corrupt(quality) { try $0.merge($1) }
        #expect(reviews.refused("groups.agent-0.reviews") && reviews.refused("groups.agent-0.passed"))
        #expect(reviews.refused("groups.agent-0.overall.count"))

        var nps = SegmentedTally(scale: .netPromoter)
        for n in 0..<40 {
            try nps.add(
                SurveyResponse(
                    id: "S\(n)",
                    score: Double(n % 11),
                    weight: 0.1 * Double(n % 7 + 1),
                    segment: "g\(n % 3)"
                )
            )
        }
        let surveys = try Self.corrupt(nps) { try $0.merge($1) }
        #expect(surveys.refused("overall.count") && surveys.refused("overall.squaredWeights", fractionAllowed: true))
        #expect(surveys.rejected > surveys.accepted)

        var servqual = ServqualTally()
        for n in 0..<6 {
            let ids = ServqualInstrument.standard.items.map(\.id)
            try servqual.add(
                ServqualResponse(
                    respondent: "P\(n)",
                    expectations: Dictionary(uniqueKeysWithValues: ids.map { ($0, Double(6 - n % 3)) }),
                    perceptions: Dictionary(uniqueKeysWithValues: ids.map { ($0, Double(4 + n % 4)) }),
                    importance: [.tangibles: 10, .reliability: 30, .responsiveness: 20, .assurance: 20, .empathy: 20]
                )
            )
        }
        let gaps = try Self.corrupt(servqual) { try $0.merge($1) }
        #expect(gaps.refused("respondents") && gaps.refused("importanceCount") && gaps.refused("items.TAN1.count"))
    }

    /// Fuzz regression (state-grouped, 2026-12-04): an accuracy of 5·10⁻¹⁰⁸ made bin numbers too large for an `Int`,
    /// and decoding trapped where it checked the bins.
    @Test("a sketch with an accuracy finer than 1e-6 is refused, in code and in a shard")
    func finestAccuracy() throws {
        #expect(throws: ServiceMetricsError.self) { try Distribution(relativeAccuracy: 5e-108) }
        #expect(throws: ServiceMetricsError.self) { try Distribution(relativeAccuracy: 9e-7) }
        #expect((try? Distribution(relativeAccuracy: Distribution.finestRelativeAccuracy)) != nil)
        let shard =
            #"{"dimensions":[],"groups":[{"key":[],"state":{"pending":0,"times":{"binOffset":714,"bins":[1],"#
            + #""count":1,"sum":1257,"min":1257,"max":1257,"zeroCount":0,"exact":[1257],"#
            + #""relativeAccuracy":0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005}}}]}"#
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(GroupedState<DurationTally>.self, from: Data(shard.utf8))
        }
    }

    @Test("merging states at the count limit is an overflow error naming the field, not a crash")
    func overflowIsTyped() throws {
        let limit = 9_007_199_254_740_992
        let json = #"{"hits":0,"total":\#(limit)}"#
        let full = try JSONDecoder().decode(ShareTally.self, from: Data(json.utf8))
        var tally = ShareTally()
        tally.add(true)
        #expect(
            throws: ServiceMetricsError(
                .overflow,
                at: "total",
                "total would be 1 + \(limit), past the largest count a state holds (2^53)"
            )
        ) {
            try tally.merge(full)
        }
        #expect(tally.total == 1)
        var sketch = Distribution()
        try sketch.add(1)
        let huge = try JSONDecoder().decode(
            Distribution.self,
            from: Data(
                #"{"relativeAccuracy":0.005,"count":\#(limit),"sum":\#(limit),"min":1,"max":1,"zeroCount":0,"binOffset":0,"bins":[\#(limit)]}"#
                    .utf8
            )
        )
        do {
            try sketch.merge(huge)
            Issue.record("the merge passed 2^53 values")
        } catch {
            #expect(error.code == .overflow && error.path == "count")
        }
        #expect(sketch.count == 1)
    }
}
