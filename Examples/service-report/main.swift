// service-report — a service report from the shipped sample data or your own files.
//
//     swift run service-report                          # Markdown on the terminal, service-report.html beside it
//     swift run service-report --cases tickets.csv --ticket-per-row --html /tmp/report.html
//     swift run service-report --help

import Commands

runExample("service-report", usage: ServiceReportCommand.usage) { arguments in
    if let listing = try ServiceReportCommand.listing(arguments) { return (listing, []) }
    guard let output = try ServiceReportCommand.run(arguments) else { return nil }
    if let failure = output.failure {
        throw FailureAfterOutput(text: output.text, notes: output.notes, message: failure)
    }
    return (output.text, output.notes)
}
