#!/usr/bin/env bash
# Builds the gateway benchmark in a private scratch package (symlinks into this repository, so
# the main package's other targets are not built) and runs it in release mode.
# Usage: Benchmarks/gateway/run.sh [calls=200] [concurrency=10] [latency-seconds=0.2]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
pkg="${GATEWAY_BENCH_DIR:-/tmp/gateway-bench-pkg}"
mkdir -p "$pkg/Sources" "$pkg/Tests"
for target in ModelGateway CCurl PropertyCore; do ln -sfn "$repo/Sources/$target" "$pkg/Sources/$target"; done
ln -sfn "$repo/Benchmarks/gateway" "$pkg/Sources/GatewayBench"
ln -sfn "$repo/Tests/Support" "$pkg/Tests/Support"
cat > "$pkg/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility"),
                              .enableUpcomingFeature("InternalImportsByDefault")]
let package = Package(
    name: "GatewayBench",
    dependencies: [.package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
                   .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0")],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl"),
        .target(name: "PropertyCore", swiftSettings: strict),
        .target(name: "ModelGateway", dependencies: ["CCurl", "PropertyCore", .product(name: "GRDB", package: "GRDB.swift"),
                                                     .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .executableTarget(name: "GatewayBench", dependencies: ["ModelGateway", "PropertyCore"], exclude: ["run.sh"], swiftSettings: strict),
    ]
)
SWIFT
cd "$pkg"
swift build -c release --product GatewayBench >&2
FAKE_OPENAI_SERVER="$repo/Tests/Support/fake_openai_server.py" ".build/release/GatewayBench" "$@"
