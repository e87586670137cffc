public import ServiceDomain

/// Finds the columns a mapping names in a file's header.
///
/// A reference is a column name, matched first exactly (spaces and tabs around it ignored) and then without regard
/// to case or runs of white space (`first reply time` finds `First Reply  Time`). Names that repeat — Jira writes one
/// `Labels` column per label, one `Comment` column per comment — are addressed by occurrence, counting from 1:
/// `Labels[2]` is the second `Labels` column, `Labels[*]` all of them (for list fields). `#7` is the seventh column
/// whatever its name.
///
/// A name that matches nothing is an error that lists the closest names of the header, so that a misspelt mapping is
/// fixed in one step.
public struct ColumnResolver: Sendable, Hashable {
    /// The header, as written.
    public let header: [String]
    private let normalised: [String]

    /// Creates a resolver for a header.
    ///
    /// - Parameter header: The column names.
    public init(header: [String]) {
        self.header = header
        self.normalised = header.map(Self.normalise)
    }

    /// The columns of a reference: one, or every occurrence for `Name[*]`.
    ///
    /// - Parameters:
    ///   - reference: `Name`, `Name[N]`, `Name[*]` or `#N`.
    ///   - path: The mapping path to blame (`columns.created`).
    /// - Returns: Column indexes, in header order; never empty.
    /// - Throws: `ServiceDomainError/Code/malformed` (at `path`) for a reference that matches no column (with the
    ///   closest names), an occurrence past the last, or a malformed reference.
    public func columns(for reference: String, path: String) throws(ServiceDomainError) -> [Int] {
        let parsed = try Self.parse(reference, path: path)
        switch parsed {
        case .position(let position):
            guard position >= 1, position <= header.count else {
                throw ServiceDomainError(
                    .malformed,
                    at: path,
                    "column #\(position) does not exist: the file has \(header.count) columns"
                )
            }
            return [position - 1]
        case .name(let name, let occurrence):
            let trimmed = name.trimmingSpacesAndTabs
            var matches = header.indices.filter { header[$0].trimmingSpacesAndTabs == trimmed }
            if matches.isEmpty {
                let key = Self.normalise(trimmed)
                matches = normalised.indices.filter { normalised[$0] == key }
            }
            guard !matches.isEmpty else {
                throw ServiceDomainError(
                    .malformed,
                    at: path,
                    "the file has no column \(quoted(trimmed))" + suggestions(trimmed)
                )
            }
            switch occurrence {
            case nil:
                return [matches[0]]
            case .some(nil):
                return matches
            case .some(.some(let number)):
                guard number >= 1, number <= matches.count else {
                    throw ServiceDomainError(
                        .malformed,
                        at: path,
                        "\(quoted(reference)): the file has \(matches.count) column\(matches.count == 1 ? "" : "s") "
                            + "named \(quoted(trimmed))"
                    )
                }
                return [matches[number - 1]]
            }
        }
    }

    /// The one column of a reference (`Name[*]` is refused).
    ///
    /// - Parameters:
    ///   - reference: `Name`, `Name[N]` or `#N`.
    ///   - path: The mapping path to blame.
    /// - Returns: The column index.
    /// - Throws: As ``columns(for:path:)``, and `ServiceDomainError/Code/malformed` for `[*]`.
    public func column(for reference: String, path: String) throws(ServiceDomainError) -> Int {
        if case .name(_, .some(nil)) = try Self.parse(reference, path: path) {
            throw ServiceDomainError(.malformed, at: path, "\(quoted(reference)): [*] is for list fields only")
        }
        return try columns(for: reference, path: path)[0]
    }

    /// Up to three header names closest to a missing one, as ` (closest: "A", "B")`, or the whole header when it is
    /// short.
    func suggestions(_ name: String) -> String {
        let key = Self.normalise(name)
        // At most 512 distinct names are scored, so that a header of thousands of columns keeps messages cheap.
        var seen: Set<String> = []
        let candidates = normalised.filter { seen.count < 512 && seen.insert($0).inserted }
        let scored = candidates.map { candidate in
            (candidate, candidate.contains(key) || key.contains(candidate) ? 0 : Self.distance(key, candidate))
        }
        let close = scored.filter { $0.1 <= max(2, key.count / 3) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3)
        let names = close.compactMap { match in header.first { Self.normalise($0) == match.0 } }
        if !names.isEmpty { return "; closest: " + names.map(quoted).joined(separator: ", ") }
        if header.count <= 12 { return "; its columns: " + header.map(quoted).joined(separator: ", ") }
        return "; it has \(header.count) columns, none close (first: "
            + header.prefix(6).map(quoted).joined(separator: ", ") + ", …)"
    }

    enum Reference: Equatable {
        /// A name and which occurrence: `nil` the first, `.some(nil)` all, `.some(n)` the n-th.
        case name(String, Int??)
        case position(Int)
    }

    static func parse(_ reference: String, path: String) throws(ServiceDomainError) -> Reference {
        let text = reference.trimmingSpacesAndTabs
        guard !text.isEmpty else { throw ServiceDomainError(.empty, at: path, "the column name is empty") }
        if text.first == "#", let number = Int(text.dropFirst()), text.count <= 7 {
            return .position(number)
        }
        guard text.last == "]", let open = text.lastIndex(of: "[") else { return .name(text, nil) }
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let name = String(text[..<open])
        guard !name.trimmingSpacesAndTabs.isEmpty else { return .name(text, nil) }
        if inside == "*" { return .name(name, .some(nil)) }
        guard let number = Int(inside), inside.count <= 6, inside.allSatisfy(\.isASCII) else {
            // `Status [System]` is a name, not an occurrence.
            return .name(text, nil)
        }
        guard number >= 1 else {
            throw ServiceDomainError(.malformed, at: path, "\(quoted(text)): occurrences count from 1")
        }
        return .name(name, .some(number))
    }

    /// Lower case, white space runs as one space, trimmed.
    static func normalise(_ name: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in name {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result += character.lowercased()
        }
        return result
    }

    /// Levenshtein distance, capped at 64 characters per side.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(64))
        let b = Array(b.prefix(64))
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A value quoted for a message, cut to 80 characters: a 50 MB field is never echoed whole.
package func quoted(_ value: String) -> String { "\"" + value.truncatedForMessage() + "\"" }

extension String {
    /// The text cut to `limit` characters with `…` and the full length, for messages.
    package func truncatedForMessage(_ limit: Int = 80) -> String {
        guard utf8.count > limit else { return self }
        return String(prefix(limit)) + "… (\(utf8.count) bytes)"
    }
}
