// swift-tools-version: 6.2
// CustomerServiceKit: customer-service rules, scoring and audit checklists for Swift programs.
// The root package has no package dependencies, by design: tooling lives in nested packages (Benchmarks/).

import PackageDescription

let featureModules = ["ServiceStandards", "ServiceMetrics", "ServiceSatisfaction", "ServiceAudit"]

var targets: [Target] = [
    .target(name: "ServiceDomain"),
    // Reading exports: CSV dialects and encodings, headers, timestamps, durations, numbers, value tables, the case
    // and contact shapes, and the vendor presets. Beneath the feature modules (see Documentation/Architecture.md).
    .target(name: "ServiceImport", dependencies: ["ServiceDomain"], resources: [.copy("Presets/Documents")]),
    .target(
        name: "CustomerServiceKit",
        dependencies: ["ServiceDomain", "ServiceImport"] + featureModules.map { .target(name: $0) }
    ),
    .testTarget(name: "ServiceDomainTests", dependencies: ["ServiceDomain"]),
    .testTarget(
        name: "ServiceImportTests",
        dependencies: ["ServiceImport", "ServiceDomain"],
        resources: [.copy("Fixtures")]
    ),
    .testTarget(name: "CustomerServiceKitTests", dependencies: ["CustomerServiceKit"]),
    .executableTarget(
        name: "quickstart",
        dependencies: ["CustomerServiceKit"],
        path: "Examples/quickstart"
    ),
    // The examples' shared code: the sample-data generator and the shipped data set (not a product of the package).
    .target(
        name: "SampleData",
        dependencies: ["CustomerServiceKit"],
        path: "Examples/SampleData",
        resources: [.copy("Data")]
    ),
    .executableTarget(name: "sample-data", dependencies: ["Commands"], path: "Examples/sample-data"),
    // The examples' entry logic, so that tests can run it.
    .target(name: "Commands", dependencies: ["SampleData", "CustomerServiceKit"], path: "Examples/Commands"),
    .executableTarget(name: "service-report", dependencies: ["Commands"], path: "Examples/service-report"),
    .executableTarget(name: "capacity-plan", dependencies: ["Commands"], path: "Examples/capacity-plan"),
    .executableTarget(name: "sla-monitor", dependencies: ["Commands"], path: "Examples/sla-monitor"),
    .executableTarget(name: "audit-run", dependencies: ["Commands"], path: "Examples/audit-run"),
    .testTarget(name: "ExamplesTests", dependencies: ["SampleData", "Commands", "CustomerServiceKit"]),
]
for module in featureModules {
    // ServiceAudit ships its built-in audit templates as JSON resources.
    let resources: [Resource]? = module == "ServiceAudit" ? [.copy("Templates")] : nil
    // Survey answers are imported with ServiceImport's tabular machinery.
    let imports: [Target.Dependency] = module == "ServiceSatisfaction" ? ["ServiceImport"] : []
    targets.append(.target(name: module, dependencies: ["ServiceDomain"] + imports, resources: resources))
    targets.append(
        .testTarget(
            name: "\(module)Tests",
            dependencies: [.target(name: module), "ServiceDomain"] + imports,
            resources: module == "ServiceSatisfaction" ? [.copy("Fixtures")] : nil
        )
    )
}

// The same strictness for every target, as swift-log does. Warnings as errors apply when this package is the root
// (CI, contributors); SwiftPM ignores them when a user depends on us by version.
for target in targets {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .enableUpcomingFeature("InternalImportsByDefault"),
            .treatWarning("ExplicitSendable", as: .error),
            .treatAllWarnings(as: .error),
        ]
}

let package = Package(
    name: "CustomerServiceKit",
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    products: [
        .library(name: "CustomerServiceKit", targets: ["CustomerServiceKit"]),
        .library(name: "ServiceDomain", targets: ["ServiceDomain"]),
        .library(name: "ServiceImport", targets: ["ServiceImport"]),
        .library(name: "ServiceStandards", targets: ["ServiceStandards"]),
        .library(name: "ServiceMetrics", targets: ["ServiceMetrics"]),
        .library(name: "ServiceSatisfaction", targets: ["ServiceSatisfaction"]),
        .library(name: "ServiceAudit", targets: ["ServiceAudit"]),
        .executable(name: "quickstart", targets: ["quickstart"]),
        .executable(name: "sample-data", targets: ["sample-data"]),
        .executable(name: "service-report", targets: ["service-report"]),
        .executable(name: "capacity-plan", targets: ["capacity-plan"]),
        .executable(name: "sla-monitor", targets: ["sla-monitor"]),
        .executable(name: "audit-run", targets: ["audit-run"]),
    ],
    dependencies: [],
    targets: targets,
    swiftLanguageModes: [.v6]
)
