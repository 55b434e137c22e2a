import Foundation
import GatewayTesting
import ModelGateway
import PropertyCore
import Testing

/// One test per provider fault: the calls made, the outcome, and the cost recorded.
struct FaultTests {
    private func totalCost(_ store: GatewayStore) async throws -> Double {
        try await store.usage().map(\.costUSD).reduce(0, +)
    }

    @Test func successIsBilledOnce() async throws {
        let server = try FakeServer(defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let first = try await gateway.structured(Fixtures.extractRequest())
        #expect(first.value.bedrooms == 3)
        #expect(first.model == Fixtures.primary && first.attempts == 1 && abs(first.costUSD - 0.001) < 1e-9)
        #expect(try await server.requests().count == 1)
        #expect(abs(try await totalCost(store) - 0.001) < 1e-9)
        #expect(try await store.usage().map(\.outcome) == ["answered"])
    }

    @Test func rateLimitedWithRetryAfterWaitsWhatTheProviderAsked() async throws {
        let server = try FakeServer(steps: [["status": 429, "headers": ["Retry-After": "7"]]], defaultContent: Fixtures.validDetails)
        let (gateway, store, clock) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.attempts == 2 && result.model == Fixtures.primary)
        #expect(clock.sleeps.contains(.seconds(7)))
        #expect(try await server.requests().map(\.model) == [Fixtures.primary, Fixtures.primary])
        #expect(try await store.usage().map(\.httpStatus) == [429, 200])
        #expect(abs(try await totalCost(store) - 0.001) < 1e-9)
    }

