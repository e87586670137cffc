// Small, hand-written argument handling for the examples (the root package has no dependencies).

import CustomerServiceKit
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

/// The case mapping the `--cases`, `--mapping` and `--ticket-per-row` options ask for, or `nil` without `--cases`.
///
/// - Parameter options: The parsed arguments.
/// - Returns: The mapping: from the `--mapping` JSON file, the built-in one-row-per-ticket mapping, or the built-in
///   one-row-per-event mapping.
/// - Throws: ``UsageError`` for an unreadable or invalid mapping file, or for the mapping options without `--cases`
///   or together.
func caseMapping(_ options: Arguments) throws -> CaseCSVMapping? {
    let ticketPerRow = options.has("--ticket-per-row")
    guard options.value("--cases") != nil else {
        if options.value("--mapping") != nil || ticketPerRow {
            throw UsageError("--mapping and --ticket-per-row need --cases")
        }
        return nil
    }
    guard let path = options.value("--mapping") else { return ticketPerRow ? .ticketPerRow : .eventPerRow }
    guard !ticketPerRow else { throw UsageError("--mapping and --ticket-per-row cannot be used together") }
    let text = try readText(path)
    do {
        return try JSONDecoder().decode(CaseCSVMapping.self, from: Data(text.utf8))
    } catch {
        throw UsageError("\(path): \(error)")
    }
}

/// Runs an example's entry logic and exits: its text on standard output and its notes on standard error, the usage
/// after `--help`; exit status 2 with the usage for a ``UsageError``, 1 for any other error.
///
/// - Parameters:
///   - name: The example's name, for messages.
///   - usage: Its help text.
///   - body: The entry logic, given the arguments without the program name; `nil` after `--help`.
public func runExample(
    _ name: String,
    usage: String,
    _ body: ([String]) throws -> (text: String, notes: [String])?
) -> Never {
    func standardError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
    do {
        guard let output = try body(Array(CommandLine.arguments.dropFirst())) else {
            print(usage)
            exit(0)
        }
        print(output.text, terminator: "")
        for note in output.notes { standardError("\(name): \(note)\n") }
        exit(0)
    } catch let error as UsageError {
        standardError("\(name): \(error)\n\n\(usage)\n")
        exit(2)
    } catch {
        standardError("\(name): \(error)\n")
        exit(1)
    }
}
