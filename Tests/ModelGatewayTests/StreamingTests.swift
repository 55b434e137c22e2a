import Foundation
import GatewayTesting
@testable import ModelGateway
import PropertyCore
import Testing

/// Streamed (SSE) chat completions: the same validation, fault policy and usage log as
/// non-streamed calls, plus errors that arrive mid-stream (a provider may fail after sending a 200).
struct StreamingTests {
    private func streamed(_ text: String = "Villa in Rawai, 3 bedrooms, 80,000 THB/month") -> StructuredRequest<PropertyDetails> {
        var request = Fixtures.extractRequest(text)
        request.stream = true
        return request
    }

    @Test func streamedAnswerParsesAndValidatesWithCommentsAndSplitLines() async throws {
        // Extra comment lines, and the bytes written 7 at a time so lines split across reads.
        let server = try FakeServer(steps: [["stream_comments": 3, "stream_chunk_bytes": 7]], defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(streamed())
        #expect(result.value.bedrooms == 3 && result.value.propertyType == "villa")
        #expect(result.model == Fixtures.primary && result.attempts == 1)
        let sent = try #require(try await server.requests().first?.body)
        #expect(sent["stream"] == .bool(true))
        #expect(sent["stream_options"]?["include_usage"] == .bool(true))
        #expect(try await store.usage().map(\.outcome) == ["answered"])
    }

    @Test func usageFromTheLastChunkIsRecordedWithItsCost() async throws {
        let usage: [String: Any] = ["prompt_tokens": 1234, "completion_tokens": 56, "total_tokens": 1290, "cost": 0.0042,
                                    "prompt_tokens_details": ["cached_tokens": 1000]]
        let server = try FakeServer(steps: [["usage": usage]], defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(streamed())
        #expect(result.promptTokens == 1234 && result.completionTokens == 56 && abs(result.costUSD - 0.0042) < 1e-12)
        let row = try #require(try await store.usage().first)
        #expect(row.promptTokens == 1234 && row.completionTokens == 56 && row.cachedTokens == 1000)
        #expect(abs(row.costUSD - 0.0042) < 1e-12 && row.costSource == "provider")
        #expect(row.httpStatus == 200 && row.generationID?.hasPrefix("gen-") == true)
    }

    @Test func midStreamErrorIsRetriedAndRecordedThenTheFallbackIsUsed() async throws {
        let error: [String: Any] = ["code": 502, "message": "upstream provider died mid-stream"]
        let steps: [[String: Any]] = Array(repeating: ["stream_error": error, "model": Fixtures.primary], count: 3)
        let server = try FakeServer(steps: steps, defaultContent: Fixtures.validDetails)
        let (gateway, store, clock) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(streamed())
        #expect(result.model == Fixtures.fallback && result.attempts == 4)
        #expect(try await server.requests().map(\.model) == [Fixtures.primary, Fixtures.primary, Fixtures.primary, Fixtures.fallback])
        let rows = try await store.usage()
        #expect(rows.map(\.outcome) == ["retry", "retry", "retry", "answered"])
        #expect(rows.prefix(3).allSatisfy { $0.httpStatus == 200 && $0.errorCode == GatewayError.Code.unavailable.rawValue })
        #expect(rows.map(\.model) == [Fixtures.primary, Fixtures.primary, Fixtures.primary, Fixtures.fallback])
        // Backoff between the primary's attempts, as for any retryable fault.
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1)])
    }

    @Test func midStreamNonRetryableErrorMovesStraightToTheFallback() async throws {
        let error: [String: Any] = ["code": 400, "message": "invalid request", "metadata": ["error_type": "invalid_request"]]
        let server = try FakeServer(steps: [["stream_error": error, "model": Fixtures.primary]], defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(streamed())
        #expect(result.model == Fixtures.fallback && result.attempts == 2)
        #expect(try await store.usage().map(\.outcome) == ["fallback", "answered"])
    }

    @Test func finishReasonErrorAloneAndACutStreamAreRetried() async throws {
        let server = try FakeServer(steps: [["stream_error_finish_only": true], ["stream_truncate": true]],
                                    defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(streamed())
        #expect(result.model == Fixtures.primary && result.attempts == 3)
        #expect(try await store.usage().map(\.outcome) == ["retry", "retry", "answered"])
    }

    @Test func aServerThatIgnoresStreamIsReadAsPlainJSON() async throws {
        let server = try FakeServer(steps: [["stream": false]], defaultContent: Fixtures.validDetails)
        let (gateway, _, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(streamed())
        #expect(result.value.bedrooms == 3 && result.attempts == 1)
    }

    @Test func invalidStreamedJSONGetsTheSameRepairRoundTrip() async throws {
        let server = try FakeServer(steps: [["content": #"{"property_type": "villa", "bedrooms": "three"}"#]],
                                    defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(streamed())
        #expect(result.attempts == 2 && result.value.bedrooms == 3)
        #expect(try await store.usage().map(\.outcome) == ["invalid_output", "answered"])
        let second = try #require(try await server.requests().last?.body)
        #expect(second["stream"] == .bool(true))
    }

    @Test func streamingDoesNotChangeTheRequestDigest() async throws {
        let server = try FakeServer(defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        _ = try await gateway.structured(streamed())
        _ = try await gateway.structured(Fixtures.extractRequest())
        _ = try await gateway.structured(Fixtures.extractRequest("Condo in Patong, 1 bedroom"))
        let keys = try await store.usage().map(\.requestKey)
        #expect(keys.count == 3 && keys[0] != nil)
        #expect(keys[0] == keys[1], "the same request, streamed or not, is logged under one digest")
        #expect(keys[1] != keys[2])
    }

    @Test func accumulatorReadsByteByByteWithCRLFAndMultiLineData() {
        let stream = ": OPENROUTER PROCESSING\r\n\r\n"
            + "data: {\"id\":\"gen-1\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"{\\\"a\\\":\"}}]}\r\n\r\n"
            + "event: message\r\ndata: {\"choices\":[{\"delta\":\r\ndata: {\"content\":\"1}\"},\"finish_reason\":\"stop\"}]}\r\n\r\n"
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"cost\":0.5}}\r\n\r\n"
            + "data: [DONE]\r\n\r\n"
        let accumulator = ChatStreamAccumulator()
        for byte in Data(stream.utf8) { accumulator.feed(Data([byte])) }
        let response = accumulator.response()
        #expect(response.choices?.first?.message?.content == #"{"a":1}"#)
        #expect(response.choices?.first?.finishReason == "stop")
        #expect(response.usage?.promptTokens == 3 && response.usage?.cost == 0.5)
        #expect(response.id == "gen-1" && response.model == "m" && response.error == nil)
    }

    @Test func accumulatorWithoutDoneOrFinishReasonReportsAnError() {
        let accumulator = ChatStreamAccumulator()
        accumulator.feed(Data("data: {\"choices\":[{\"delta\":{\"content\":\"{\\\"a\\\"\"}}]}\n\n".utf8))
        let response = accumulator.response()
        #expect(response.error?.numericCode == 502)
    }
}
