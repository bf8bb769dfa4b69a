// swift-tools-version:6.1
// libFuzzer targets for em-gateway's converters. Not part of the main build:
// run scripts/fuzz, which builds this package with -sanitize=fuzzer in .build-fuzz.

import PackageDescription

let package = Package(
    name: "em-gateway-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "em-gateway", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
    ],
    targets: [
        // libFuzzer's driver, shared by the targets.
        .target(name: "FuzzDriver"),
        // EM's XML → JSON (XMLToJSONConverter), fed in chunk splits derived from the input.
        .executableTarget(
            name: "em-fuzz-xml",
            dependencies: [
                "FuzzDriver",
                .product(name: "EMTranslate", package: "em-gateway"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // JSON request bodies → EM's XML (JSONToXMLWriter) for request types named in the input.
        .executableTarget(
            name: "em-fuzz-json",
            dependencies: ["FuzzDriver", .product(name: "EMTranslate", package: "em-gateway")]
        ),
    ]
)
