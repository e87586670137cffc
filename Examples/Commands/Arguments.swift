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

/// A problem with the data or files a command was given (exit 1, no usage text): a file that cannot be read or
/// decoded, an export with no usable rows.
public struct DataError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, naming the file and, where there is one, the line and field.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameter message: What is wrong.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// A run that printed its output but fails (exit 1): `--strict` with warnings.
public struct FailureAfterOutput: Error, CustomStringConvertible, Sendable {
    /// What standard output gets.
    public let text: String
    /// What standard error gets before the message.
    public let notes: [String]
    /// Why the run fails.
    public let message: String

    /// Creates the failure.
    ///
    /// - Parameters:
    ///   - text: Standard output.
    ///   - notes: Notes for standard error.
    ///   - message: Why the run fails.
    public init(text: String, notes: [String], message: String) {
        self.text = text
        self.notes = notes
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// The examples' version, printed by `--version`.
public let examplesVersion = "0.1.0-dev (CustomerServiceKit)"

/// The error of an import that kept nothing: its accounting and first problem, so that the reasons are not lost.
func nothingUsable(_ summary: ImportSummary, _ problems: [ImportProblem], what: String) -> DataError {
    DataError("no usable \(what): \(summary)" + (problems.first.map { "; first row left out: \($0)" } ?? ""))
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

    /// Adds options and flags the arguments did not give (a project file's).
    ///
    /// - Parameters:
    ///   - values: Valued options; one already given keeps its value.
    ///   - flags: Flags.
    public mutating func add(values: [String: String], flags: [String]) {
        options.merge(values) { given, _ in given }
        self.flags.formUnion(flags)
    }

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
    guard let data = FileManager.default.contents(atPath: path) else { throw DataError("cannot read \(path)") }
    guard let text = String(data: data, encoding: .utf8) else { throw DataError("\(path) is not UTF-8 text") }
    return text
}

/// The case mapping the options name: `--preset NAME`, `--mapping FILE.json`, `--ticket-per-row`, or the built-in
/// event-per-row mapping; `nil` without `--cases`.
///
/// - Parameter options: The parsed options.
/// - Returns: The mapping.
/// - Throws: ``UsageError`` for options that contradict each other or a preset of another kind; the mapping file's
///   decoding error (a data problem) naming the file.
func caseMapping(_ options: Arguments) throws -> CaseCSVMapping? {
    let ticketPerRow = options.has("--ticket-per-row")
    let chosen = [options.value("--mapping"), options.value("--preset"), ticketPerRow ? "" : nil].compactMap { $0 }
    guard options.value("--cases") != nil else {
        if !chosen.isEmpty { throw UsageError("--mapping, --preset and --ticket-per-row need --cases") }
        return nil
    }
    guard chosen.count <= 1 else { throw UsageError("choose one of --mapping, --preset and --ticket-per-row") }
    if let name = options.value("--preset") { return try preset(name, .cases).caseMapping() }
    guard let path = options.value("--mapping") else { return ticketPerRow ? .ticketPerRow : .eventPerRow }
    return try decodeMapping(CaseCSVMapping.self, path)
}

/// The contact mapping of `--contacts-preset NAME` or `--contacts-mapping FILE.json`; `nil` without `--contacts`.
///
/// - Parameter options: The parsed options.
/// - Returns: The mapping.
/// - Throws: ``UsageError`` when `--contacts` has neither or both; the mapping file's decoding error.
func contactMapping(_ options: Arguments) throws -> ContactCSVMapping? {
    let presetName = options.value("--contacts-preset")
    let path = options.value("--contacts-mapping")
    guard options.value("--contacts") != nil else {
        if presetName != nil || path != nil {
            throw UsageError("--contacts-preset and --contacts-mapping need --contacts")
        }
        return nil
    }
    switch (presetName, path) {
    case (let name?, nil): return try preset(name, .contacts).contactMapping()
    case (nil, let path?): return try decodeMapping(ContactCSVMapping.self, path)
    case (nil, nil): throw UsageError("--contacts needs --contacts-preset NAME or --contacts-mapping FILE.json")
    default: throw UsageError("choose one of --contacts-preset and --contacts-mapping")
    }
}

/// The survey mapping of `--surveys-preset NAME` or `--surveys-mapping FILE.json`, the built-in one by default;
/// `nil` without `--surveys`.
///
/// - Parameter options: The parsed options.
/// - Returns: The mapping.
/// - Throws: ``UsageError`` for both at once; the mapping file's decoding error.
func surveyMapping(_ options: Arguments) throws -> SurveyCSVMapping? {
    let presetName = options.value("--surveys-preset")
    let path = options.value("--surveys-mapping")
    guard options.value("--surveys") != nil else {
        if presetName != nil || path != nil {
            throw UsageError("--surveys-preset and --surveys-mapping need --surveys")
        }
        return nil
    }
    switch (presetName, path) {
    case (let name?, nil): return try SurveyCSVMapping(preset: preset(name, .surveys))
    case (nil, let path?): return try decodeMapping(SurveyCSVMapping.self, path)
    case (nil, nil): return .standard
    default: throw UsageError("choose one of --surveys-preset and --surveys-mapping")
    }
}

/// A shipped preset of a kind, or a usage error naming the closest presets.
func preset(_ name: String, _ kind: ImportPreset.Kind) throws -> ImportPreset {
    let found: ImportPreset
    do {
        found = try ImportPreset.named(name)
    } catch {
        throw UsageError("\(error.message) (`--presets` lists them)")
    }
    guard found.kind == kind else {
        throw UsageError("\(found.name) reads \(found.kind.rawValue), not \(kind.rawValue)")
    }
    return found
}

/// The shipped presets, one a line: name, kind, summary.
func presetList() throws -> String {
    try ImportPreset.all().map { "\($0.name)\t\($0.kind.rawValue)\t\($0.summary)" }.joined(separator: "\n") + "\n"
}

/// Decodes a mapping file, naming the file in the error.
func decodeMapping<Mapping: Decodable>(_ type: Mapping.Type, _ path: String) throws -> Mapping {
    let text = try readText(path)
    do {
        try DocumentLimits.standard.check(text.utf8)
        return try JSONDecoder().decode(Mapping.self, from: Data(text.utf8))
    } catch {
        throw DataError("\(path): \(String(describing: error).truncatedForMessage(2_000))")
    }
}

/// A file's URL after checking that it can be read, so that a missing file is a usage error naming it.
func readableFile(_ path: String) throws -> URL {
    guard FileManager.default.isReadableFile(atPath: path) else { throw DataError("cannot read \(path)") }
    return URL(fileURLWithPath: path)
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
    // Clears a progress line left on the terminal before anything else is written.
    func clearProgress() { if isatty(2) != 0 { standardError("\r\u{1B}[K") } }
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments == ["--version"] {
        print("\(name) \(examplesVersion)")
        exit(0)
    }
    do {
        guard let output = try body(arguments) else {
            print(usage)
            exit(0)
        }
        clearProgress()
        print(output.text, terminator: "")
        for note in output.notes { standardError("\(name): \(note)\n") }
        exit(0)
    } catch let error as FailureAfterOutput {
        clearProgress()
        print(error.text, terminator: "")
        for note in error.notes { standardError("\(name): \(note)\n") }
        standardError("\(name): \(error.message)\n")
        exit(1)
    } catch let error as UsageError {
        // Usage errors (exit 2) are followed by the usage text; data errors (exit 1) are not.
        clearProgress()
        standardError("\(name): \(error)\n\n\(usage)\n")
        exit(2)
    } catch {
        clearProgress()
        standardError("\(name): \(String(describing: error).truncatedForMessage(4_000))\n")
        exit(1)
    }
}

/// Progress of an import on standard error, one line rewritten in place, once the import has run for a second; `nil`
/// (silent) with `quiet` or when standard error is not a terminal.
///
/// - Parameters:
///   - label: The file, for the line.
///   - quiet: `--quiet`.
/// - Returns: The callback for `ImportOptions`.
func terminalProgress(_ label: String, quiet: Bool) -> (@Sendable (ImportProgress) -> Void)? {
    guard let line = terminalLine(label, quiet: quiet) else { return nil }
    return { progress in
        let megabytes = String(format: "%.1f", Double(progress.bytes) / 1_048_576)
        line("\(progress.rows) rows read (\(megabytes) MB), \(progress.problems) problems")
    }
}

/// A progress line on standard error, rewritten in place, for stages that are not an import; shown once the run has
/// lasted a second, and `nil` (silent) with `quiet` or when standard error is not a terminal.
///
/// - Parameters:
///   - label: The program, for the line.
///   - quiet: `--quiet`.
/// - Returns: A callback taking the stage's line.
func terminalLine(_ label: String, quiet: Bool) -> (@Sendable (String) -> Void)? {
    guard !quiet, isatty(2) != 0 else { return nil }
    let start = Date()
    return { line in
        guard Date().timeIntervalSince(start) >= 1 else { return }
        FileHandle.standardError.write(Data("\r\(label): \(line)\u{1B}[K".utf8))
    }
}
