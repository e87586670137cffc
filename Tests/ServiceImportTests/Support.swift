import Foundation
import ServiceDomain
import ServiceImport
import Testing

/// Fixture files written here, modelled on each tool's documented export layout.
enum Fixture {
    /// The URL of a fixture.
    static func url(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    }

    /// The text of a fixture.
    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: url(name)), as: UTF8.self)
    }
}

/// An instant from ISO 8601 text, for expectations.
func at(_ text: String) throws -> Date { try InstantCoding.date(from: text) }

extension Case {
    /// The events as `type@instant` strings, for compact expectations.
    var timeline: [String] {
        events.map { event in
            let kind: String =
                switch event.kind {
                case .statusChanged(let status): "status:\(status.rawValue)"
                case .priorityChanged(let priority): "priority:\(priority.rawValue)"
                default: event.kind.typeName
                }
            return kind + "@" + InstantCoding.string(from: event.at)
        }
    }
}

extension CaseImport {
    /// The case with an identifier.
    func `case`(_ id: String) throws -> Case { try #require(cases.first { $0.id.rawValue == id }) }
}
