/// Searches of sorted tables that start from a guess.
///
/// The guess is where the answer would lie if the table's keys were spread evenly. A good guess costs a few steps
/// instead of a binary search's log₂(n); a bad one falls back to the binary search over what is left, so the answer
/// is always the same as a plain binary search's.
package enum GuidedSearch {
    /// `share × count` as an index in `0...count`, or 0 when it is not a number.
    @inline(__always)
    package static func guess(_ share: Double, _ count: Int) -> Int {
        let raw = share * Double(count)
        guard raw.isFinite else { return 0 }
        return Int(min(max(raw, 0), Double(count)))
    }

    /// The first index in `0..<count` where a predicate that stays true once it holds (monotone) holds, or `count`:
    /// found by walking from `guess` for at most a few steps, then by binary search over what is left.
    @inline(__always)
    package static func firstIndex(in count: Int, from guess: Int, where holds: (Int) -> Bool) -> Int {
        var index = min(max(guess, 0), count)
        var steps = 0
        if index == count || holds(index) {
            // The answer is at or below the guess.
            while index > 0 && holds(index - 1) {
                index -= 1
                steps += 1
                if steps == 8 { return binarySearch(0, index, holds) }
            }
            return index
        }
        // The answer is above the guess (or is `count`).
        while index < count && !holds(index) {
            index += 1
            steps += 1
            if steps == 8 { return binarySearch(index, count, holds) }
        }
        return index
    }

    /// The first index in `low..<high` where a monotone predicate holds, or `high`.
    @inline(__always)
    package static func binarySearch(_ low: Int, _ high: Int, _ holds: (Int) -> Bool) -> Int {
        var low = low
        var high = high
        while low < high {
            let middle = (low + high) >> 1
            if holds(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
