// service-report — a service report from the shipped sample data or your own files.
//
//     swift run service-report                          # Markdown on the terminal, service-report.html beside it
//     swift run service-report --cases tickets.csv --ticket-per-row --html /tmp/report.html
//     swift run service-report --help

import Commands
import Foundation

do {
    guard let output = try ServiceReportCommand.run(Array(CommandLine.arguments.dropFirst())) else {
        print(ServiceReportCommand.usage)
        exit(0)
    }
    print(output.markdown, terminator: "")
    for note in output.notes { FileHandle.standardError.write(Data("service-report: \(note)\n".utf8)) }
} catch let error as UsageError {
    FileHandle.standardError.write(Data("service-report: \(error)\n\n\(ServiceReportCommand.usage)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("service-report: \(error)\n".utf8))
    exit(1)
}
