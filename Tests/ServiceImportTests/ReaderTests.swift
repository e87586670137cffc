import Foundation
import ServiceDomain
import Testing

@testable import ServiceImport

/// Reads every row of a reader.
private func rows(_ reader: CSVReader) throws -> [CSVRow] {
    var rows: [CSVRow] = []
    while let row = try reader.next() { rows.append(row) }
    return rows
}

private func fields(_ rows: [CSVRow]) -> [[String]] {
    rows.compactMap { if case .record(let record) = $0 { record.fields } else { nil } }
}

struct EncodingTests {
    static let text = "Name;Città;Note\r\nZoë;Málaga;“quoted”, €5\r\n"

    @Test func utf16LittleEndianWithAByteOrderMarkAsExcelWritesIt() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Self.text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let reader = try CSVReader(bytes: bytes)
        #expect(reader.encoding == .utf16LittleEndian)
        #expect(reader.dialect.delimiter == ";")
        #expect(reader.header == ["Name", "Città", "Note"])
        #expect(fields(try rows(reader)) == [["Zoë", "Málaga", "“quoted”, €5"]])
    }

    @Test func utf16BigEndianWithoutAMarkIsDetectedFromItsZeros() throws {
        var bytes: [UInt8] = []
        for unit in "a,b\n1,2\n".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let reader = try CSVReader(bytes: bytes)
        #expect(reader.encoding == .utf16BigEndian)
        #expect(fields(try rows(reader)) == [["1", "2"]])
    }

    @Test func astralCharactersSurviveAChunkBoundaryInUTF16() throws {
        // U+1F600 is a surrogate pair; with 5-byte chunks the pair and the code units are cut at every place.
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a\n😀x\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let reader = try CSVReader(
            input: MemoryByteSource(bytes: bytes),
            dialect: .standard,
            source: nil,
            chunkSize: 5,
            maximumRecordBytes: 1 << 20
        )
        #expect(fields(try rows(reader)) == [["😀x"]])
    }

    @Test func windows1252IsDetectedWhenTheBytesAreNotUTF8() throws {
        // "Café,5 €" in Windows-1252: é = 0xE9, € = 0x80.
        let bytes: [UInt8] = Array("Name,Price\n".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x2C, 0x35, 0x20, 0x80, 0x0A]
        let reader = try CSVReader(bytes: bytes)
        #expect(reader.encoding == .windows1252)
        #expect(fields(try rows(reader)) == [["Café", "5 €"]])
    }

    @Test func aUTF8ByteOrderMarkIsNotPartOfTheFirstName() throws {
        let reader = try CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("Id,Status\n1,Open\n".utf8))
        #expect(reader.header == ["Id", "Status"])
    }
}

struct DialectTests {
    @Test(
        arguments: [
            ("a;b;c\n1;2;3\n", ";"), ("a\tb\tc\n1\t2\t3\n", "\t"), ("a|b|c\n1|2|3\n", "|"), ("a,b;c\n1,2;3\n", ","),
            ("\"x;y\",b\n1,2\n", ","), ("single\n1\n", ","),
        ] as [(String, Character)]
    )
    func delimitersAreDetectedFromTheHeaderLine(text: String, expected: Character) throws {
        #expect(try CSVReader(text: text).dialect.delimiter == expected)
    }

    @Test func theDelimiterIsDetectedOnTheHeaderRowNotThePreamble() throws {
        let text = "Export of 2 March, 2026\nid;score;note\nR1;9;a, b\n"
        let reader = try CSVReader(text: text, dialect: CSVDialect(headerRow: 2))
        #expect(reader.dialect.delimiter == ";")
        #expect(fields(try rows(reader)) == [["R1", "9", "a, b"]])
    }

