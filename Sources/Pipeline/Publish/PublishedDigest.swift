import BlockingIO
import ContentHash
import Foundation

/// What result.json and each language's page held when they were published (their SHA-256), kept in the
/// stage cache under the publish fingerprint. The outputs are the daemon's: a file that no longer
/// matches was edited by hand and is written again.
struct PublishedDigest: Codable, Sendable, Equatable {
    var result: String?
    var listing: String?
    /// The other languages' pages (`listing.th.md` …) by file name. nil in a digest recorded by a
    /// version that did not check them.
    var translations: [String: String]?

    static func cacheKey(_ fingerprint: String) -> String { "published-files:" + fingerprint }

    static func onDisk(_ publisher: Publisher) async -> PublishedDigest {
        let (result, listing) = (publisher.resultURL.path, publisher.listingURL.path)
        let translations = publisher.pages.dropFirst().map(\.url)
        return await BlockingExecutor.shared.run {
            PublishedDigest(result: try? ContentHash.sha256(ofFileAt: result), listing: try? ContentHash.sha256(ofFileAt: listing),
                            translations: Dictionary(translations.map { ($0.lastPathComponent, (try? ContentHash.sha256(ofFileAt: $0.path)) ?? "") },
                                                     uniquingKeysWith: { first, _ in first }))
        }
    }

    static func record(_ fingerprint: String, publisher: Publisher, cache: StageCache) async throws {
        try await cache.store(await onDisk(publisher), stage: "publish", key: cacheKey(fingerprint))
    }

    /// False when any published file differs from what was published. Nothing recorded (published
    /// by an older version) counts as unchanged.
    static func matches(_ fingerprint: String, publisher: Publisher, cache: StageCache) async throws -> Bool {
        guard let recorded = try await cache.stored(key: cacheKey(fingerprint), as: PublishedDigest.self) else { return true }
        let current = await onDisk(publisher)
        return current.result == recorded.result && current.listing == recorded.listing
            && (recorded.translations == nil || current.translations == recorded.translations)
    }
}
