import Foundation
import ServiceSatisfaction
import Testing

/// Weighted tallies merged from shards equal one pass to the last bit, whatever the split and the order.
struct ExactWeightTests {
    /// 3,000 responses with fractional weights in 0.1…3.0 (an LCG, so the test is the same everywhere), in five
    /// segments; a few weights outside the fast window (10⁻³⁰, 10⁹⁰) and some zeros.
    static let responses: [SurveyResponse] = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        return (0..<3_000).map { index in
            let score = Double(next() % 11)
            var weight = 0.1 + Double(next() % 2_901) / 1_000 + Double(next() % 997) * 1e-7
            if index % 500 == 7 { weight = 1e-30 }
            if index % 700 == 3 { weight = 1e90 }
            if index % 250 == 1 { weight = 0 }
            return SurveyResponse(id: "R\(index)", score: score, weight: weight, segment: "S\(next() % 5)")
        }
    }()

    @Test(arguments: [[3_000], [1, 2_999], [1_000, 1_000, 1_000], [17, 983, 1_500, 500]])
    func shardsMergeToOnePassExactly(split: [Int]) throws {
        var onePass = SegmentedTally(scale: .netPromoter)
        try onePass.add(contentsOf: Self.responses)
        // The shards, each filled by its own path (one at a time, or as a batch), merged in reverse order.
        var shards: [SegmentedTally] = []
        var start = 0
        for (position, size) in split.enumerated() {
            let part = Array(Self.responses[start..<(start + size)])
            var shard = SegmentedTally(scale: .netPromoter)
            if position % 2 == 0 {
                try shard.add(contentsOf: part)
            } else {
                try shard.add(try ResponseBatch(scale: .netPromoter, part))
            }
            shards.append(shard)
            start += size
        }
        var merged = SegmentedTally(scale: .netPromoter)
        for shard in shards.reversed() { try merged.merge(shard) }
        #expect(merged == onePass)
        #expect(merged.overall.weights == onePass.overall.weights)
        #expect(merged.overall.squaredWeights.bitPattern == onePass.overall.squaredWeights.bitPattern)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(merged) == encoder.encode(onePass))
        // The JSON keeps the exact sums: decoding and merging again still equals one pass.
        let decoded = try JSONDecoder().decode(SegmentedTally.self, from: try encoder.encode(merged))
        #expect(decoded == onePass)
    }

    @Test func theSumsAreTheExactSumsRoundedOnce() throws {
        // 0.1 added ten times in floating point is 0.9999999999999999; the exact sum of ten 0.1s (each the double
        // nearest 0.1) rounds to 1.0000000000000000555… → 1.
        var tally = ScaleTally(scale: .satisfaction5)
        for index in 0..<10 { try tally.add(SurveyResponse(id: "R\(index)", score: 5, weight: 0.1)) }
        #expect(tally.weights[4] == 1)
        var naive = 0.0
        for _ in 0..<10 { naive += 0.1 }
        #expect(naive != 1)
        // The residual 0.1 × 10 − 1 (exactly 2⁻⁵⁴ × …) is written beside the rounded sum.
        let json = String(decoding: try JSONEncoder().encode(tally), as: UTF8.self)
        #expect(json.contains("weightResiduals"))
        #expect(try JSONDecoder().decode(ScaleTally.self, from: Data(json.utf8)) == tally)
        // A residual that would move its rounded sum is not the rest of an expansion: refused.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["weightResiduals"] as? [String: [Double]])?.keys.sorted() == ["4"])
        var forgedObject = object
        forgedObject["weightResiduals"] = ["4": [0.5]]
        let forged = try JSONSerialization.data(withJSONObject: forgedObject)
        #expect { try JSONDecoder().decode(ScaleTally.self, from: forged) } throws: {
            String(describing: $0).contains("canonical expansion")
        }
    }
}
