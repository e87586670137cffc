import Foundation
import ServiceDomain
import ServiceSatisfaction
import Testing

/// The benefits of excellent service as figures: lifetime value, retention by satisfaction, the value of an
/// improvement with its uncertainty.
struct CustomerEconomicsTests {
    @Test func lifetimeValueAsGuptaAndLehmannWorkIt() throws {
        // Gupta and Lehmann (2003): margin 100, retention 80 %, discount 12 % → margin multiple 0.8/0.32 = 2.5,
        // CLV 250; with the margin at the start of each period 100 × 1.12/0.32 = 350. An acquisition cost of 60
        // leaves 190.
        #expect(abs(try CustomerEconomics.lifetimeValue(margin: 100, retention: 0.8, discountRate: 0.12) - 250) < 1e-9)
        let atStart = try CustomerEconomics.lifetimeValue(
            margin: 100,
            retention: 0.8,
            discountRate: 0.12,
            convention: .marginAtStartOfPeriod
        )
        #expect(abs(atStart - 350) < 1e-9)
        let net = try CustomerEconomics.lifetimeValue(
            margin: 100,
            retention: 0.8,
            discountRate: 0.12,
            acquisitionCost: 60
        )
        #expect(abs(net - 190) < 1e-9)
        #expect { try CustomerEconomics.lifetimeValue(margin: 100, retention: 1, discountRate: 0.1) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "retention"
        }
    }

    @Test func retentionBySatisfactionSegment() throws {
        // 50 promoters of whom 45 stayed (90 %), 40 detractors of whom 24 stayed (60 %): churn 10 % against 40 %.
        let customers =
            (0..<50).map { (segment: "promoter", retained: $0 < 45) }
            + (0..<40).map { (segment: "detractor", retained: $0 < 24) }
        let segments = try CustomerEconomics.retentionBySegment(customers)
        #expect(segments.map(\.segment) == ["detractor", "promoter"])
        #expect(segments[1].rate == 0.9 && segments[0].rate == 0.6 && abs(segments[0].churn - 0.4) < 1e-15)
        #expect(segments[0].interval.contains(0.6) && segments[0].interval.method == .wilson)
    }

    @Test func theValueOfMovingDetractorsCarriesTheSurveysInterval() throws {
        // 20 detractors among 100 answers: share 0.2 (Wilson 95 %). 10,000 customers, 5 % of detractors move to
        // passives, retention 0.6 → 0.75, margin 100, discount 0.1: CLV 150 → 0.75/0.35 × 100 = 214.29, a gain of
        // 64.29 each; 10,000 × 0.2 × 0.05 × 64.29 = 6,428.6, and the same at the interval's ends.
        let indicator = try RatingScale(
            name: "detractor",
            minimum: 0,
            maximum: 1,
            direction: .higherIsBetter,
            favourable: 1...1
        )
        var tally = ScaleTally(scale: indicator)
        for index in 0..<100 { try tally.add(SurveyResponse(id: "\(index)", score: index < 20 ? 1 : 0)) }
        let share = try tally.favourableShare()
        let value = try CustomerEconomics.improvementValue(
            customers: 10_000,
            sourceShare: share,
            moved: 0.05,
            sourceRetention: 0.6,
            targetRetention: 0.75,
            margin: 100,
            discountRate: 0.1
        )
        let gain = 100 * 0.75 / 0.35 - 100 * 0.6 / 0.5
        #expect(abs(value.lifetimeValueGain - gain) < 1e-9)
        #expect(abs(value.value - 10_000 * 0.2 * 0.05 * gain) < 1e-6)
        let interval = try #require(share.interval)
        #expect(abs((value.lower ?? 0) - 10_000 * interval.lower * 0.05 * gain) < 1e-6)
        #expect(abs((value.upper ?? 0) - 10_000 * interval.upper * 0.05 * gain) < 1e-6)
        #expect(value.level == 0.95 && value.assumptions.contains("retention 0.6 → 0.75"))
    }
}
