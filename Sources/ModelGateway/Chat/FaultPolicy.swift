import Foundation

/// What to do after one HTTP attempt: retry what may pass on its own, move on from what this
/// model cannot serve, stop on what no model will fix (key, credits, size).
enum AttemptVerdict: Sendable {
    /// The model answered; `content` may still fail validation.
    case answered(content: String, finishReason: String?)
    /// Try the same model again after a backoff, no sooner than `retryAfter` when given.
    case retry(GatewayError, retryAfter: TimeInterval?)
    /// This model cannot serve the request; move on to the fallback.
    case nextModel(GatewayError)
    /// Nothing else will work either: stop and surface.
    case stop(GatewayError)
}

enum FaultPolicy {
    /// Classifies a transport failure: refused, reset and timed-out connections are retried.
    static func verdict(for error: TransportError) -> AttemptVerdict {
        switch error.kind {
        case .timeout: .retry(GatewayError(.timeout, "provider did not answer in time: \(error.message)"), retryAfter: nil)
        case .connect, .network: .retry(GatewayError(.unavailable, "network: \(error.message)"), retryAfter: nil)
        case .tls: .stop(GatewayError(.unavailable, "TLS verification failed: \(error.message)"))
        case .cancelled: .stop(GatewayError(.unavailable, "cancelled"))
        }
    }

    /// Classifies an HTTP answer, including failures that arrive with status 200.
    static func verdict(for response: HTTPResponse, decoded: ChatCompletionResponse?, now: Date) -> AttemptVerdict {
        let errorBody = decoded?.error ?? (try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body))?.error
        let retryAfter = retryAfterSeconds(headers: response.headers, error: errorBody, now: now)

        if (200..<300).contains(response.status) {
            guard let decoded else {
                return .retry(GatewayError(.unavailable, "answer was not JSON", httpStatus: response.status), retryAfter: nil)
            }
            if let error = decoded.error {
                // An error object inside a 200: classify it by its own code when it has one.
                return verdict(status: error.numericCode ?? 502, error: error, retryAfter: retryAfter)
            }
            guard let choice = decoded.choices?.first else {
                return .retry(GatewayError(.unavailable, "answer had no choices", httpStatus: 200), retryAfter: retryAfter)
            }
            if choice.finishReason == "error" || choice.error != nil {
                let code = choice.error?.numericCode ?? 502
                return verdict(status: code, error: choice.error, retryAfter: retryAfter)
            }
            if choice.finishReason == "content_filter" {
                return .nextModel(GatewayError(.refused, "the provider's content filter stopped the answer", httpStatus: 200))
            }
            let content = (choice.message ?? choice.delta)?.content ?? ""
            if content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return .retry(GatewayError(.unavailable, "empty content (finish_reason \(choice.finishReason ?? "null"))", httpStatus: 200), retryAfter: retryAfter)
            }
            return .answered(content: content, finishReason: choice.finishReason)
        }
        return verdict(status: response.status, error: errorBody, retryAfter: retryAfter)
    }

    static func verdict(status: Int, error: ProviderErrorBody?, retryAfter: TimeInterval?) -> AttemptVerdict {
        let detail = error?.summary ?? "HTTP \(status)"
        switch status {
        case 401: return .stop(GatewayError(.invalidKey, "API key refused: \(detail)", httpStatus: status))
        case 402: return .stop(GatewayError(.paymentRequired, "insufficient credits: \(detail)", httpStatus: status))
        case 413: return .stop(GatewayError(.payloadTooLarge, "request too large: \(detail)", httpStatus: status))
        case 400: return .nextModel(GatewayError(.badRequest, detail, httpStatus: status))
        case 403: return .nextModel(GatewayError(.refused, "refused by moderation: \(detail)", httpStatus: status))
        case 404: return .nextModel(GatewayError(.modelUnavailable, "no endpoint for this request: \(detail)", httpStatus: status))
        case 408: return .retry(GatewayError(.timeout, detail, httpStatus: status), retryAfter: retryAfter)
        case 429: return .retry(GatewayError(.rateLimited, detail, httpStatus: status), retryAfter: retryAfter)
        case 500...599: return .retry(GatewayError(.unavailable, detail, httpStatus: status), retryAfter: retryAfter)
        default:
            if error?.availability?["retryable"] == .bool(true) || error?.metadata?["availability"]?["retryable"] == .bool(true) {
                return .retry(GatewayError(.unavailable, detail, httpStatus: status), retryAfter: retryAfter)
            }
            return .nextModel(GatewayError(.unavailable, detail, httpStatus: status))
        }
    }

    /// `Retry-After` (seconds or an HTTP date), else `availability.retry_after`, else
    /// OpenRouter's `X-RateLimit-Reset` (epoch milliseconds).
    static func retryAfterSeconds(headers: [String: String], error: ProviderErrorBody?, now: Date) -> TimeInterval? {
        if let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Double(value) { return max(0, seconds) }
            if let date = httpDate(value) { return max(0, date.timeIntervalSince(now)) }
        }
        if let seconds = error?.availabilityRetryAfter { return max(0, seconds) }
        if let reset = headers["x-ratelimit-reset"].flatMap(Double.init) {
            return max(0, reset / 1000 - now.timeIntervalSince1970)
        }
        return nil
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

/// Exponential backoff with full jitter: a random wait in [0, min(cap, base·2^(n-1))], never
/// shorter than what the provider asked for.
struct Backoff: Sendable {
    var base: Duration
    var cap: Duration
    var random: @Sendable () -> Double

    func delay(retry number: Int, retryAfter: TimeInterval?) -> Duration {
        let ceiling = min(cap.seconds, base.seconds * pow(2, Double(max(0, number - 1))))
        let jittered = ceiling * min(max(random(), 0), 1)
        let seconds = max(jittered, retryAfter ?? 0)
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
