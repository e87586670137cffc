// sla-monitor — replays case events and prints, as time passes, the cases at risk of breaching their targets.
//
//     swift run sla-monitor                                               # the last day of the sample data
//     swift run sla-monitor --from 2026-12-14T08:00:00Z --to 2026-12-14T18:00:00Z --every 30
//     swift run sla-monitor --help

import Commands

runExample("sla-monitor", usage: SLAMonitorCommand.usage) { arguments in
    try SLAMonitorCommand.run(arguments).map { ($0.text, $0.notes) }
}
