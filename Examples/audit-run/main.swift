// audit-run — the built-in audit templates: list them, run one on the terminal or from a JSON file, print the report.
//
//     swift run audit-run --list
//     swift run audit-run complaint-handling                    # answer on the terminal
//     swift run audit-run excellent-service-provider --answers Examples/SampleData/Data/audit.json

import Commands

runExample("audit-run", usage: AuditRunCommand.usage) { arguments in
    try AuditRunCommand.run(arguments).map { ($0.text, []) }
}
