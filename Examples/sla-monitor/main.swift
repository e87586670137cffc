// sla-monitor — replays case events and prints, as time passes, the cases at risk of breaching their targets.
//
//     swift run sla-monitor                                               # the last day of the sample data
//     swift run sla-monitor --from 2026-12-14T08:00:00Z --to 2026-12-14T18:00:00Z --every 30
//     swift run sla-monitor --help

import Commands
import Foundation

do {
    guard let output = try SLAMonitorCommand.run(Array(CommandLine.arguments.dropFirst())) else {
        print(SLAMonitorCommand.usage)
        exit(0)
    }
    print(output.text, terminator: "")
    for note in output.notes { FileHandle.standardError.write(Data("sla-monitor: \(note)\n".utf8)) }
} catch let error as UsageError {
    FileHandle.standardError.write(Data("sla-monitor: \(error)\n\n\(SLAMonitorCommand.usage)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("sla-monitor: \(error)\n".utf8))
    exit(1)
}
