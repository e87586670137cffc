// sample-data — writes a generated sample data set (the shipped one by default).
//
//     swift run sample-data                                  # the shipped set, into Examples/SampleData/Data
//     swift run sample-data --out /tmp/big --cases-per-day 300 --contact-days 60 --seed 7

import Commands

runExample("sample-data", usage: SampleDataCommand.usage) { arguments in
    try SampleDataCommand.run(arguments).map { ($0, []) }
}
