public import Foundation
import ContentHash

/// Small internals exposed for tests and `doctor`, without widening the gateway's API.
public enum GatewayDiagnostics {
    public static func sha256Hex(_ data: Data) -> String { ContentHash.sha256(of: data) }

    /// Seconds to wait according to `Retry-After` (seconds or HTTP date) or `X-RateLimit-Reset`.
    public static func retryAfter(headers: [String: String], now: Date) -> TimeInterval? {
        FaultPolicy.retryAfterSeconds(headers: headers, error: nil, now: now)
    }
}
