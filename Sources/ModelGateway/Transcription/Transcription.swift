public import Foundation

/// A voice memo to transcribe with `POST {base}/audio/transcriptions` (OpenAI, OpenRouter,
/// whisper.cpp started with `--inference-path /v1/audio/transcriptions`, speaches).
public struct TranscriptionRequest: Sendable {
    public var audio: Data
    public var filename: String
    /// ISO-639-1 hint (en, th, ru); nil lets the model detect.
    public var language: String?
    public var prompt: String?
    public var stage: String
    public var priority: RequestPriority
    /// `json` (text only) or `verbose_json` (adds `language` and `duration`; whisper-1 on
    /// OpenAI, not every OpenRouter provider).
    public var responseFormat: String

    public static let maxBytes = 25 * 1024 * 1024
    public static let formats: Set<String> = ["flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav", "webm"]

    public init(audio: Data, filename: String, language: String? = nil, prompt: String? = nil,
                stage: String = "transcribe", priority: RequestPriority = .normal, responseFormat: String = "json") {
        self.responseFormat = responseFormat
        self.audio = audio
        self.filename = filename
        self.language = language
        self.prompt = prompt
        self.stage = stage
        self.priority = priority
    }

    var contentType: String {
        switch (filename as NSString).pathExtension.lowercased() {
        case "mp3", "mpga", "mpeg": "audio/mpeg"
        case "m4a", "mp4": "audio/mp4"
        case "wav": "audio/wav"
        case "ogg": "audio/ogg"
        case "webm": "audio/webm"
        case "flac": "audio/flac"
        default: "application/octet-stream"
        }
    }
}

public struct Transcript: Sendable, Equatable {
    public var text: String
    public var model: String
    public var costUSD: Double
    /// As the API said it (`verbose_json`): a name such as "english", or a code.
    public var language: String? = nil
    /// `duration` (verbose_json) or `usage.seconds` (OpenRouter).
    public var durationSeconds: Double? = nil
}

extension Gateway {
    /// The multipart form for one memo, in the field order OpenAI documents.
    func transcriptionForm(_ request: TranscriptionRequest, model: String) -> [MultipartPart] {
        var parts = [MultipartPart(name: "file", data: request.audio, filename: request.filename, contentType: request.contentType),
                     MultipartPart(name: "model", value: model),
                     MultipartPart(name: "response_format", value: request.responseFormat)]
        if let language = request.language { parts.append(MultipartPart(name: "language", value: language)) }
        // OpenRouter ignores `prompt`; others use it as a spelling hint.
        if let prompt = request.prompt, !config.transcriptionBaseURL.contains("openrouter.ai") {
            parts.append(MultipartPart(name: "prompt", value: prompt))
        }
        parts.append(MultipartPart(name: "temperature", value: "0"))
        return parts
    }

    /// Transcribes one memo with the same retry, budget, limiter and usage-log rules as chat.
    public func transcribe(_ request: TranscriptionRequest) async throws -> Transcript {
        try requireKey(for: config.transcriptionBaseURL, key: config.transcriptionKey)
        let ext = (request.filename as NSString).pathExtension.lowercased()
        guard TranscriptionRequest.formats.contains(ext) else {
            throw GatewayError(.transcriptionFailed, "unsupported audio format .\(ext)")
        }
        guard request.audio.count <= TranscriptionRequest.maxBytes else {
            throw GatewayError(.payloadTooLarge, "audio file is over 25 MB")
        }
        try await pause.check()
        let model = config.transcriptionModel
        // Worst case for the budget: 4 kB of audio per second.
        let estimate = Double(request.audio.count) / 4000 / 60 * config.prices.whisperPerMinute
        var faults = 0
        var attemptNumber = 0
        while true {
            attemptNumber += 1
            // Shared budget: the rate-limit slot first, as for chat calls.
            if budget.isShared { try await limiter.acquire(priority: request.priority) }
            let reservation = try await budget.reserve(estimate)
            let verdict: AttemptVerdict, cost: Double, body: JSONValue?
            do {
                (verdict, cost, body) = try await transcriptionAttempt(request, model: model, attempt: attemptNumber)
                await budget.release(reservation, cost: cost)
            } catch {
                await budget.release(reservation)
                throw error
            }
            switch verdict {
            case .answered(let text, _):
                return Transcript(text: text.trimmingCharacters(in: .whitespacesAndNewlines), model: model, costUSD: cost,
                                  language: body?["language"]?.stringValue,
                                  durationSeconds: body?["duration"]?.numberValue ?? body?["usage"]?["seconds"]?.numberValue)
            case .stop(let error):
                if error.pausesQueue { await pause.set(error) }
                throw error
            case .nextModel(let error):
                throw GatewayError(.transcriptionFailed, error.message, httpStatus: error.httpStatus)
            case .retry(let error, let retryAfter):
                faults += 1
                if faults >= config.maxAttemptsPerModel || (retryAfter ?? 0) > config.maxRetryAfter {
                    throw GatewayError(.transcriptionFailed, "gave up after \(faults) attempts: \(error.message)", httpStatus: error.httpStatus)
                }
                try await clock.sleep(for: backoff.delay(retry: faults, retryAfter: retryAfter))
            }
        }
    }

    private func transcriptionAttempt(_ request: TranscriptionRequest, model: String, attempt number: Int) async throws -> (AttemptVerdict, Double, JSONValue?) {
        if !budget.isShared { try await limiter.acquire(priority: request.priority) }
        let http = HTTPRequest(method: .post, url: config.transcriptionBaseURL + "/audio/transcriptions",
                               headers: headers(key: config.transcriptionKey, json: false),
                               body: .multipart(transcriptionForm(request, model: model)),
                               connectTimeout: config.connectTimeout, totalTimeout: config.requestTimeout)
        let started = ContinuousClock.now
        var verdict: AttemptVerdict
        var body: JSONValue?
        var status: Int?
        do {
            let response = try await transport.send(http)
            status = response.status
            body = JSONValue.parse(response.body)
            if (200..<300).contains(response.status) {
                let text = body?["text"]?.stringValue ?? String(decoding: response.body, as: UTF8.self)
                verdict = .answered(content: text, finishReason: nil)
            } else {
                verdict = FaultPolicy.verdict(for: response, decoded: nil, now: clock.now())
            }
        } catch let error as TransportError {
            if error.kind == .cancelled || Task.isCancelled { throw CancellationError() }
            verdict = FaultPolicy.verdict(for: error)
        }
        let seconds = body?["usage"]?["seconds"]?.numberValue ?? body?["duration"]?.numberValue ?? 0
        let billed = body?["usage"]?["cost"]?.numberValue
        let cost = billed ?? seconds / 60 * config.prices.whisperPerMinute
        try await store.log(UsageRecord(
            createdAt: clock.now(), stage: request.stage, model: model, audioSeconds: seconds, costUSD: cost,
            costSource: billed != nil ? "provider" : (seconds > 0 ? "estimated" : "none"),
            latencyMs: Int(started.duration(to: .now).seconds * 1000), attempt: number,
            outcome: verdict.outcomeName, httpStatus: status, errorCode: verdict.error?.code.rawValue))
        return (verdict, cost, body)
    }
}
