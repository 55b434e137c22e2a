import BlockingIO
import ContentHash
import Foundation
import PropertyCore

/// What result.json and each language's page held when they were published (their SHA-256, and
/// the bytes themselves), kept in the stage cache under the publish fingerprint. The outputs are
/// the daemon's: a file that no longer matches was edited by hand and is written again.
struct PublishedDigest: Codable, Sendable, Equatable {
    var result: String?
    var listing: String?
    /// The other languages' pages (`listing.th.md` …) by file name. nil in a digest recorded by a
    /// version that did not check them.
    var translations: [String: String]?
    /// Each file's bytes by file name, to write back exactly the ones edited or removed (a few KB
    /// each). nil in a digest recorded by a version that did not keep them.
    var copies: [String: Data]?

    static func cacheKey(_ fingerprint: String) -> String { "published-files:" + fingerprint }

    static func onDisk(_ publisher: Publisher, keepingCopies: Bool = false) async -> PublishedDigest {
        let (result, listing) = (publisher.resultURL.path, publisher.listingURL.path)
        let translations = publisher.pages.dropFirst().map(\.url)
        let all = [publisher.resultURL] + publisher.pages.map(\.url)
        return await BlockingExecutor.shared.run {
            PublishedDigest(result: try? ContentHash.sha256(ofFileAt: result), listing: try? ContentHash.sha256(ofFileAt: listing),
                            translations: Dictionary(translations.map { ($0.lastPathComponent, (try? ContentHash.sha256(ofFileAt: $0.path)) ?? "") },
                                                     uniquingKeysWith: { first, _ in first }),
                            copies: keepingCopies ? Dictionary(all.compactMap { url in FileSystem.contents(of: url.path).map { (url.lastPathComponent, $0) } },
                                                               uniquingKeysWith: { first, _ in first }) : nil)
        }
    }

    static func record(_ fingerprint: String, publisher: Publisher, cache: StageCache) async throws {
        try await cache.store(await onDisk(publisher, keepingCopies: true), stage: "publish", key: cacheKey(fingerprint))
    }

    /// False when any published file differs from what was published. Nothing recorded (published
    /// by an older version) counts as unchanged.
    static func matches(_ fingerprint: String, publisher: Publisher, cache: StageCache) async throws -> Bool {
        guard let recorded = try await cache.stored(key: cacheKey(fingerprint), as: PublishedDigest.self) else { return true }
        let current = await onDisk(publisher)
        return current.result == recorded.result && current.listing == recorded.listing
            && (recorded.translations == nil || current.translations == recorded.translations)
    }

    /// What `writeBack` wrote: files that were there with other bytes, and files that were gone.
    struct WrittenBack: Sendable {
        var edited: [String] = []
        var missing: [String] = []
        var isEmpty: Bool { edited.isEmpty && missing.isEmpty }
    }

    /// Writes the published bytes of `fingerprint` over each of result.json and the pages that no
    /// longer holds them: no rendering, so `processed_at` and `lastmod` stay as published. Nothing
    /// is written when no copies were kept (an older version's publish).
    static func writeBack(_ fingerprint: String, publisher: Publisher, cache: StageCache) async throws -> WrittenBack {
        guard let copies = try await cache.stored(key: cacheKey(fingerprint), as: PublishedDigest.self)?.copies,
              Set(copies.keys) == Set(([publisher.resultURL] + publisher.pages.map(\.url)).map(\.lastPathComponent)) else { return WrittenBack() }
        let folder = publisher.folder
        return try await BlockingExecutor.shared.run {
            var written = WrittenBack()
            // The pages first, result.json last, as a publish writes them.
            for (name, bytes) in copies.sorted(by: { ($0.key == "result.json" ? 1 : 0, $0.key) < ($1.key == "result.json" ? 1 : 0, $1.key) }) {
                let url = folder.appendingPathComponent(name)
                guard let onDisk = FileSystem.contents(of: url.path) else {
                    try publisher.ensureFolderUnmoved()
                    try AtomicFile.write(bytes, to: url)
                    written.missing.append(name)
                    continue
                }
                guard onDisk != bytes else { continue }
                try publisher.ensureFolderUnmoved()
                try AtomicFile.write(bytes, to: url)
                written.edited.append(name)
            }
            return written
        }
    }
}
