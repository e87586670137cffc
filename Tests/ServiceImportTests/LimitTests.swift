import Foundation
import ServiceDomain
import Testing

@testable import ServiceImport

/// The written limits of issue 20: each configurable, each an error with its name when exceeded.
struct LimitTests {
    @Test("a header wider than the column limit stops the import at the header's line, naming the option")
    func columns() throws {
        let header = (0..<12).map { "c\($0)" }.joined(separator: ",")
        let csv = header + "\n" + Array(repeating: "1", count: 12).joined(separator: ",") + "\n"
        let mapping = CaseCSVMapping.ticketPerRow
        do {
            _ = try mapping.importCases(csv: csv, options: ImportOptions(source: "wide.csv", maximumColumns: 10))
            Issue.record("a 12-column header passed a limit of 10")
        } catch {
            #expect(error.code == .outOfRange && error.path == "line[1]")
            #expect(error.message.contains("wide.csv") && error.message.contains("maximumColumns"))
        }
        // The default is far wider than any export.
        #expect(ImportOptions().maximumColumns == 10_000 && CSVReader.defaultMaximumColumns == 10_000)
        #expect(throws: Never.self) { try CSVReader(text: csv, maximumColumns: 12) }
        // A warehouse sync of Zendesk's tables is held to the same options.
        do {
            _ = try ZendeskTables(tables: [.ticket: csv]).read(options: ImportOptions(maximumColumns: 10))
            Issue.record("a 12-column ticket table passed a limit of 10")
        } catch {
            #expect(error.code == .outOfRange && error.message.contains("ticket.csv"))
        }
    }

    @Test("a record longer than the byte limit is an error naming its line")
    func recordLength() throws {
        let long = String(repeating: "x", count: 5_000)
        let csv = "id,created\nT-1,2026-11-02T09:00:00Z\n\"\(long)\",2026-11-02T09:00:00Z\n"
        let reader = try CSVReader(text: csv, maximumRecordBytes: 2_048)
        _ = try reader.next()
        do {
            _ = try reader.next()
            Issue.record("a 5,000-byte record passed a limit of 2,048")
        } catch {
            #expect(error.code == .outOfRange && error.path == "line[3]")
        }
        #expect(ImportOptions(maximumRecordBytes: 10).maximumRecordBytes == 1_024)  // the floor
    }

    @Test("documents: too large or too deeply nested is an error naming the limit and the line")
    func documents() throws {
        let deep = String(repeating: "{\"not\":", count: 200) + "{\"always\":true}" + String(repeating: "}", count: 200)
        let policy = #"{"id":"p","name":"P","rules":[{"name":"r","when":"# + deep + #","targets":{}}]}"#
        do {
            _ = try DocumentLimits.standard.check(Array(policy.utf8), source: "policy.json")
            Issue.record("200 levels passed a limit of 128")
        } catch {
            #expect(error.code == .outOfRange && error.path == "line[1]")
            #expect(error.message.contains("policy.json") && error.message.contains("maximumDepth"))
        }
        #expect(throws: Never.self) { try DocumentLimits(maximumDepth: 300).check(Array(policy.utf8)) }
        // Brackets inside strings are text, escaped quotes included.
        let strings = #"{"a": "[[[[[[ \" {{{{{{{{{"}"#
        #expect(throws: Never.self) { try DocumentLimits(maximumDepth: 1).check(Array(strings.utf8)) }
        do {
            try DocumentLimits(maximumBytes: 10).check(Array(strings.utf8))
            Issue.record("a 27-byte document passed a limit of 10")
        } catch {
            #expect(error.code == .outOfRange && error.path == "document")
        }
    }
}
