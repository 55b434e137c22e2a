import Foundation
import GatewayTesting
import ListingAI
import Logging
import ModelGateway
import Pipeline
import Testing

/// `doctor`, `stats` and the single jobs' use of the stage cache, against the fake server.
struct OperationsTests {
    static func runtime(_ state: URL, server: FakeServer) throws -> PipelineRuntime {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let environment = [
            "OPENROUTER_API_KEY": "sk-test-secret", "OPENROUTER_BASE_URL": server.baseURL,
            "OPENAI_API_KEY": "sk-test-secret", "OPENAI_BASE_URL": server.baseURL,
        ]
        return try PipelineRuntime(stateDirectory: state.path, configPath: nil, offline: false, logger: logger, environment: environment)
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("operations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func doctorReportsKeyModelsAndLimits() async throws {
        let server = try FakeServer()
        var config = GatewayTesting.Fixtures.config(server)
        config.visionModels = ["openai/gpt-4o", "vendor/missing-model"]
        let proc = try Self.scratch()
        try FileManager.default.createDirectory(at: proc.appendingPathComponent("sys/fs/inotify"), withIntermediateDirectories: true)
        try "8192\n".write(to: proc.appendingPathComponent("sys/fs/inotify/max_user_watches"), atomically: true, encoding: .utf8)
        try "128\n".write(to: proc.appendingPathComponent("sys/fs/inotify/max_user_instances"), atomically: true, encoding: .utf8)
        let doctor = Doctor(config: config, stateDirectory: FileManager.default.temporaryDirectory,
                            store: try GatewayStore.inMemory(), procRoot: proc.path)
        let checks = await doctor.run()
        let report = Doctor.render(checks)
        #expect(checks.first { $0.name == "key" }?.status == .ok, "\(report)")
        #expect(checks.first { $0.name == "model vendor/missing-model" }?.status == .failure)
        #expect(checks.first { $0.name == "model anthropic/claude-haiku-4.5" }?.status == .ok)
        #expect(checks.first { $0.name == "inotify" }?.status == .ok)
        #expect(checks.first { $0.name == "budget" }?.status == .ok)
        #expect(!report.contains("sk-test-secret"))
        #expect(!Doctor.passed(checks))
    }

    @Test func doctorSaysWhatToDoAboutARefusedKey() async throws {
        let server = try FakeServer(steps: [["status": 401]])
        let doctor = Doctor(config: GatewayTesting.Fixtures.config(server), stateDirectory: nil, store: nil)
        let key = try #require(await doctor.run().first { $0.name == "key" })
        #expect(key.status == .failure && key.detail.contains("OPENROUTER_API_KEY"))
    }

    @Test func extractTextTwiceIsPaidOnceAndStatsCountTheCacheHit() async throws {
        let server = try FakeServer(defaultContent: GatewayTesting.Fixtures.validDetails)
        let runtime = try Self.runtime(try Self.scratch(), server: server)
        let job = ExtractTextJob(gateway: runtime.gateway, cache: runtime.answerCache)
        let first = try await job.run(description: "Villa in Rawai", context: "Owner: John")
        let second = try await job.run(description: "Villa in Rawai", context: "Owner: John")
        #expect(!first.fromCache && second.fromCache && second.details == first.details)
        #expect(try await server.requests().count == 1)

        let stats = try await UsageReport.load(from: runtime.gatewayStore)
        #expect(stats.rows.count == 1 && stats.rows[0].stage == "extract" && stats.rows[0].model == first.source)
        #expect(stats.rows[0].calls == 1 && stats.rows[0].cacheHits == 1)
        let text = stats.render()
        #expect(text.contains("extract") && text.contains("0.0010"))
        #expect(UsageReport(rows: []).render() == "No API calls recorded yet.\n")
    }

    @Test func aMemoTranscribedTwiceIsPaidForOnce() async throws {
        let memoText = "บ้านสวยใหม่ 2 ห้องนอน มีสระว่ายน้ำ ใกล้ชายหาด"
        let server = try FakeServer(steps: [["content": memoText, "language": "thai", "duration": 30.0]])
        let state = try Self.scratch()
        let runtime = try Self.runtime(state, server: server)
        let audio = state.appendingPathComponent("memo.m4a")
        try Data((0..<4096).map { UInt8($0 % 251) }).write(to: audio)
        let copy = state.appendingPathComponent("copy of memo.m4a")
        try FileManager.default.copyItem(at: audio, to: copy)

        let job = TranscribeJob(gateway: runtime.gateway, store: runtime.store)
        let (memo, call) = try await job.run(path: audio.path)
        #expect(memo.language == "th" && !call.fromCache && call.costUSD > 0)
        let again = try await job.run(path: copy.path)
        #expect(again.transcript == memo && again.call.fromCache && again.call.costUSD == 0, "the same bytes under another name")
        #expect(try await server.requests(path: "/audio/transcriptions").count == 1)
        #expect(try await runtime.gatewayStore.usage().map(\.outcome) == ["answered", "cache_hit"])
    }
}

extension OperationsTests {
    @Test func photosAnalysedTwiceArePaidForOnce() async throws {
        let server = try FakeServer(options: ["vision_auto": true])
        let state = try Self.scratch()
        let runtime = try Self.runtime(state, server: server)
        let paths = try (0..<3).map { index in
            let path = state.appendingPathComponent("IMG_\(index).jpg").path
            try Data(try SyntheticPhoto.make(seed: UInt64(index), quality: 90)).write(to: URL(fileURLWithPath: path))
            return path
        }
        let job = AnalyzeImagesJob(gateway: runtime.gateway, store: runtime.store)
        let first = try await job.run(paths: paths)
        #expect(first.photos.allSatisfy { $0.insights != nil } && first.costUsd > 0)
        let requests = try await server.requests().count
        #expect(requests == 1)
        let second = try await job.run(paths: paths)
        #expect(second.photos.map(\.insights) == first.photos.map(\.insights) && second.costUsd == 0)
        #expect(try await server.requests().count == requests, "the same photos again: no call")
        #expect(try await runtime.gatewayStore.usage().map(\.outcome) == ["answered", "cache_hit"])
    }
}
