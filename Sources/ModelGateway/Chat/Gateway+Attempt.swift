import Foundation

/// One HTTP call and its entry in the usage log.
struct AttemptRecord: Sendable {
    var verdict: AttemptVerdict
    var costUSD: Double
    var promptTokens: Int
    var completionTokens: Int
    var answeredModel: String?
    var generationID: String?
    var usageRowID: Int64?
}

extension Gateway {
    /// Sends one chat body: budget reservation, rate-limit slot, the transfer, classification,
    /// and a usage row. Throws only for budget exhaustion and cancellation.
    func attempt(_ body: ChatCompletionBody, images: [ChatImage], stage: String, attempt number: Int,
                 priority: RequestPriority, requestKey: String, stream: Bool = false) async throws -> AttemptRecord {
        let estimate = config.prices.cost(model: body.model,
                                          promptTokens: ChatBodyBuilder.estimatedPromptTokens(body, images: images),
                                          completionTokens: body.maxCompletionTokens ?? 4096)
        // A shared reservation expires: it is taken after the rate-limit wait, right before the
        // transfer, so the wait cannot outlast it.
        if budget.isShared { try await limiter.acquire(priority: priority) }
        let reservation = try await budget.reserve(estimate)
        do {
            if !budget.isShared { try await limiter.acquire(priority: priority) }
            var wire = body
            if stream {
                wire.stream = true
                wire.streamOptions = StreamOptions(includeUsage: true)
            }
            let request = HTTPRequest(method: .post, url: config.baseURL + "/chat/completions",
                                      headers: headers(key: config.apiKey, json: true), body: .bytes(wire.encoded()),
                                      connectTimeout: config.connectTimeout, totalTimeout: config.requestTimeout)
            let started = ContinuousClock.now
            var verdict: AttemptVerdict
            var decoded: ChatCompletionResponse?
            var status: Int?
            do {
                let response: HTTPResponse
                if stream {
                    // The chunks are parsed on the transfer's pool thread as they arrive.
                    let events = ChatStreamAccumulator()
                    response = try await transport.stream(request) { events.feed($0) }
                    // A 2xx stream folds into one answer; an error status (or a server that
                    // ignored `stream`) answers plain JSON, decoded as usual.
                    decoded = (200..<300).contains(response.status) && events.sawEvents
                        ? events.response()
                        : try? JSONDecoder().decode(ChatCompletionResponse.self, from: response.body)
                } else {
                    response = try await transport.send(request)
                    decoded = try? JSONDecoder().decode(ChatCompletionResponse.self, from: response.body)
                }
                status = response.status
                verdict = FaultPolicy.verdict(for: response, decoded: decoded, now: clock.now())
            } catch let error as TransportError {
                if error.kind == .cancelled || Task.isCancelled { throw CancellationError() }
                verdict = FaultPolicy.verdict(for: error)
            }
            let latency = started.duration(to: .now)
            let usage = decoded?.usage
            let prompt = usage?.promptTokens ?? 0, completion = usage?.completionTokens ?? 0
            let (cost, source): (Double, String) = if let billed = usage?.cost {
                (billed, "provider")
            } else if prompt + completion > 0 {
                (config.prices.cost(model: decoded?.model ?? body.model, promptTokens: prompt, completionTokens: completion), "estimated")
            } else {
                (0, "none")
            }
            let row = try await store.log(UsageRecord(
                createdAt: clock.now(), stage: stage, model: body.model, answeredModel: decoded?.model,
                promptTokens: prompt, completionTokens: completion,
                cachedTokens: usage?.promptTokensDetails?.cachedTokens ?? 0, costUSD: cost, costSource: source,
                latencyMs: Int(latency.seconds * 1000), attempt: number, outcome: verdict.outcomeName,
                httpStatus: status, errorCode: verdict.error?.code.rawValue, generationID: decoded?.id, requestKey: requestKey))
            await budget.release(reservation, cost: cost)
            return AttemptRecord(verdict: verdict, costUSD: cost, promptTokens: prompt, completionTokens: completion,
                                 answeredModel: decoded?.model, generationID: decoded?.id, usageRowID: row.id)
        } catch {
            await budget.release(reservation)
            throw error
        }
    }
}

extension AttemptVerdict {
    var outcomeName: String {
        switch self {
        case .answered: "answered"
        case .retry: "retry"
        case .nextModel: "fallback"
        case .stop: "failed"
        }
    }

    var error: GatewayError? {
        switch self {
        case .answered: nil
        case .retry(let error, _), .nextModel(let error), .stop(let error): error
        }
    }
}
