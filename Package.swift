// swift-tools-version:6.1
// em-gateway: a JSON front door for Veeam Backup Enterprise Manager's XML REST API.
// Rooms and their boundaries: see DESIGN notes in README.md ("Architecture").

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "em-gateway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "em-gateway", targets: ["em-gateway"]),
        .library(name: "EMTranslate", targets: ["EMTranslate"]),
        .library(name: "EMGateway", targets: ["EMGateway"]),
        .library(name: "EMSimulator", targets: ["EMSimulator"]),
    ],
    // Exact versions: Package.resolved is not committed, so without pins every clone and image
    // build would resolve the newest allowed ones. README "Dependencies" lists what these resolve.
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", exact: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", exact: "6.4.0"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", exact: "1.4.0", traits: ["JSON", "YAML"]),
        .package(url: "https://github.com/apple/swift-system.git", exact: "1.8.1"),
    ],
    targets: [
        // C libraries, found through pkg-config, with typed shims for variadic C calls.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The readiness set (epoll, kqueue) the libcurl loop waits on.
        .target(name: "CCurlEvents", dependencies: ["CCurl"]),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // The compiled lookup model of openapi/em-gateway.yaml (no dependencies at run time).
        .target(
            name: "EMSchema",
            dependencies: ["CLibXML2"],
            swiftSettings: swiftSettings
        ),
        // The served renditions of the OpenAPI document (3.2 and 3.1, YAML and JSON) as Swift
        // source: Yams only, so the build tool that runs it does not wait for OpenAPIKit.
        .target(
            name: "EMContractRenderer",
            dependencies: ["EMSchema", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "em-contract-render",
            dependencies: ["EMContractRenderer"],
            swiftSettings: swiftSettings
        ),
        // Compiles the OpenAPI document into EMSchema's model (build-time tool, tests).
        .target(
            name: "EMSchemaCompiler",
            dependencies: [
                "EMSchema",
                "EMContractRenderer",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "em-schema-compile",
            dependencies: ["EMSchemaCompiler"],
            swiftSettings: swiftSettings
        ),
        // The served renditions of openapi/em-gateway.yaml (OpenAPI 3.2 and 3.1, YAML and JSON),
        // produced at build time by the plugin below; string literals, no YAML parsing at run time.
        .target(
            name: "EMContract",
            swiftSettings: swiftSettings,
            plugins: ["ContractRenditions"]
        ),
        .plugin(
            name: "ContractRenditions",
            capability: .buildTool(),
            dependencies: ["em-contract-render"],
            path: "Plugins/ContractRenditionsPlugin"
        ),
        // XML <-> JSON, link rewriting. Pure: bytes in, bytes out.
        .target(
            name: "EMTranslate",
            dependencies: [
                "EMSchema",
                "CLibXML2",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        // The libcurl client: one curl_multi loop, async requests.
        .target(
            name: "EMUpstream",
            dependencies: [
                "CCurl",
                "CCurlEvents",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP server: routes, header policy, errors, limits.
        .target(
            name: "EMGateway",
            dependencies: [
                "EMContract",
                "EMSchema",
                "EMTranslate",
                "EMUpstream",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // A faithful EM stand-in speaking EM's XML. Independent of EMSchema on purpose.
        .target(
            name: "EMSimulator",
            dependencies: [
                "CLibXML2",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "em-gateway",
            dependencies: [
                "EMGateway",
                "EMSimulator",
                "EMTranslate",
                "EMSchema",
                "EMUpstream",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // A synchronous twin of `em-gateway convert` for valgrind (scripts/bench); not shipped.
        .executableTarget(
            name: "em-convert-profile",
            dependencies: ["EMTranslate", .product(name: "NIOCore", package: "swift-nio")],
            path: "Benchmarks/em-convert-profile",
            swiftSettings: swiftSettings
        ),

        // Helpers every test target shares: time limits on waits, raw sockets, an XML tree.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "EMSchemaTests",
            dependencies: [
                "EMSchema",
                "EMContractRenderer",
                "EMSchemaCompiler",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EMTranslateTests",
            dependencies: ["EMTranslate", "EMSchema", "TestSupport", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EMUpstreamTests",
            dependencies: [
                "EMUpstream",
                "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EMSimulatorTests",
            dependencies: [
                "EMSimulator",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EMGatewayTests",
            dependencies: [
                "EMContract",
                "EMGateway",
                "TestSupport",
                "EMSimulator",
                "EMUpstream",
                "EMTranslate",
                "EMSchema",
                "em-gateway",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
