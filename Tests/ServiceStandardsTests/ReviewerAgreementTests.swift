import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// Reviewer calibration against published examples, each checked again with an independent implementation
/// (statsmodels 0.15 `cohens_kappa` and `fleiss_kappa`, the `krippendorff` 0.9 package).
struct ReviewerAgreementTests {
    func near(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        a.map { abs($0 - b) <= tolerance } ?? false
    }

    @Test func cohensKappaOnTheTextbookTable() throws {
        // 50 applications read by two reviewers: both yes 20, A yes B no 5, A no B yes 10, both no 15. p_o = 0.7,
        // p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4 (the worked example of Cohen's kappa in most texts). statsmodels:
        // SE 0.12699606293110033, 95 % interval 0.151092290476661 … 0.6489077095233389.
        let a = Array(repeating: "yes", count: 25) + Array(repeating: "no", count: 25)
        let b =
            Array(repeating: "yes", count: 20) + Array(repeating: "no", count: 5) + Array(repeating: "yes", count: 10)
            + Array(repeating: "no", count: 15)
        let kappa = try ReviewerAgreement.cohensKappa(a, b)
        #expect(near(kappa.value, 0.4) && near(kappa.observedAgreement, 0.7) && near(kappa.expectedAgreement, 0.5))
        #expect(near(kappa.standardError, 0.12699606293110033) && near(kappa.lower, 0.151092290476661, 1e-9))
        #expect(near(kappa.upper, 0.6489077095233389, 1e-9) && kappa.method == .asymptotic && kappa.items == 50)
        // As a measurement for an audit item: `qualityReview.agreement`, a score, with the items as sample size.
        let period = DateInterval(start: Date(timeIntervalSince1970: 1_793_491_200), duration: 86_400)
        let measurement = try #require(kappa.measurement(period: period))
        #expect(
            measurement.indicator == .reviewerAgreement && measurement.unit == .score && measurement.sampleSize == 50
        )
        #expect(Indicator.reviewerAgreement.standardUnit == .score)
    }

    @Test func cohensKappaWithThreeCategories() throws {
        // Table [[22, 3, 2], [4, 18, 5], [1, 6, 30]]: statsmodels κ 0.6496149614961496, SE 0.06679493502290583.
        let table = [[22, 3, 2], [4, 18, 5], [1, 6, 30]]
        let names = ["good", "fair", "poor"]
        var a: [String] = []
        var b: [String] = []
        for (i, row) in table.enumerated() {
            for (j, count) in row.enumerated() {
                a += Array(repeating: names[i], count: count)
                b += Array(repeating: names[j], count: count)
            }
        }
        let kappa = try ReviewerAgreement.cohensKappa(a, b)
        #expect(near(kappa.value, 0.6496149614961496) && near(kappa.standardError, 0.06679493502290583))
        // One category throughout: chance agreement 1, no kappa.
        #expect(try ReviewerAgreement.cohensKappa(["x", "x"], ["x", "x"]).value == nil)
        #expect(throws: ServiceStandardsError.self) { try ReviewerAgreement.cohensKappa(["x"], ["x", "y"]) }
    }

    @Test func fleissKappaOnFleisssExample() throws {
        // Fleiss (1971), as reproduced in most texts: 10 subjects, 14 raters, 5 categories; κ = 0.210
        // (statsmodels: 0.20993070442195522).
        let counts = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1], [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        let kappa = try ReviewerAgreement.fleissKappa(counts)
        #expect(near(kappa.value, 0.20993070442195522) && kappa.method == .bootstrap)
        let (lower, upper) = (try #require(kappa.lower), try #require(kappa.upper))
        #expect(lower < 0.20993 && 0.20993 < upper && upper - lower < 0.5)
        // The same data give the same interval (a fixed seed).
        #expect(try ReviewerAgreement.fleissKappa(counts) == kappa)
        #expect(throws: ServiceStandardsError.self) { try ReviewerAgreement.fleissKappa([[1, 1], [2, 1]]) }
    }

    @Test(arguments: [
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4-observer, 12-unit example with
        // missing data: nominal 0.743, ordinal 0.815, interval 0.849 (the krippendorff package to full precision).
        (LevelOfMeasurement.nominal, 0.743421052631579), (.ordinal, 0.8153875037548814),
        (.interval, 0.8491071428571428),
    ])
    func krippendorffsExample(level: LevelOfMeasurement, expected: Double) throws {
        let observers: [[Double?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        // Items as rows, observers as columns.
        let items = (0..<12).map { unit in observers.map { $0[unit] } }
        let alpha = try ReviewerAgreement.krippendorffAlpha(items, level: level)
        #expect(near(alpha.value, expected, 1e-12), "\(level)")
        #expect(alpha.items == 11)  // unit 12 has one rating: not pairable
        #expect((alpha.lower ?? 1) <= expected && expected <= (alpha.upper ?? 0))
    }

    @Test func biasAgainstThePanel() throws {
        // Four interactions, three reviewers (C skipped the third). A's differences from the others' mean: 0, −0.5,
        // +1, −0.5 → 0; B: −1.5, −0.5, −1, −0.5 → −0.875 (strict), SE 0.239357; C: +1.5, +1, +1 → +1.1667 (lenient).
        let scores: [[Double?]] = [[4, 3, 5], [3, 3, 4], [5, 4, nil], [2, 2, 3]]
        let bias = try ReviewerAgreement.reviewerBias(scores, reviewers: ["A", "B", "C"])
        #expect(bias.map(\.items) == [4, 4, 3])
        #expect(near(bias[0].meanDifference, 0) && near(bias[1].meanDifference, -0.875))
        #expect(near(bias[2].meanDifference, 3.5 / 3) && near(bias[1].standardError, 0.23935677693908453))
        #expect(throws: ServiceStandardsError.self) { try ReviewerAgreement.reviewerBias([[1, 2]], reviewers: ["A"]) }
    }
}
