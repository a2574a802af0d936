// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every Swift target (see STYLE.md §1).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "DeliveryHost",
    products: [
        .executable(name: "delivery-host", targets: ["DeliveryHost"]),
        .executable(name: "delivery-benchmark", targets: ["DeliveryBenchmark"]),
    ],
    targets: [
        // Thin wrappers over Debian's C libraries: a modulemap and a shim.h each.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),

        // Cryptography and request signing; only Signing/OpenSSL imports COpenSSL.
        .target(
            name: "Signing",
            dependencies: ["COpenSSL"],
            swiftSettings: swiftSettings
        ),
        // The HTTP and SMTP client over libcurl; the only importer of CCurl.
        .target(
            name: "Transport",
            dependencies: ["CCurl", "Signing"],
            swiftSettings: swiftSettings
        ),
        // The provider plugin protocol, rendered messages and the adapters.
        .target(
            name: "Providers",
            dependencies: ["Signing", "Transport"],
            swiftSettings: swiftSettings
        ),
        // The Liquid template language: parsing with positioned errors, rendering, filters, partials.
        .target(
            name: "Liquid",
            dependencies: ["Providers", "Signing"],
            swiftSettings: swiftSettings
        ),
        // Workflows, recipients, the delivery pipeline and its policies; never imports a C module.
        .target(
            name: "Engine",
            dependencies: ["Liquid", "Providers", "Signing"],
            swiftSettings: swiftSettings
        ),
        // The Engine's storage protocols on SQLite; the only importer of CSQLite besides the benchmark's bare writes.
        .target(
            name: "SQLiteStore",
            dependencies: ["CSQLite", "Engine", "Providers"],
            swiftSettings: swiftSettings
        ),
        // The embedded HTTP/1.1 server on libmicrohttpd; the only importer of CMicroHTTPD. Handlers see
        // Swift values only.
        .target(
            name: "HTTPServer",
            dependencies: ["CMicroHTTPD"],
            swiftSettings: swiftSettings
        ),
        // The host: the Knock-compatible API, provider callback endpoints, operations endpoints, and the
        // assembly of engine, pipeline and store that `delivery-host serve` runs.
        .target(
            name: "Host",
            dependencies: ["Engine", "HTTPServer", "Liquid", "Providers", "Signing", "SQLiteStore", "Transport"],
            swiftSettings: swiftSettings
        ),
        // The `delivery-host` command.
        .executableTarget(
            name: "DeliveryHost",
            dependencies: ["Engine", "Host", "Providers", "Signing", "SQLiteStore", "Transport"],
            swiftSettings: swiftSettings
        ),
        // The `delivery-benchmark` command (docs/benchmark.md): the pipeline against a bare libcurl loop on a
        // loopback sink. Built by `swift build`, never run by the tests. It imports CCurl for the bare loop and
        // CSQLite for the bare SQLite writes alone, so that the references share no code with what they are
        // compared with.
        .executableTarget(
            name: "DeliveryBenchmark",
            dependencies: ["CCurl", "CSQLite", "Engine", "Providers", "SQLiteStore", "Transport"],
            swiftSettings: swiftSettings
        ),
        // Test tool, not a product: runs cases for scripts/crosscheck/signing.py, which compares the
        // results with independent Python implementations. SwiftPM still builds it on request
        // (`swift build --product SigningCrossCheck`).
        .executableTarget(
            name: "SigningCrossCheck",
            dependencies: ["Signing"],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "SigningTests",
            dependencies: ["Signing"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: ["Transport", "Signing", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        // Helpers shared by the test targets: local test servers, their TLS certificates, a MIME reader.
        .target(
            name: "TestSupport",
            dependencies: ["Signing"],
            path: "Tests/TestSupport",
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        // The listing samples both message stores' tests run against.
        .target(
            name: "EngineTestSupport",
            dependencies: ["Engine", "Providers"],
            path: "Tests/EngineTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EngineTests",
            dependencies: ["Engine", "EngineTestSupport", "Providers", "Transport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProvidersTests",
            dependencies: ["Providers", "Transport", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiquidTests",
            dependencies: ["Liquid", "Providers"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkflowTests",
            dependencies: ["Engine", "Liquid", "Providers", "Signing", "SQLiteStore", "TestSupport", "Transport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HTTPServerTests",
            dependencies: ["HTTPServer", "TestSupport", "Transport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HostTests",
            dependencies: [
                "Engine", "Host", "HTTPServer", "Liquid", "Providers", "Signing", "SQLiteStore", "TestSupport",
                "Transport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SQLiteStoreTests",
            dependencies: ["SQLiteStore", "Engine", "EngineTestSupport", "Providers"],
            swiftSettings: swiftSettings
        ),
    ]
)
