import Foundation
import ServiceDomain
import Testing

@testable import ServiceSatisfaction

@Suite("Response batches")
struct ResponseBatchTests {
    private func responses(_ count: Int, scale: RatingScale, weighted: Bool, seed: UInt64) -> [SurveyResponse] {
        var rng = SeededGenerator(seed: seed)
        let segments: [String?] = [nil, "north", "south", "east", "west", "online"]
        return (0..<count).map { number in
            SurveyResponse(
                id: "R\(number)",
                score: Double(Int.random(in: scale.minimum...scale.maximum, using: &rng)),
                weight: weighted ? [0, 0.1, 0.7, 1, 1.3, 2.9].randomElement(using: &rng) ?? 1 : 1,
                segment: segments.randomElement(using: &rng) ?? nil
            )
        }
    }

    /// Bit for bit: the same weights, squared weights and counts as adding each response, weighted or not, onto a
    /// tally that already holds fractional weights (where counting whole answers could round differently).
    @Test("equals adding each response, weighted and unweighted, onto earlier answers", arguments: [false, true])
    func equalsOneByOne(weighted: Bool) throws {
        for scale in [RatingScale.netPromoter, .satisfaction5, .effortAgreement7] {
            let earlier = responses(300, scale: scale, weighted: true, seed: 1)
            let later = responses(20_000, scale: scale, weighted: weighted, seed: 2)
            var single = SegmentedTally(scale: scale)
            try single.add(contentsOf: earlier + later)
            var batched = SegmentedTally(scale: scale)
            try batched.add(contentsOf: earlier)
            try batched.add(try ResponseBatch(scale: scale, later))
            #expect(batched == single)
            #expect(batched.overall.weights.map(\.bitPattern) == single.overall.weights.map(\.bitPattern))
            var plain = ScaleTally(scale: scale)
            try plain.add(contentsOf: later)
            var plainBatched = ScaleTally(scale: scale)
            try plainBatched.add(try ResponseBatch(scale: scale, later))
            #expect(plainBatched == plain)
        }
    }

    /// A worked example, by hand: 10 answers, 5 promoters (9–10), 2 passives, 3 detractors → NPS 20; the segment
    /// "a" has 3 promoters and 1 detractor → 50.
    @Test("worked example: NPS overall and by segment")
    func workedExample() throws {
        var batch = ResponseBatch(scale: .netPromoter)
        for (score, segment) in [
            (10, "a"), (9, "a"), (9, "a"), (3, "a"), (10, "b"), (9, "b"), (7, "b"), (8, "b"),
            (0, "b"), (6, "b"),
        ] as [(Double, String)] {
            try batch.append(score: score, segment: segment)
        }
        #expect(batch.weights == nil)
        var tally = SegmentedTally(scale: .netPromoter)
        try tally.add(batch)
        #expect(try tally.overall.netPromoterScore().value == 20)
        #expect(try tally.segments["a"]?.netPromoterScore().value == 50)
        #expect(tally.segments["b"]?.count == 6)
    }

    @Test("bad answers are refused when appended, naming the field; a batch on another scale is refused whole")
    func errors() throws {
        var batch = ResponseBatch(scale: .satisfaction5)
        #expect(throws: ServiceSatisfactionError.self) { try batch.append(score: 6) }
        #expect(throws: ServiceSatisfactionError.self) { try batch.append(score: 2.5) }
        #expect(throws: ServiceSatisfactionError.self) { try batch.append(score: 3, weight: .nan) }
        #expect(throws: ServiceSatisfactionError.self) { try batch.append(score: 3, weight: -1) }
        #expect(batch.count == 0)
        let error = #expect(throws: ServiceSatisfactionError.self) {
            _ = try ResponseBatch(
                scale: .satisfaction5,
                [SurveyResponse(id: "x", score: 1), SurveyResponse(id: "y", score: 0)]
            )
        }
        #expect(error?.path == "responses[1].score")
        try batch.append(score: 4)
        var nps = SegmentedTally(scale: .netPromoter)
        #expect(throws: ServiceSatisfactionError.self) { try nps.add(batch) }
        #expect(nps.overall.count == 0)
    }
}
