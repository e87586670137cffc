// capacity-plan — a day's forecast in, a staffing plan per interval out (Erlang C and Erlang A).
//
//     swift run capacity-plan                                  # the sample data's average day
//     swift run capacity-plan --forecast day.csv --within 30 --svg plan.svg
//     swift run capacity-plan --help

import Commands

runExample("capacity-plan", usage: CapacityPlanCommand.usage) { arguments in
    try CapacityPlanCommand.run(arguments).map { output in
        (
            output.text,
            output.problems.isEmpty ? [] : ["skipped \(output.problems.count) row(s); first: \(output.problems[0])"]
        )
    }
}
