import FolderWatch
import Foundation
@testable import Pipeline
import PipelineStore
import Testing
import TestSupport

/// The manifest of a publish keeps each output's size, mtime and SHA-256 (issue 24): an output
/// changed by hand without changing its size is found and written back from the cache, with no
/// stage run and no new publish.
@Suite struct OutputManifestTests {
    /// Overwrites the middle of a file with other bytes: same size, a new mtime.
    func editKeepingTheSize(_ url: URL) throws {
        var bytes = try Data(contentsOf: url)
        let middle = bytes.count / 2
        for index in middle..<min(bytes.count, middle + 8) { bytes[index] ^= 0xFF }
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    @Test func aStampIsCheckedByItsStatAndHashedOnlyWhenTheMtimeMoved() throws {
        let sandbox = try Sandbox()
        let file = sandbox.root.appendingPathComponent("listing.md")
        try Data("published text".utf8).write(to: file)
        let published = try #require(OutputStamp.of(fileAt: file.path))
        #expect(published.matchesFile(at: file.path))

        // Same size and mtime: the hash is not read (a wrong one recorded does not matter).
        var wrongHash = published
        wrongHash.sha256 = String(repeating: "0", count: 64)
        #expect(wrongHash.matchesFile(at: file.path))

        // Touched, same bytes: hashed, and still what was published.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file.path)
        #expect(published.matchesFile(at: file.path))
        #expect(!wrongHash.matchesFile(at: file.path))

        // Same size, other bytes, new mtime: changed.
        try editKeepingTheSize(file)
        #expect(!published.matchesFile(at: file.path))

        // A manifest of an older version (no mtime, no hash): the size alone decides.
        #expect(OutputStamp(bytes: published.bytes).matchesFile(at: file.path))
        try FileManager.default.removeItem(at: file)
        #expect(!OutputStamp(bytes: published.bytes).matchesFile(at: file.path))
    }

    @Test func theStoreKeepsEachOutputsMtimeAndHash() async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("villa", ["description.txt": "Pool villa for rent in Kata, 3 bedrooms, 95,000 THB/month.".utf8Data,
                                                  "IMG_1.jpg": try Fixtures.examplePhoto()])
        let runtime = try sandbox.runtime()
        _ = try await runtime.processor.process(folder: folder)
        let outputs = try await runtime.store.publishedOutputs(of: folder.path)
        #expect(Set(outputs.map(\.relativePath)).isSuperset(of: ["result.json", "listing.md", "_listing/photos/01-IMG_1.jpg"]))
        for output in outputs {
            let onDisk = try #require(OutputStamp.of(fileAt: folder.appendingPathComponent(output.relativePath).path))
            #expect(output.bytes == onDisk.bytes && output.mtimeNs == onDisk.mtimeNs && output.sha256 == onDisk.sha256,
                    "\(output.relativePath)")
        }
    }

    @Test(arguments: ["_listing/photos/01-IMG_1.jpg", "_listing/thumbs/01-IMG_1.jpg", "listing.md", "result.json"])
    func anOutputEditedByHandToTheSameSizeIsWrittenBackWithoutAStage(output: String) async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("villa", ["description.txt": "Pool villa for rent in Kata, 3 bedrooms, 95,000 THB/month.".utf8Data,
                                                  "IMG_1.jpg": try Fixtures.examplePhoto()])
        let runtime = try sandbox.runtime()
        _ = try await runtime.processor.process(folder: folder)
        let file = folder.appendingPathComponent(output)
        let published = try Data(contentsOf: file)
        let lastmod = try String(contentsOf: folder.appendingPathComponent("listing.md"), encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("lastmod:") }
        try editKeepingTheSize(file)
        #expect(try Data(contentsOf: file).count == published.count)

        let again = try await runtime.processor.process(folder: folder)
        #expect(try Data(contentsOf: file) == published, "written back with the published bytes")
        #expect(again.stagesRun == ["restore"])
        #expect(try await runtime.store.folder(at: folder.path)?.publishCount == 1)
        #expect(try String(contentsOf: folder.appendingPathComponent("listing.md"), encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("lastmod:") } == lastmod)
        #expect(try await runtime.processor.process(folder: folder).stagesRun.isEmpty, "and then left alone")
    }
}
