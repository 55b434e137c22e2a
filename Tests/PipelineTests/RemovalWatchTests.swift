import Foundation
@testable import Pipeline
import Testing

/// A folder losing entries while it is processed gets no new entry (issue 24): every write asks
/// the run's `RemovalWatch` first.
@Suite struct RemovalWatchTests {
    @Test func aWriteIntoAFolderThatLostAnEntryIsRefused() throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("villa", ["description.txt": "Villa".utf8Data, "IMG_1.jpg": "x".utf8Data])
        let watch = RemovalWatch.begin(folder: folder.path)
        defer { watch.end() }
        try AtomicFile.write("first", to: folder.appendingPathComponent("_STATUS.txt"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("IMG_1.jpg"))
        #expect(throws: PipelineError.self) { try AtomicFile.write("second", to: folder.appendingPathComponent("_STATUS.txt")) }
        FileSystem.makeOutputFolder(folder.appendingPathComponent("_listing"), subfolders: ["photos"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("_listing").path))
        #expect(watch.removedEntry == "IMG_1.jpg")
        // The status this run created is taken back by the watch's own thread, with no write to wait for.
        let status = folder.appendingPathComponent("_STATUS.txt").path
        let deadline = Date().addingTimeInterval(5)
        while FileManager.default.fileExists(atPath: status), Date() < deadline { usleep(5_000) }
        #expect(!FileManager.default.fileExists(atPath: status))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["description.txt"])
    }

    @Test func ourOwnRenamesAndCleanUpsAreNotDeletions() throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("villa", ["description.txt": "Villa".utf8Data])
        let watch = RemovalWatch.begin(folder: folder.path)
        defer { watch.end() }
        FileSystem.makeOutputFolder(folder.appendingPathComponent("_listing"), subfolders: ["photos"])
        let stale = folder.appendingPathComponent("_listing/photos/01-old.jpg")
        try AtomicFile.write(Data("x".utf8), to: stale, durability: .replaceable)
        try AtomicFile.write(Data("y".utf8), to: stale, durability: .replaceable)
        FileSystem.removeOwnFile(stale.path)
        try AtomicFile.write("status", to: folder.appendingPathComponent("_STATUS.txt"))
        #expect(watch.removedEntry == nil)
        // A derived photo deleted by someone else, inside `_listing/photos/` made during the run.
        try AtomicFile.write(Data("x".utf8), to: stale, durability: .replaceable)
        try FileManager.default.removeItem(at: stale)
        #expect(watch.removedEntry == "_listing/photos/01-old.jpg")
    }

    @Test func anotherFolderIsNotHeldByThisOnesRemovals() throws {
        let sandbox = try Sandbox()
        let villa = try sandbox.folder("villa", ["a.jpg": "x".utf8Data])
        let villa2 = try sandbox.folder("villa2", ["b.jpg": "x".utf8Data])
        let watch = RemovalWatch.begin(folder: villa.path)
        defer { watch.end() }
        try FileManager.default.removeItem(at: villa.appendingPathComponent("a.jpg"))
        try AtomicFile.write("ok", to: villa2.appendingPathComponent("_STATUS.txt"))
    }

    /// A client listed the folder before this run wrote anything, then deletes what it listed: the
    /// run takes back what it created, and the client's `rmdir` succeeds. What the folder already
    /// had (the last run's outputs) is not touched.
    @Test func aRunStoppedByRemovalsTakesBackWhatItCreatedAndNothingElse() throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("villa", ["description.txt": "Villa".utf8Data, "IMG_1.jpg": "x".utf8Data,
                                                  "result.json": "{}".utf8Data, "_listing/photos/01-a.jpg": "x".utf8Data])
        let listed = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let watch = RemovalWatch.begin(folder: folder.path)
        defer { watch.end() }
        try AtomicFile.write("processing", to: folder.appendingPathComponent("_STATUS.txt"))
        try AtomicFile.write("page", to: folder.appendingPathComponent("listing.th.md"))
        FileSystem.makeOutputFolder(folder.appendingPathComponent("_listing"), subfolders: ["photos", "thumbs"])
        try AtomicFile.write(Data("y".utf8), to: folder.appendingPathComponent("_listing/thumbs/01-a.jpg"), durability: .replaceable)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("IMG_1.jpg"))
        #expect(watch.removedEntry == "IMG_1.jpg")

        watch.takeBackOwnCreations()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["_listing", "description.txt", "result.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("_listing").path) == ["photos"])
        #expect(Set(listed).isSuperset(of: left))
    }
}
