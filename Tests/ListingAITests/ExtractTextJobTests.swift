import Foundation
import GatewayTesting
import ListingAI
import ModelGateway
import PropertyCore
import Synchronization
import Testing

/// Answers kept in memory, standing in for the pipeline's stage cache.
final class MemoryAnswerCache: AnswerCache {
    private let answers = Mutex<[String: Data]>([:])

    private static func key(_ job: String, _ inputs: [String]) -> String { ([job] + inputs).joined(separator: "\u{1F}") }

    func answer<Answer: Codable & Sendable>(job: String, inputs: [String], as type: Answer.Type) async throws -> Answer? {
        try answers.withLock { $0[Self.key(job, inputs)] }.map { try JSONDecoder().decode(type, from: $0) }
    }

    func keep<Answer: Codable & Sendable>(_ answer: Answer, job: String, inputs: [String]) async throws {
        let data = try JSONEncoder().encode(answer)
        answers.withLock { $0[Self.key(job, inputs)] = data }
    }
}

struct ExtractTextJobTests {
    @Test func offlineUsesTheRuleBasedExtractor() async throws {
        let outcome = try await ExtractTextJob(gateway: nil).run(description: "Villa for rent in Rawai, 3 bedrooms, 80,000 THB/month")
        #expect(outcome.source == "offline" && outcome.costUSD == 0)
        let json = try ExtractTextJob.json(outcome.details)
        #expect(json.contains("\"property_type\""))
    }

    @Test func aSecondRunIsServedFromTheCacheAndLoggedAsAHit() async throws {
        let server = try FakeServer(defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let job = ExtractTextJob(gateway: gateway, cache: MemoryAnswerCache())
        let first = try await job.run(description: "Villa in Rawai", context: "Owner: John")
        // A four-word description: the cheap-model rule picks the cheap model.
        #expect(first.source == Fixtures.fallback && first.details.bedrooms == 3 && !first.fromCache)
        let second = try await job.run(description: "Villa in Rawai", context: "Owner: John")
        #expect(second.fromCache && second.costUSD == 0 && second.details == first.details && second.source == first.source)
        let other = try await job.run(description: "Villa in Rawai", context: "Owner: Jane")
        #expect(!other.fromCache, "another context is another input")

        let requests = try await server.requests()
        #expect(requests.count == 2)
        #expect(requests[0].body?["messages"]?.arrayValue?.last?["content"]?.stringValue?.contains("Owner: John") == true)
        #expect(try await store.usage().map(\.outcome) == ["answered", "cache_hit", "answered"])
    }

    @Test func aPausingErrorIsPutInTheOperatorsWords() {
        let error = GatewayError(.paymentRequired, "insufficient credits", httpStatus: 402)
        #expect(error.summary.hasPrefix("OPENROUTER_PAYMENT_REQUIRED: ") && error.summary.contains("out of credits"))
        #expect(GatewayError.reason(for: error) == error.operatorMessage)
        #expect(GatewayError.reason(for: GatewayError(.badRequest, "no such field")) == "no such field")
    }
}
