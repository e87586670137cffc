// Small, hand-written argument handling for the examples (the root package has no dependencies).

import Foundation

/// A command-line mistake: the message and the usage text to print with it.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameter message: What is wrong.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// Arguments as `--name value` options, `--flag`s and positional values.
public struct Arguments: Sendable {
    private var options: [String: String] = [:]
    private var flags: Set<String> = []
    /// The positional values, in order.
    public private(set) var positional: [String] = []

    /// Parses arguments.
    ///
    /// - Parameters:
    ///   - arguments: The arguments, without the program name.
    ///   - valued: The options that take a value.
    ///   - known: The options that take no value (flags).
    /// - Throws: ``UsageError`` for an unknown option or a missing value.
    public init(_ arguments: [String], valued: Set<String>, flags known: Set<String>) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--" {
                positional += rest
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                positional.append(argument)
                continue
            }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            if known.contains(name) {
                guard inline == nil else { throw UsageError("\(name) takes no value") }
                flags.insert(name)
            } else if valued.contains(name) {
                guard let value = inline ?? rest.popFirst() else { throw UsageError("\(name) needs a value") }
                options[name] = value
            } else {
                throw UsageError("unknown option \(name)")
            }
        }
    }

    /// Whether a flag was given.
    ///
    /// - Parameter name: The flag, such as `--help`.
    /// - Returns: Whether it was given.
    public func has(_ name: String) -> Bool { flags.contains(name) }

    /// An option's value.
    ///
    /// - Parameter name: The option, such as `--out`.
    /// - Returns: Its value, if given.
    public func value(_ name: String) -> String? { options[name] }
}

/// Reads a whole text file, with an error that names it.
///
/// - Parameter path: The path.
/// - Returns: The text.
/// - Throws: ``UsageError`` when the file cannot be read as UTF-8.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read \(path)") }
    guard let text = String(data: data, encoding: .utf8) else { throw UsageError("\(path) is not UTF-8 text") }
    return text
}
