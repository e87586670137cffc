import Foundation
import ServiceDomain
import ServiceSatisfaction
import Testing

/// Edge cases of every estimate, each with its status: no answers, one, all one category, no spread, weights of 0,
/// tiny and huge.
struct EstimateEdgeTests {
    @Test func noAnswersAreUndefined() throws {
        let empty = ScaleTally(scale: .netPromoter)
        let nps = try empty.netPromoterScore()
        #expect(nps.status == .undefined && nps.value == nil && nps.counts == nil)
        #expect(try empty.favourableShare().status == .undefined)
        #expect(try empty.mean().status == .undefined)
    }

    @Test func oneAnswer() throws {
        let one = try tally(.netPromoter, [10])
        // NPS 100 from one promoter: degenerate (one category), the adjusted-Wald interval still has width.
        let nps = try one.netPromoterScore()
        #expect(nps.value == 100 && nps.status == .degenerate && (nps.interval?.width ?? 0) > 0)
        // A mean from one answer has no interval: insufficient data.
        let mean = try one.mean()
        #expect(
            mean.value == 10 && mean.status == .insufficientData && mean.interval == nil && mean.standardError == nil
        )
    }

    @Test func allOneCategoryAndNoSpread() throws {
        let same = try tally(.satisfaction5, Array(repeating: 4, count: 40))
        let share = try same.favourableShare()
        #expect(
            share.value == 1 && share.status == .degenerate && share.interval?.upper == 1
                && (share.interval?.lower ?? 1) < 1
        )
        let mean = try same.mean()
        #expect(mean.value == 4 && mean.status == .degenerate && mean.interval?.width == 0 && mean.standardError == 0)
    }

    @Test func weightsZeroTinyAndHuge() throws {
        // Zero weight: counted, carrying nothing; all zero is undefined.
        let zero = try tally(.netPromoter, [10, 0], weight: 0)
        #expect(zero.count == 2)
        #expect(try zero.netPromoterScore().status == .undefined)
        // Below 10⁻¹⁰⁰ a weight is refused (its square would underflow); 10⁻¹⁰⁰ itself and 10¹⁰⁰ are taken, and
        // Kish's effective n of equal weights is the count whatever their size.
        var tally = ScaleTally(scale: .netPromoter)
        #expect { try tally.add(SurveyResponse(id: "t", score: 9, weight: 1e-101)) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "weight"
        }
        for weight in [1e-100, 1e100] {
            var equal = ScaleTally(scale: .netPromoter)
            for index in 0..<4 {
                try equal.add(SurveyResponse(id: "\(index)", score: index < 2 ? 10 : 3, weight: weight))
            }
            #expect(abs(equal.effectiveSampleSize - 4) < 1e-12, "\(weight)")
            #expect(try equal.netPromoterScore().value == 0)
        }
        #expect(throws: ServiceSatisfactionError.self) { try WeightSummary([1, 1e-200]) }
    }
}
