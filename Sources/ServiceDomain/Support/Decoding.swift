// Helpers for decoding the library's JSON forms, shared by every module (package access).

/// A coding key for objects keyed by arbitrary names, so that unknown names can be reported instead of dropped.
package struct NameKey: CodingKey {
    package let stringValue: String
    package init(_ name: String) { stringValue = name }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package var intValue: Int? { nil }
    package init?(intValue: Int) { nil }
}

extension DecodingError {
    /// Wraps a validation error thrown while decoding, keeping its path and message.
    package static func invalid(_ error: ServiceDomainError, codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(
            DecodingError.Context(codingPath: codingPath, debugDescription: error.description, underlyingError: error)
        )
    }
}

extension Decoder {
    /// Throws when the object being decoded has a field outside `allowed`: configuration documents are strict, so a
    /// misspelt field (`"whne"` for `"when"`) is an error that names it rather than a setting silently ignored.
    package func rejectUnknownKeys(allowed: Set<String>) throws {
        let container = try container(keyedBy: NameKey.self)
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: container,
                debugDescription: "unknown field \"\(key.stringValue)\"; expected "
                    + allowed.sorted().joined(separator: ", ")
            )
        }
    }
}
