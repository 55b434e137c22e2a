// Gateway throughput benchmark (issue 5): N structured calls against the local fake server with
// fixed latency at fixed concurrency; reports wall time against the ideal, client CPU per call,
// and how late a 10 ms timer task on Swift's cooperative pool ran meanwhile (a blocked pool
// would delay the folder watcher the same way).
//
// Run: Benchmarks/gateway/run.sh [calls] [concurrency] [latency-seconds] [runs]   (release build of the
// package's `gateway-bench` target; `run.sh --smoke` runs a few calls, as `make test` does)
import Foundation
import ListingAI
import ModelGateway
import PropertyCore

let arguments = CommandLine.arguments.dropFirst().compactMap(Double.init)
let calls = Int(arguments.first ?? 200)
let concurrency = Int(arguments.dropFirst().first ?? 10)
let latency = arguments.dropFirst(2).first ?? 0.2
let runs = Int(arguments.dropFirst(3).first ?? 1)

let serverScript = ProcessInfo.processInfo.environment["FAKE_OPENAI_SERVER"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Support/fake_openai_server.py").path

let answer = #"{"property_type":"villa","bedrooms":3,"bathrooms":2,"square_meters":250,"price_per_month":80000,"location":"Rawai","amenities":["private_pool"],"condition":"good","description_summary":"A villa.","languages_detected":["en"],"confidence_score":0.8,"listing_type":"rent","price":80000,"price_currency":"THB","price_period":"month","land_square_meters":null,"evidence":[]}"#
let scriptURL = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-bench-script.json")
try JSONSerialization.data(withJSONObject: ["steps": [], "default_content": answer, "latency": latency]).write(to: scriptURL)

let server = Process()
let output = Pipe()
let input = Pipe()
server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
server.arguments = ["python3", serverScript, "--script", scriptURL.path]
server.standardOutput = output
server.standardInput = input
try server.run()
var line = Data()
while !line.contains(UInt8(ascii: "\n")) {
    let chunk = output.fileHandleForReading.availableData
    if chunk.isEmpty { break }
    line.append(chunk)
}
guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).dropFirst(5)) else {
    fatalError("fake server did not start")
}

var config = GatewayConfig(baseURL: "http://127.0.0.1:\(port)", apiKey: APIKey("sk-bench"))
config.requestsPerMinute = 1_000_000
config.requestsPerHour = 1_000_000
config.budget = .init(dailyUSD: 1_000_000, monthlyUSD: 1_000_000)
let gateway = Gateway(config: config, store: try GatewayStore.inMemory(), transport: CurlTransport(maxConcurrentTransfers: 16))

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func request(_ index: Int) -> StructuredRequest<PropertyDetails> {
    StructuredRequest(stage: "bench", schemaName: "PropertyDetails", promptVersion: "bench", system: ExtractionPrompt.system,
                      userText: "Villa \(index) in Rawai, 3 bedrooms, 80,000 THB/month", models: ["anthropic/claude-sonnet-4.5"])
}

// Warm-up: thread pool, libcurl init, schema generation.
_ = try await gateway.structured(request(-1))

struct Run {
    var wall: Double, cpu: Double, timerLag: Double, failures: Int
}

func measure() async throws -> Run {
    let timerLag = Locked(0.0)
    let stop = Locked(false)
    let ticker = Task {
        while !stop.value {
            let before = ContinuousClock.now
            try? await Task.sleep(for: .milliseconds(10))
            let lag = (before.duration(to: .now) - .milliseconds(10)).seconds
            timerLag.update { $0 = max($0, lag) }
        }
    }
    let cpuBefore = cpuSeconds()
    let started = ContinuousClock.now
    let failures = try await withThrowingTaskGroup(of: Bool.self) { group in
        var next = 0, failed = 0
        func add() {
            let index = next
            next += 1
            group.addTask { (try? await gateway.structured(request(index))) == nil }
        }
        for _ in 0..<min(concurrency, calls) { add() }
        while let failedCall = try await group.next() {
            if failedCall { failed += 1 }
            if next < calls { add() }
        }
        return failed
    }
    let wall = started.duration(to: .now).seconds
    let cpu = cpuSeconds() - cpuBefore
    stop.update { $0 = true }
    _ = await ticker.value
    return Run(wall: wall, cpu: cpu, timerLag: timerLag.value, failures: failures)
}

// The table docs/BENCHMARKS.md keeps: one row per run, all in this process after the warm-up.
let ideal = Double(calls) / Double(concurrency) * latency
print(String(format: "calls %d, concurrency %d, latency %.0f ms, ideal %.3f s, %d run(s)", calls, concurrency, latency * 1000,
             ideal, runs))
print(String(format: "| run | wall | vs ideal %.2f s | client CPU per call | max timer lag | failed calls |", ideal))
print("|---|---|---|---|---|---|")
var failedCalls = 0
for run in 1...max(runs, 1) {
    let result = try await measure()
    failedCalls += result.failures
    print(String(format: "| %d | %.3f s | %+.1f%% | %.2f ms | %.1f ms | %d |", run, result.wall, (result.wall / ideal - 1) * 100,
                 result.cpu / Double(calls) * 1000, result.timerLag * 1000, result.failures))
}

try? input.fileHandleForWriting.close()
server.terminate()
server.waitUntilExit()
// A run whose calls failed measured something else than the gateway: no table to keep.
if failedCalls > 0 {
    FileHandle.standardError.write(Data("gateway-bench: \(failedCalls) call(s) failed\n".utf8))
    exit(1)
}

final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ body: (inout Value) -> Void) { lock.lock(); body(&stored); lock.unlock() }
}