    @Test func headerRowsAndRowsAfterTheHeader() throws {
        // A report title above the header, and a units row below it.
        let text = "Weekly export\n\nid,score\n(text),(0-10)\nR1,9\n"
        let dialect = try CSVDialect(headerRow: 2, rowsAfterHeader: 1)
        let reader = try CSVReader(text: text, dialect: dialect)
        #expect(reader.header == ["id", "score"])
        #expect(reader.headerLine == 3)
        let read = try rows(reader)
        #expect(fields(read) == [["R1", "9"]])
        if case .record(let record) = read[0] { #expect(record.line == 5) }
        #expect(reader.rowsRead == 1)
    }

    @Test func trailingEmptyFieldsAreDroppedButOtherExtraFieldsAreReported() throws {
        let reader = try CSVReader(text: "a,b\n1,2,,\n1,2,3\n")
        let read = try rows(reader)
        #expect(fields(read) == [["1", "2"]])
        guard case .problem(let problem) = read[1] else {
            Issue.record("expected a problem")
            return
        }
        #expect(problem.line == 3 && problem.reason == "3 fields where the header has 2")
    }

    @Test func chunkBoundariesFallEverywhereWithoutChangingTheRecords() throws {
        // Quoted fields with delimiters, doubled quotes and CR, LF and CRLF line breaks inside and between records.
        let text =
            "id,note,n\r\n1,\"a, \"\"b\"\"\r\nc\",2\n\n2,plain,3\r3,\"x\ry\",4\r\n4,\"\",5\n5,last,\"6\""
        let whole = try rows(CSVReader(text: text))
        #expect(
            fields(whole) == [
                ["1", "a, \"b\"\r\nc", "2"], ["2", "plain", "3"], ["3", "x\ry", "4"], ["4", "", "5"],
                ["5", "last", "6"],
            ]
        )
        let lines = whole.compactMap { if case .record(let record) = $0 { record.line } else { nil } }
        #expect(lines == [2, 5, 6, 8, 9])
        for chunk in 1...12 {
            let reader = try CSVReader(
                input: MemoryByteSource(bytes: Array(text.utf8)),
                dialect: .standard,
                source: nil,
                chunkSize: chunk,
                maximumRecordBytes: 1 << 20
            )
            #expect(try rows(reader) == whole, "chunk \(chunk)")
        }
    }

    @Test func aRecordLongerThanTheLimitStopsTheReadNamingItsLine() throws {
        let text = "a,b\n1,\"" + String(repeating: "x", count: 5_000) + "\"\n"
        #expect {
            let reader = try CSVReader(
                input: MemoryByteSource(bytes: Array(text.utf8)),
                dialect: .standard,
                source: "big.csv",
                chunkSize: 512,
                maximumRecordBytes: 1_024
            )
            _ = try rows(reader)
        } throws: { error in
            guard let error = error as? ServiceDomainError else { return false }
            return error.code == .outOfRange && error.path == "line[2]" && error.message.hasPrefix("big.csv: ")
        }
    }

    @Test func dialectJSONRoundTripsAndIsChecked() throws {
        let dialect = try CSVDialect(delimiter: ";", encoding: .windows1252, headerRow: 2, rowsAfterHeader: 1)
        let data = try JSONEncoder().encode(dialect)
        #expect(try JSONDecoder().decode(CSVDialect.self, from: data) == dialect)
        for bad in [#"{"delimiter": "\""}"#, #"{"headerRow": 0}"#, #"{"delimiter": ";;"}"#, #"{"quote": "'"}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(CSVDialect.self, from: Data(bad.utf8)) }
        }
    }
}

struct ColumnResolverTests {
    let resolver = ColumnResolver(header: ["Issue key", "Labels", "Labels", "Labels", "Status [System]", "Created"])

    @Test func namesMatchExactlyThenWithoutCaseOrExtraSpaces() throws {
        #expect(try resolver.column(for: "Issue key", path: "p") == 0)
        #expect(try resolver.column(for: "  issue   KEY ", path: "p") == 0)
        #expect(try resolver.column(for: "Status [System]", path: "p") == 4)
        #expect(try resolver.column(for: "#6", path: "p") == 5)
    }

    @Test func repeatedNamesByOccurrenceOrAll() throws {
        #expect(try resolver.column(for: "Labels", path: "p") == 1)
        #expect(try resolver.column(for: "Labels[3]", path: "p") == 3)
        #expect(try resolver.columns(for: "labels[*]", path: "p") == [1, 2, 3])
        #expect { try resolver.column(for: "Labels[4]", path: "columns.tags") } throws: {
            ($0 as? ServiceDomainError)?.message.contains("3 columns named \"Labels\"") == true
        }
        #expect { try resolver.column(for: "Labels[*]", path: "columns.team") } throws: {
            ($0 as? ServiceDomainError)?.message.contains("list fields") == true
        }
    }

    @Test func aMissingColumnSuggestsTheClosestNames() throws {
        #expect { try resolver.column(for: "Craeted", path: "columns.created") } throws: { error in
            guard let error = error as? ServiceDomainError else { return false }
            return error.path == "columns.created" && error.message.contains("closest: \"Created\"")
        }
        #expect { try resolver.column(for: "Satisfaction", path: "p") } throws: {
            ($0 as? ServiceDomainError)?.message.contains("its columns: \"Issue key\"") == true
        }
    }

    @Test func longValuesAreCutInMessages() {
        let long = String(repeating: "y", count: 50_000)
        #expect(quoted(long).count < 120)
        #expect(quoted(long).hasSuffix("(50000 bytes)\""))
    }
}
