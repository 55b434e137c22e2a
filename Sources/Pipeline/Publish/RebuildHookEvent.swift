import ContentHash
import Foundation
import PipelineStore

/// What the rebuild hook sends, and when: pure functions, no I/O.
enum RebuildHookEvent {
    /// One listing in a delivery: `published` (new or changed) or `removed` (folder gone).
    struct Change: Codable, Equatable {
        var id: String
        var event: String
    }

    /// The JSON the webhook receives.
    struct Payload: Codable, Equatable {
        var event = "listings.changed"
        var sentAt: String
        var listings: [Change]

        enum CodingKeys: String, CodingKey {
            case event, listings
            case sentAt = "sent_at"
        }
    }

    static let signatureHeader = "X-PropertyInbox-Signature"

    /// One change per listing, the latest event winning (published then removed → removed),
    /// in the order the listings first appear.
    static func changes(_ deliveries: [HookDelivery]) -> [Change] {
        var order: [String] = []
        var latest: [String: String] = [:]
        for delivery in deliveries {
            if latest[delivery.listingId] == nil { order.append(delivery.listingId) }
            latest[delivery.listingId] = delivery.event
        }
        return order.map { Change(id: $0, event: latest[$0]!) }
    }

    static func body(_ changes: [Change], sentAt: String) -> Data {
        (try? JSONEncoder.sortedWithoutEscapingSlashes.encode(Payload(sentAt: sentAt, listings: changes))) ?? Data()
    }

    /// `sha256=<hex HMAC-SHA256 of the body>`, the form GitHub's and most receivers' checks expect.
    static func signature(of body: Data, secret: HookSecret) -> String {
        "sha256=" + ContentHash.hmacSHA256(key: secret.bytes, data: body)
    }

    /// The command's environment additions: every changed id, and the removed ones apart.
    static func environment(_ changes: [Change]) -> [String: String] {
        ["PROPERTY_INBOX_CHANGED_IDS": changes.map(\.id).joined(separator: " "),
         "PROPERTY_INBOX_REMOVED_IDS": changes.filter { $0.event == "removed" }.map(\.id).joined(separator: " ")]
    }

    /// The command's standard input: one id a line.
    static func standardInput(_ changes: [Change]) -> Data {
        Data(changes.map { $0.id + "\n" }.joined().utf8)
    }
}

/// When the hook runs: after `debounce` seconds without a new publish, but no later than
/// `maxWait` after the first publish of the burst; failed deliveries back off, doubling.
struct RebuildHookTiming: Equatable {
    var debounce: Double
    var maxWait: Double
    var maxRetry: Double

    /// Seconds on the daemon's clock at which the pending burst goes out.
    func fireTime(burstStarted: Double, lastActivity: Double) -> Double {
        min(lastActivity + debounce, burstStarted + maxWait)
    }

    /// One target's pending deliveries go out together. While earlier ones wait for their retry
    /// (the receiver is failing), new ones wait with them: a failing receiver is asked again
    /// after the backoff, not at every new publish. Returns what to send now, or when to look again.
    static func batch(_ pending: [HookDelivery], now: Double) -> (send: [HookDelivery], lookAgainAt: Double?) {
        guard let waitUntil = pending.map(\.nextAttemptAt).max() else { return ([], nil) }
        return waitUntil <= now ? (pending, nil) : ([], waitUntil)
    }

    /// 2, 4, 8 … seconds after the `attempts`-th failure, at most `maxRetry`.
    func retryDelay(afterAttempts attempts: Int) -> Double {
        min(maxRetry, 2 * pow(2, Double(max(0, attempts - 1))))
    }
}
