import ServiceDomain
import Testing

/// The guided search must give exactly a plain binary search's answer, whatever the guess: near (the walk), far
/// (the fallback after eight steps, in either direction) or out of range.
@Suite struct GuidedSearchTests {
    @Test func everyGuessFindsTheSameBoundaryAsALinearScan() {
        // A table of 40 sorted keys with repeats; every threshold and every guess from -3 to 43 (out of range both
        // ways). The expected index is found by a linear scan.
        let keys = (0..<40).map { Double($0 / 2) }
        var checked = 0
        for threshold in stride(from: -1.0, through: 21.0, by: 0.5) {
            let expected = keys.firstIndex { $0 > threshold } ?? keys.count
            for guess in -3...43 {
                let found = GuidedSearch.firstIndex(in: keys.count, from: guess) { keys[$0] > threshold }
                #expect(found == expected, "threshold \(threshold), guess \(guess)")
                checked += 1
            }
        }
        #expect(checked == 45 * 47)
        // An empty table: the answer is 0 for any guess.
        #expect(GuidedSearch.firstIndex(in: 0, from: 5) { _ in true } == 0)
    }

    @Test func guessesStayWithinTheTable() {
        #expect(GuidedSearch.guess(0.5, 10) == 5)
        #expect(GuidedSearch.guess(-1, 10) == 0)
        #expect(GuidedSearch.guess(3, 10) == 10)
        #expect(GuidedSearch.guess(.nan, 10) == 0)
        #expect(GuidedSearch.guess(.infinity, 10) == 0)
    }
}
