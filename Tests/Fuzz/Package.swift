// swift-tools-version: 6.2
// Fuzz targets for every decoder of CustomerServiceKit, run by `bash Tests/Fuzz/run.sh` (libFuzzer with
// AddressSanitizer). A separate package, so that the root package keeps no special build settings.

import PackageDescription

let package = Package(
    name: "CustomerServiceKitFuzz",
    platforms: [.macOS(.v13)],
    // A static library, linked by run.sh with `swiftc -sanitize=fuzzer,address` so that libFuzzer provides `main`.
    products: [.library(name: "FuzzTargets", type: .static, targets: ["FuzzTargets"])],
    dependencies: [.package(name: "CustomerServiceKit", path: "../..")],
    targets: [
        .target(
            name: "FuzzTargets",
            dependencies: [.product(name: "CustomerServiceKit", package: "CustomerServiceKit")]
        )
    ],
    swiftLanguageModes: [.v6]
)
