import BlockingIO
import ContentHash
import Foundation

/// What result.json and listing.md held when they were published (their SHA-256), kept in the
/// stage cache under the publish fingerprint. The outputs are the daemon's: a file that no longer
/// matches was edited by hand and is written again.
struct PublishedDigest: Codable, Sendable, Equatable {
    var result: String?
    var listing: String?

    static func cacheKey(_ fingerprint: String) -> String { "published-files:" + fingerprint }

    static func onDisk(_ publisher: Publisher) async -> PublishedDigest {
        let (result, listing) = (publisher.resultURL.path, publisher.listingURL.path)
        return await BlockingExecutor.shared.run {
            PublishedDigest(result: try? ContentHash.sha256(ofFileAt: result), listing: try? ContentHash.sha256(ofFileAt: listing))
        }
    }

    static func record(_ fingerprint: String, publisher: Publisher, cache: StageCache) async throws {
        try await cache.store(await onDisk(publisher), stage: "publish", key: cacheKey(fingerprint))
    }

    /// False when either file differs from what was published. Nothing recorded (published by an
    /// older version) counts as unchanged.
    static func matches(_ fingerprint: String, publisher: Publisher, cache: StageCache) async throws -> Bool {
        guard let recorded = try await cache.stored(key: cacheKey(fingerprint), as: PublishedDigest.self) else { return true }
        return await onDisk(publisher) == recorded
    }
}
