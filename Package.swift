// swift-tools-version:6.0
import PackageDescription

// Every module opts in to the stricter import rules so it states what it re-exports.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "PropertyInbox",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "property-inbox", targets: ["property-inbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.26.0"),
        // Only for several hosts sharing one inbox (`--database postgres://…`); see docs/SCALE-OUT.md.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // C libraries: a module map and a shim each, nothing else. One Swift owner per library.
        .systemLibrary(name: "CExif", pkgConfig: "libexif", providers: [.apt(["libexif-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CHeif", pkgConfig: "libheif", providers: [.apt(["libheif-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev", "zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // setpriority(2) for libdispatch's threads: a refused priority raise is not logged (#27).
        .target(name: "CThreadPriority"),

        // The bounded thread pool for blocking work (pixels, hashing, fsync), off Swift's cooperative pool.
        .target(name: "BlockingIO", swiftSettings: strictSettings),
        // SHA-256 for input hashes and cache keys; the one owner of libcrypto.
        .target(name: "ContentHash", dependencies: ["CCrypto"], swiftSettings: strictSettings),
        // Pure Swift: the seed's schemas, merge, validation, the offline extractor, status wording.
        .target(name: "PropertyCore", swiftSettings: strictSettings),
        // Image metadata and pixels; owns libexif, libturbojpeg, libheif and libpng.
        .target(name: "PhotoProcessing", dependencies: ["CExif", "CTurboJPEG", "CHeif", "CPNG"], swiftSettings: strictSettings),
        // inotify, folder snapshots, settle tracking, reconciliation planning, the work queue.
        .target(name: "FolderWatch", dependencies: ["PropertyCore", "BlockingIO", "ContentHash"], swiftSettings: strictSettings),
        // SQLite through GRDB: folders, inputs, stage results.
        .target(
            name: "PipelineStore",
            dependencies: ["PropertyCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        // HTTP over libcurl, chat and transcription clients, retry, breaker, limiter, budget, usage log.
        // Knows nothing about properties: any application could send its prompts through it.
        .target(
            name: "ModelGateway",
            dependencies: [
                "CCurl", "ContentHash",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The listing's model calls: prompts, extract / vision / voice / describe, the vision plan.
        .target(
            name: "ListingAI",
            dependencies: [
                "ModelGateway", "PropertyCore",
            ],
            // Embedded in the binary: an installed program never depends on finding resource bundles.
            resources: [
                .embedInCode("Resources/prompts/extract.v3.txt"), .embedInCode("Resources/prompts/summarize.v1.txt"),
                .embedInCode("Resources/prompts/vision.v2.txt"), .embedInCode("Resources/prompts/describe.v1.txt"),
            ],
            swiftSettings: strictSettings
        ),
        // Stages, the orchestrator, and publishing of result.json / listing.md / _STATUS.txt.
        .target(
            name: "Pipeline",
            dependencies: [
                "PropertyCore", "PhotoProcessing", "PipelineStore", "FolderWatch", "ModelGateway", "ListingAI", "ContentHash", "BlockingIO",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            // The built-in listing template, embedded in the binary (see ListingAI).
            resources: [.embedInCode("Resources/listing.md.mustache")],
            swiftSettings: strictSettings
        ),
        // What several hosts share in PostgreSQL: the job queue, the provider's rate limit, the
        // folder history. The one owner of postgres-nio.
        .target(
            name: "PostgresQueue",
            dependencies: [
                "FolderWatch", "ModelGateway", "PipelineStore", "PropertyCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "property-inbox",
            dependencies: [
                "Pipeline", "PropertyCore", "PipelineStore", "ModelGateway", "ListingAI", "FolderWatch", "CThreadPriority",
                "PostgresQueue",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // One place for what every test target needs: repository paths and fixtures, temp
        // directories, a process runner.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(name: "ContentHashTests", dependencies: ["ContentHash", "TestSupport"]),
        // The folder history's tests also run against PostgreSQL (PROPERTY_INBOX_TEST_POSTGRES_URL, set by `make test`).
        .testTarget(
            name: "PipelineStoreTests",
            dependencies: ["PipelineStore", "PropertyCore", "PostgresQueue", "TestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "PropertyCoreTests", dependencies: ["PropertyCore"], resources: [.copy("Corpus")]),
        .testTarget(name: "PhotoProcessingTests", dependencies: ["PhotoProcessing", "TestSupport"]),
        .testTarget(name: "FolderWatchTests", dependencies: ["FolderWatch", "PropertyCore", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "PipelineStore", "PropertyCore", "ModelGateway", "ListingAI", "GatewayTesting", "PhotoProcessing", "FolderWatch", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        // The scriptable OpenAI-compatible test server, shared by every test target that calls a provider.
        .target(name: "GatewayTesting", dependencies: ["ModelGateway"], swiftSettings: strictSettings),
        .testTarget(
            name: "ModelGatewayTests",
            dependencies: ["ModelGateway", "GatewayTesting", "PropertyCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ListingAITests",
            dependencies: ["ListingAI", "ModelGateway", "GatewayTesting", "PropertyCore", "PhotoProcessing", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["PropertyCore", "GatewayTesting", "TestSupport"]),

        // Benchmark runners, built by every `swift build` so they cannot rot; `make test` smoke-runs them
        // (docs/BENCHMARKS.md).
        .executableTarget(
            name: "gateway-bench", dependencies: ["ModelGateway", "ListingAI", "PropertyCore"],
            path: "Benchmarks/gateway", exclude: ["run.sh"], swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "photo-bench", dependencies: ["PhotoProcessing"], path: "Benchmarks/photos",
            exclude: ["bench.sh", "bench-pipeline.sh", "make_phone_photos.py", "seed_pillow.py"], swiftSettings: strictSettings
        ),
    ]
)
