// swift-tools-version: 6.2
// Benchmarks for CustomerServiceKit. A separate package so that the root package keeps no dependencies; it reaches
// the library by path. Run in release mode:
//     swift run -c release --package-path Benchmarks calendar-benchmark

import PackageDescription

let package = Package(
    name: "CustomerServiceKitBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "CustomerServiceKit", path: "..")],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "ServiceDomain", package: "CustomerServiceKit")],
            path: "Sources/BenchmarkSupport"
        ),
        .executableTarget(
            name: "calendar-benchmark",
            dependencies: ["BenchmarkSupport", .product(name: "ServiceDomain", package: "CustomerServiceKit")],
            path: "Sources/CalendarBenchmark"
        ),
        .executableTarget(
            name: "standards-benchmark",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "ServiceDomain", package: "CustomerServiceKit"),
                .product(name: "ServiceStandards", package: "CustomerServiceKit"),
            ],
            path: "Sources/StandardsBenchmark"
        ),
        .executableTarget(
            name: "case-scale-benchmark",
            dependencies: [
                .product(name: "ServiceDomain", package: "CustomerServiceKit"),
                .product(name: "ServiceStandards", package: "CustomerServiceKit"),
            ],
            path: "Sources/CaseScaleBenchmark"
        ),
        .executableTarget(
            name: "metrics-benchmark",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "ServiceDomain", package: "CustomerServiceKit"),
                .product(name: "ServiceMetrics", package: "CustomerServiceKit"),
            ],
            path: "Sources/MetricsBenchmark"
        ),
        .executableTarget(
            name: "peers-kpi-fold",
            dependencies: [
                .product(name: "ServiceDomain", package: "CustomerServiceKit"),
                .product(name: "ServiceMetrics", package: "CustomerServiceKit"),
            ],
            path: "Sources/PeersKPIFold"
        ),
        .executableTarget(
            name: "peers-survey",
            dependencies: [.product(name: "ServiceSatisfaction", package: "CustomerServiceKit")],
            path: "Sources/PeersSurvey"
        ),
        .executableTarget(
            name: "peers-erlang-c",
            dependencies: [.product(name: "ServiceMetrics", package: "CustomerServiceKit")],
            path: "Sources/PeersErlangC"
        ),
        .executableTarget(
            name: "audit-benchmark",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "ServiceDomain", package: "CustomerServiceKit"),
                .product(name: "ServiceAudit", package: "CustomerServiceKit"),
            ],
            path: "Sources/AuditBenchmark"
        ),
        .executableTarget(
            name: "import-shapes-benchmark",
            dependencies: [.product(name: "CustomerServiceKit", package: "CustomerServiceKit")],
            path: "Sources/ImportShapesBenchmark"
        ),
        .executableTarget(
            name: "import-benchmark",
            dependencies: ["BenchmarkSupport", .product(name: "CustomerServiceKit", package: "CustomerServiceKit")],
            path: "Sources/ImportBenchmark"
        ),
    ],
    swiftLanguageModes: [.v6]
)