    @Test func rateLimitedWithoutRetryAfterBacksOffWithJitter() async throws {
        let server = try FakeServer(steps: [["status": 429], ["status": 429]], defaultContent: Fixtures.validDetails)
        let (gateway, _, clock) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.attempts == 3)
        // random() pinned at 0.5: half of 1 s, then half of 2 s.
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1)])
    }

    @Test(arguments: [500, 502, 503])
    func serverErrorIsRetried(status: Int) async throws {
        let server = try FakeServer(steps: [["status": status]], defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.attempts == 2 && result.model == Fixtures.primary)
        #expect(try await store.usage().map(\.outcome) == ["retry", "answered"])
        #expect(abs(try await totalCost(store) - 0.001) < 1e-9)
    }

    @Test func unavailableWithHTTPDateRetryAfterIsHonoured() async throws {
        let clock = ManualClock()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: clock.now().addingTimeInterval(30))
        let server = try FakeServer(steps: [["status": 503, "headers": ["Retry-After": date]]], defaultContent: Fixtures.validDetails)
        let (gateway, _, _) = try Fixtures.gateway(Fixtures.config(server), clock: clock)
        _ = try await gateway.structured(Fixtures.extractRequest())
        #expect(clock.sleeps.first.map { $0 >= .seconds(29) && $0 <= .seconds(31) } == true)
    }

    @Test func availabilityRetryAfterInTheBodyIsHonoured() async throws {
        let error: [String: Any] = ["message": "no provider", "metadata": ["error_type": "provider_unavailable",
                                    "availability": ["retryable": true, "retry_after": 12]]]
        let server = try FakeServer(steps: [["status": 503, "error": error]], defaultContent: Fixtures.validDetails)
        let (gateway, _, clock) = try Fixtures.gateway(Fixtures.config(server))
        _ = try await gateway.structured(Fixtures.extractRequest())
        #expect(clock.sleeps == [.seconds(12)])
    }

    @Test func persistentServerErrorsMoveToTheFallbackModel() async throws {
        let steps: [[String: Any]] = Array(repeating: ["status": 502, "model": Fixtures.primary], count: 3)
        let server = try FakeServer(steps: steps, defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.model == Fixtures.fallback && result.attempts == 4)
        #expect(try await server.requests().map(\.model) == [Fixtures.primary, Fixtures.primary, Fixtures.primary, Fixtures.fallback])
        let times = try await server.requests().map(\.time)
        #expect(times == times.sorted())
        #expect(abs(try await totalCost(store) - 0.001) < 1e-9)
    }

    @Test func stalledResponseTimesOutAndIsRetried() async throws {
        let server = try FakeServer(steps: [["delay": 12.0]], defaultContent: Fixtures.validDetails)
        var config = Fixtures.config(server)
        config.requestTimeout = .milliseconds(700)
        let (gateway, store, _) = try Fixtures.gateway(config)
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.attempts == 2)
        let first = try #require(try await store.usage().first)
        #expect(first.errorCode == GatewayError.Code.timeout.rawValue)
        // libcurl's own timeout cut the stalled call (a 12 s stall with no timeout would have
        // succeeded). No upper bound on the measured latency: it includes waiting for a busy
        // machine to resume the task, which says nothing about the client.
        #expect(first.latencyMs >= 600)
    }

    @Test func connectionRefusedFailsEveryModelWithATypedError() async throws {
        let port = try FakeServer.closedPort()
        let (gateway, store, clock) = try Fixtures.gateway(Fixtures.config(nil, port: port))
        let error = await #expect(throws: GatewayError.self) { try await gateway.structured(Fixtures.extractRequest()) }
        #expect(error?.code == .extractionFailed)
        #expect(error?.pausesQueue == false)
        let rows = try await store.usage()
        #expect(rows.map(\.model) == Array(repeating: Fixtures.primary, count: 3) + Array(repeating: Fixtures.fallback, count: 3))
        #expect(rows.allSatisfy { $0.costUSD == 0 && $0.httpStatus == nil })
        #expect(clock.sleeps.count == 4)
    }

    @Test func invalidJSONGetsOneRepairRoundTrip() async throws {
        let server = try FakeServer(steps: [["content": "{\"property_type\": \"villa\", oops"]], defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.model == Fixtures.primary && result.attempts == 2)
        let requests = try await server.requests()
        let messages = requests[1].body?["messages"]?.arrayValue ?? []
        #expect(messages.count == 4)
        #expect(messages[2]["role"] == "assistant" && messages[3]["role"] == "user")
        #expect(try await store.usage().map(\.outcome) == ["invalid_output", "answered"])
        #expect(abs(try await totalCost(store) - 0.002) < 1e-9)
        #expect(abs(result.costUSD - 0.002) < 1e-9)
    }

    @Test func schemaBreakingJSONTwiceMovesToTheFallback() async throws {
        let broken = "{\"property_type\": \"villa\", \"bedrooms\": \"three\"}"
        let server = try FakeServer(steps: [["content": broken, "model": Fixtures.primary], ["content": broken, "model": Fixtures.primary]],
                                    defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.model == Fixtures.fallback)
        #expect(try await server.requests().map(\.model) == [Fixtures.primary, Fixtures.primary, Fixtures.fallback])
        #expect(abs(try await totalCost(store) - 0.003) < 1e-9)
    }

    @Test func emptyContentIsRetriedAndItsCostStillRecorded() async throws {
        let server = try FakeServer(steps: [["null_content": true]], defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.attempts == 2)
        #expect(try await store.usage().map(\.outcome) == ["retry", "answered"])
        #expect(abs(try await totalCost(store) - 0.002) < 1e-9)
    }

    @Test func errorInsideHTTP200IsDetectedAndRetried() async throws {
        let server = try FakeServer(steps: [["choice_error": ["code": 502, "message": "upstream died"]]], defaultContent: Fixtures.validDetails)
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.attempts == 2)
        let first = try #require(try await store.usage().first)
        #expect(first.httpStatus == 200 && first.outcome == "retry")
    }

    @Test func truncatedAnswerIsRetriedWithMoreTokens() async throws {
        let server = try FakeServer(steps: [["content": String(Fixtures.validDetails.prefix(60)), "finish_reason": "length"]],
                                    defaultContent: Fixtures.validDetails)
        let (gateway, _, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.attempts == 2)
        let limits = try await server.requests().map { $0.body?["max_completion_tokens"]?.numberValue }
        #expect(limits == [2000, 4000])
    }

    @Test func unauthorizedIsNotRetriedAndPausesTheQueue() async throws {
        let server = try FakeServer(steps: [["status": 401, "error": ["code": 401, "message": "No auth credentials found"]]])
        let (gateway, store, _) = try Fixtures.gateway(Fixtures.config(server))
        let error = await #expect(throws: GatewayError.self) { try await gateway.structured(Fixtures.extractRequest()) }
        #expect(error?.code == .invalidKey && error?.pausesQueue == true)
        #expect(error?.operatorMessage?.contains("OPENROUTER_API_KEY") == true)
        #expect(!(error?.description.contains("sk-test-secret") ?? true))
        // The next folder does not rediscover the dead key.
        await #expect(throws: GatewayError.self) { try await gateway.structured(Fixtures.extractRequest("another")) }
        #expect(try await server.requests().count == 1)
        #expect(try await store.usage().count == 1)
        #expect(await gateway.pausedBy()?.code == .invalidKey)
    }

    @Test func paymentRequiredPausesTheQueue() async throws {
        let server = try FakeServer(steps: [["status": 402, "error": ["code": 402, "message": "Insufficient credits"]]])
        let (gateway, _, _) = try Fixtures.gateway(Fixtures.config(server))
        let error = await #expect(throws: GatewayError.self) { try await gateway.structured(Fixtures.extractRequest()) }
        #expect(error?.code == .paymentRequired && error?.pausesQueue == true)
        #expect(try await server.requests().count == 1)
    }

    @Test func constraintFilteredMovesToTheFallbackWithoutRetry() async throws {
        let error: [String: Any] = ["code": 404, "message": "No endpoints found that can handle the requested parameters.",
                                    "metadata": ["error_type": "constraint_filtered"]]
        let server = try FakeServer(steps: [["status": 404, "error": error, "model": Fixtures.primary]], defaultContent: Fixtures.validDetails)
        let (gateway, _, clock) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.model == Fixtures.fallback)
        #expect(try await server.requests().map(\.model) == [Fixtures.primary, Fixtures.fallback])
        #expect(clock.sleeps.isEmpty)
    }

    @Test func serverWithoutJSONSchemaSupportGetsJSONObject() async throws {
        let server = try FakeServer(steps: [["status": 400, "error": ["code": 400, "message": "response_format json_schema is not supported"]]],
                                    defaultContent: Fixtures.validDetails)
        let (gateway, _, _) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.model == Fixtures.primary)
        let formats = try await server.requests().map { $0.body?["response_format"]?["type"]?.stringValue }
        #expect(formats == ["json_schema", "json_object"])
    }

    @Test func retryAfterLongerThanWeWaitMovesToTheFallback() async throws {
        let server = try FakeServer(steps: [["status": 429, "headers": ["Retry-After": "3600"], "model": Fixtures.primary]],
                                    defaultContent: Fixtures.validDetails)
        let (gateway, _, clock) = try Fixtures.gateway(Fixtures.config(server))
        let result = try await gateway.structured(Fixtures.extractRequest())
        #expect(result.model == Fixtures.fallback && clock.sleeps.isEmpty)
    }

    @Test func aCallThatCouldCrossTheBudgetIsNotStarted() async throws {
        let server = try FakeServer(defaultContent: Fixtures.validDetails)
        var config = Fixtures.config(server)
        config.budget = .init(dailyUSD: 0.01, monthlyUSD: 100)
        let (gateway, _, _) = try Fixtures.gateway(config)
        let error = await #expect(throws: GatewayError.self) { try await gateway.structured(Fixtures.extractRequest()) }
        #expect(error?.code == .budgetExceeded && error?.pausesQueue == true && error?.resumeAt != nil)
        #expect(try await server.requests().isEmpty)
    }

    @Test func openBreakerSkipsThePrimaryModel() async throws {
        let steps: [[String: Any]] = Array(repeating: ["status": 500, "model": Fixtures.primary], count: 5)
        let server = try FakeServer(steps: steps, defaultContent: Fixtures.validDetails)
        var config = Fixtures.config(server)
        config.maxAttemptsPerModel = 5
        let (gateway, _, _) = try Fixtures.gateway(config)
        _ = try await gateway.structured(Fixtures.extractRequest("one"))
        #expect(await gateway.breakers.state(of: Fixtures.primary) == .open)
        let second = try await gateway.structured(Fixtures.extractRequest("two"))
        #expect(second.model == Fixtures.fallback && second.attempts == 1)
        #expect(try await server.requests().map(\.model).filter { $0 == Fixtures.primary }.count == 5)
    }
}
