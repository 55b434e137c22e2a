import Foundation
import Logging

extension Gateway {
    /// Runs a structured-output request through the model chain and returns a value that
    /// validated against `Output`'s schema.
    ///
    /// Order: for each model (skipping open breakers): call, retrying retryable faults
    /// with backoff; an answer that fails validation gets one repair round-trip; a truncated
    /// one (`finish_reason: length`) one retry with twice the token limit; then the next model.
    /// Throws `GatewayError` — `.extractionFailed` when every model failed, or a queue-pausing
    /// error (401, 402, budget) at once.
    public func structured<Output: Decodable & Sendable>(_ request: StructuredRequest<Output>) async throws -> StructuredResult<Output> {
        try requireKey(for: config.baseURL, key: config.apiKey)
        let schema = try JSONSchemaGenerator.schema(for: Output.self)
        let builder = ChatBodyBuilder(config: config)
        let chain = request.models.isEmpty ? config.textModels : request.models

        try await pause.check()

        var failures: [String] = []
        var spent = (cost: 0.0, attempts: 0)
        for model in chain {
            guard await breakers.allow(model) else {
                failures.append("\(model): circuit open")
                continue
            }
            let outcome = try await run(request, model: model, schema: schema, chain: chain, builder: builder, spent: &spent)
            switch outcome {
            case .success(let result): return result
            case .failure(let error): failures.append("\(model): \(error)")
            }
        }
        logger.warning("every model failed", metadata: ["stage": "\(request.stage)", "models": "\(chain.joined(separator: ","))"])
        throw GatewayError(.extractionFailed, "every model failed — " + failures.joined(separator: "; "))
    }

    /// Every attempt at one model. Returns `.failure` to move on to the next model; throws
    /// what must stop the whole chain.
    private func run<Output>(_ request: StructuredRequest<Output>, model: String, schema: JSONValue, chain: [String],
                             builder: ChatBodyBuilder, spent: inout (cost: Double, attempts: Int)) async throws -> Result<StructuredResult<Output>, GatewayError> {
        var format = config.structuredOutput
        var body = builder.body(for: request, model: model, schema: schema, format: format, chain: chain)
        var requestKey = ChatBodyBuilder.requestDigest(model: model, promptVersion: request.promptVersion, bodyBytes: body.encoded())
        var faults = 0, repaired = false, lengthened = false, switchedFormat = false
        var tokens = (prompt: 0, completion: 0)

        while true {
            if spent.attempts > 0, !(await breakers.allow(model)) {
                return .failure(GatewayError(.circuitOpen, "circuit opened"))
            }
            spent.attempts += 1
            let record = try await attempt(body, images: request.images, stage: request.stage, attempt: spent.attempts,
                                           priority: request.priority, requestKey: requestKey, stream: request.stream)
            spent.cost += record.costUSD
            tokens.prompt += record.promptTokens
            tokens.completion += record.completionTokens

            switch record.verdict {
            case .stop(let error):
                if error.pausesQueue { await pause.set(error) }
                throw error
            case .nextModel(let error):
                if error.code == .badRequest, format == .jsonSchema, !switchedFormat, mentionsStructuredOutput(error.message) {
                    // The server does not do json_schema: fall back to json_object with the schema in the prompt.
                    format = .jsonObject
                    switchedFormat = true
                    body = builder.body(for: request, model: model, schema: schema, format: format, chain: chain)
                    requestKey = ChatBodyBuilder.requestDigest(model: model, promptVersion: request.promptVersion, bodyBytes: body.encoded())
                    continue
                }
                return .failure(error)
            case .retry(let error, let retryAfter):
                await breakers.recordFailure(model)
                faults += 1
                if faults >= config.maxAttemptsPerModel { return .failure(error) }
                if let retryAfter, retryAfter > config.maxRetryAfter { return .failure(error) }
                let delay = backoff.delay(retry: faults, retryAfter: retryAfter)
                logger.info("retrying", metadata: ["model": "\(model)", "error": "\(error.code)", "delay_ms": "\(Int(delay.seconds * 1000))"])
                try await clock.sleep(for: delay)
            case .answered(let content, let finishReason):
                await breakers.recordSuccess(model)
                await pause.clear()
                switch validate(content, as: Output.self, schema: schema) {
                case .valid(let value, let json):
                    return .success(StructuredResult(
                        value: value, json: json, model: record.answeredModel ?? model, attempts: spent.attempts,
                        costUSD: spent.cost, promptTokens: tokens.prompt, completionTokens: tokens.completion,
                        generationID: record.generationID))
                case .invalid(let problems):
                    if let row = record.usageRowID {
                        try await store.setOutcome(rowID: row, outcome: "invalid_output", errorCode: GatewayError.Code.invalidOutput.rawValue)
                    }
                    if finishReason == "length", !lengthened {
                        lengthened = true
                        body.maxCompletionTokens = min(16_384, (body.maxCompletionTokens ?? request.maxCompletionTokens) * 2)
                        continue
                    }
                    if repaired {
                        return .failure(GatewayError(.invalidOutput, "answer failed validation after a repair: " + problems.prefix(3).joined(separator: "; ")))
                    }
                    repaired = true
                    body.messages.append(ChatWireMessage(role: "assistant", content: .text(content)))
                    body.messages.append(ChatWireMessage(role: "user", content: .text(Self.repairPrompt(problems))))
                }
            }
        }
    }

    static func repairPrompt(_ problems: [String]) -> String {
        "Your previous reply was not valid JSON for the required schema:\n"
            + problems.prefix(10).map { "- \($0)" }.joined(separator: "\n")
            + "\nReply again with only the corrected JSON object, nothing else."
    }

    private func mentionsStructuredOutput(_ message: String) -> Bool {
        let lower = message.lowercased()
        return lower.contains("response_format") || lower.contains("json_schema") || lower.contains("structured output")
    }

    enum Validation<Output> {
        case valid(Output, JSONValue)
        case invalid([String])
    }

    /// Parses `content` (tolerating code fences and text around the object), checks it against
    /// the schema, and decodes it.
    func validate<Output: Decodable>(_ content: String, as type: Output.Type, schema: JSONValue) -> Validation<Output> {
        guard let json = JSONValue.parse(Data(Self.jsonText(in: content).utf8)) else {
            return .invalid(["the reply is not JSON: \(String(content.prefix(80)))"])
        }
        let problems = JSONSchemaValidator.violations(of: json, against: schema)
        guard problems.isEmpty else { return .invalid(problems) }
        do {
            return .valid(try JSONDecoder().decode(Output.self, from: json.canonicalData()), json)
        } catch {
            return .invalid(["does not decode as \(Output.self): \(error)"])
        }
    }

    static func jsonText(in content: String) -> String {
        let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { return trimmed }
        guard let open = trimmed.firstIndex(of: "{"), let close = trimmed.lastIndex(of: "}"), open < close else { return trimmed }
        return String(trimmed[open...close])
    }
}
