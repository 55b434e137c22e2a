import Foundation
import GatewayTesting
import ModelGateway
import PropertyCore
import Testing

struct JobTests {
    @Test func extractTextOfflineUsesTheRuleBasedExtractor() async throws {
        let outcome = try await ExtractTextJob(gateway: nil).run(description: "Villa for rent in Rawai, 3 bedrooms, 80,000 THB/month")
        #expect(outcome.source == "offline" && outcome.costUSD == 0)
        let json = try ExtractTextJob.json(outcome.details)
        #expect(json.contains("\"property_type\""))
    }

    @Test func extractTextThroughTheGatewayRecordsUsageAndRendersStats() async throws {
        let server = try FakeServer(defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let job = ExtractTextJob(gateway: gateway)
        let outcome = try await job.run(description: "Villa in Rawai", context: "Owner: John")
        // A four-word description: the seed's cheap-model rule picks the cheap model.
        #expect(outcome.source == Fixtures.fallback && outcome.details.bedrooms == 3)
        _ = try await job.run(description: "Villa in Rawai", context: "Owner: John")
        let request = try #require(try await server.requests().first)
        #expect(request.body?["messages"]?.arrayValue?.last?["content"]?.stringValue?.contains("Owner: John") == true)
        let stats = try UsageStats.load(from: store, now: Date(timeIntervalSince1970: 1_767_225_600 + 60))
        #expect(stats.rows.count == 1 && stats.rows[0].calls == 1 && stats.rows[0].cacheHits == 1)
        let text = stats.render()
        #expect(text.contains("extract") && text.contains("0.0010"))
    }

    @Test func extractTextExplainsAPausingError() {
        let message = ExtractTextJob.explain(GatewayError(.paymentRequired, "insufficient credits", httpStatus: 402))
        #expect(message.contains("out of credits"))
    }

    @Test func doctorReportsKeyModelsAndLimits() async throws {
        let server = try FakeServer()
        var config = Fixtures.config(server)
        config.visionModels = ["openai/gpt-4o", "vendor/missing-model"]
        let proc = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString)")
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
        #expect(!report.contains("sk-test-secret"))
        #expect(!Doctor.passed(checks))
    }

    @Test func doctorSaysWhatToDoAboutARefusedKey() async throws {
        let server = try FakeServer(steps: [["status": 401]])
        let doctor = Doctor(config: Fixtures.config(server), stateDirectory: nil, store: nil)
        let key = try #require(await doctor.run().first { $0.name == "key" })
        #expect(key.status == .failure && key.detail.contains("OPENROUTER_API_KEY"))
    }
}
