// capacity-plan — a day's forecast in, a staffing plan per interval out (Erlang C and Erlang A).
//
//     swift run capacity-plan                                  # the sample data's average day
//     swift run capacity-plan --forecast day.csv --within 30 --svg plan.svg
//     swift run capacity-plan --help

import Commands
import Foundation

do {
    guard let output = try CapacityPlanCommand.run(Array(CommandLine.arguments.dropFirst())) else {
        print(CapacityPlanCommand.usage)
        exit(0)
    }
    print(output.text, terminator: "")
    if !output.problems.isEmpty {
        FileHandle.standardError.write(
            Data("capacity-plan: skipped \(output.problems.count) row(s); first: \(output.problems[0])\n".utf8)
        )
    }
} catch let error as UsageError {
    FileHandle.standardError.write(Data("capacity-plan: \(error)\n\n\(CapacityPlanCommand.usage)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("capacity-plan: \(error)\n".utf8))
    exit(1)
}
