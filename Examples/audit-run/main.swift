// audit-run — the built-in audit templates: list them, run one on the terminal or from a JSON file, print the report.
//
//     swift run audit-run --list
//     swift run audit-run complaint-handling                    # answer on the terminal
//     swift run audit-run excellent-service-provider --answers Examples/SampleData/Data/audit.json

import Commands
import Foundation

do {
    guard let output = try AuditRunCommand.run(Array(CommandLine.arguments.dropFirst())) else {
        print(AuditRunCommand.usage)
        exit(0)
    }
    print(output.text, terminator: "")
} catch let error as UsageError {
    FileHandle.standardError.write(Data("audit-run: \(error)\n\n\(AuditRunCommand.usage)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("audit-run: \(error)\n".utf8))
    exit(1)
}
