import FolderWatch
import Foundation
import GRDB
import Logging
@testable import Pipeline
import PipelineStore
import PropertyCore
import Synchronization
import Testing
import TestSupport

/// A clock the test moves by hand: wall time for what people read, monotonic time for retries.
final class ManualWallClock: WallClock {
    private let times: Mutex<(wall: Double, monotonic: Double)>
    init(wall: Double) { times = Mutex((wall, 1_000)) }
    func now() -> Double { times.withLock { $0.wall } }
    func monotonic() -> Double { times.withLock { $0.monotonic } }
    func advance(by seconds: Double) { times.withLock { $0.wall += seconds; $0.monotonic += seconds } }
}

/// `FolderLifecycle` is the one owner of a folder's state: scan and watch drive the same
/// transitions through it, so they write the same bytes; retries run on an injected clock.
struct FolderLifecycleTests {
    /// 7 Dec 2026, 17:32 in Bangkok.
    static let moment = 1_796_639_520.0

    struct Setup {
        let sandbox: Sandbox
        let runtime: PipelineRuntime
        let processor: FolderProcessor
        let clock: ManualWallClock
    }

    static func setup(retryFirstSeconds: Double = 30) throws -> Setup {
        let sandbox = try Sandbox()
        let runtime = try sandbox.runtime(configuration: "[watch]\nretry_first_seconds = \(retryFirstSeconds)\n")
        let clock = ManualWallClock(wall: moment)
        let lifecycle = FolderLifecycle(store: runtime.store, configuration: runtime.configuration, logger: runtime.logger, clock: clock)
        let processor = try FolderProcessor(store: runtime.store, configuration: runtime.configuration, logger: runtime.logger,
                                            lifecycle: lifecycle)
        return Setup(sandbox: sandbox, runtime: runtime, processor: processor, clock: clock)
    }

    /// Folders that end in each state: published, needs attention, failed, paused (a server fault:
    /// `_listing` is a file, so no photo can be written), and one still waiting.
    static func makeFolders(in sandbox: Sandbox) throws -> [URL] {
        let photo = try Fixtures.examplePhoto()
        let done = try sandbox.folder("villa-done", [
            "description.txt": "Villa for rent in Rawai, Phuket. 3 bedrooms, 2 bathrooms, 250 sqm. 80,000 THB/month.".utf8Data,
            "IMG_1.jpg": photo,
        ])
        let attention = try sandbox.folder("condo-attention", ["description.txt": "Condo, 2 bedrooms.".utf8Data])
        let failed = try sandbox.folder("junk-failed", ["notes.docx": "x".utf8Data])
        let paused = try sandbox.folder("house-paused", [
            "description.txt": "House for sale in Chalong, 3 bedrooms, 9,500,000 THB".utf8Data, "IMG_1.jpg": photo,
        ])
        try "not a folder".utf8Data.write(to: paused.appendingPathComponent("_listing"))
        return [done, attention, failed, paused]
    }

    static func files(_ folders: [URL], inbox: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for folder in folders {
            files[folder.lastPathComponent] = try Data(contentsOf: folder.appendingPathComponent("_STATUS.txt"))
        }
        files["_INBOX_STATUS.txt"] = try Data(contentsOf: inbox.appendingPathComponent("_INBOX_STATUS.txt"))
        return files
    }

    @Test func scanAndWatchWriteTheSameStatusFilesByteForByte() async throws {
        let scan = try Self.setup(retryFirstSeconds: 600)
        let scanFolders = try Self.makeFolders(in: scan.sandbox)
        let scanner = InboxScanner(processor: scan.processor, store: scan.runtime.store, configuration: scan.runtime.configuration,
                                   logger: scan.runtime.logger)
        let processed = await scanner.processFolders(scanFolders)
        try await scan.processor.lifecycle.writeInboxStatus(scan.sandbox.inbox)

        let watch = try Self.setup(retryFirstSeconds: 600)
        let watchFolders = try Self.makeFolders(in: watch.sandbox)
        let job = FolderJob(processor: watch.processor, rebuildHook: nil)
        for folder in watchFolders { await job.run(folder.path) }
        await InboxStatusRefresher(inbox: watch.sandbox.inbox, lifecycle: watch.processor.lifecycle).writeNow()

        let scanFiles = try Self.files(scanFolders, inbox: scan.sandbox.inbox)
        let watchFiles = try Self.files(watchFolders, inbox: watch.sandbox.inbox)
        #expect(scanFiles.keys.sorted() == watchFiles.keys.sorted())
        for (name, bytes) in scanFiles {
            #expect(bytes == watchFiles[name], "\(name) differs:\n\(String(decoding: bytes, as: UTF8.self))\n---\n\(String(decoding: watchFiles[name] ?? Data(), as: UTF8.self))")
        }
        // The transitions are the ones intended, in the database as in the files.
        let states = Dictionary(uniqueKeysWithValues: try await watch.runtime.store.allFolders().map { ($0.propertyId, $0) })
        #expect(states["villa-done"]?.state == .done)
        #expect(states["condo-attention"]?.state == .needsAttention)
        #expect(states["junk-failed"]?.state == .failed && states["junk-failed"]?.failureCause == .emptyFolder)
        #expect(states["house-paused"]?.state == .paused && states["house-paused"]?.pauseReason == .serverProblem)
        #expect(processed.outcomes.count == 3 && processed.errors.map(\.0) == ["house-paused"])
        let inbox = String(decoding: watchFiles["_INBOX_STATUS.txt"]!, as: UTF8.self)
        #expect(inbox.contains("Updated: 7 Dec 2026, 17:32"), "\(inbox)")
        #expect(inbox.contains("house-paused     Paused — will resume by itself — a temporary problem on our server"), "\(inbox)")
        let paused = String(decoding: watchFiles["house-paused"]!, as: UTF8.self)
        #expect(paused.contains("we will try again automatically at about 17:42"), "\(paused)")
    }

    /// The retry schedule runs on the injected clock: nothing is due before its time, the delay
    /// doubles with each failure, and a success forgets the folder.
    @Test func pausedFoldersAreRetriedOnTheClockNotBefore() async throws {
        let setup = try Self.setup(retryFirstSeconds: 30)
        let lifecycle = setup.processor.lifecycle
        let folder = try setup.sandbox.folder("villa", ["description.txt": "Villa".utf8Data])
        #expect(await lifecycle.paused(folder, reason: .diskFull, detail: "ENOSPC") == 30)
        #expect(lifecycle.takeDueRetries().isEmpty)
        setup.clock.advance(by: 29)
        #expect(lifecycle.takeDueRetries().isEmpty)
        setup.clock.advance(by: 1)
        #expect(lifecycle.takeDueRetries() == [folder.path])
        #expect(lifecycle.takeDueRetries().isEmpty, "taken once")
        #expect(await lifecycle.paused(folder, reason: .diskFull, detail: "ENOSPC") == 60)
        let record = try #require(try await setup.runtime.store.folder(at: folder.path))
        #expect(record.state == .paused && record.pauseReason == .diskFull)
        let status = try String(contentsOf: folder.appendingPathComponent("_STATUS.txt"), encoding: .utf8)
        #expect(status.contains("the server's disk is full"), "\(status)")

        // The folder's next run publishes: the schedule forgets it.
        _ = await lifecycle.run(folder, with: setup.processor)
        setup.clock.advance(by: 3_600)
        #expect(lifecycle.takeDueRetries().isEmpty)
        #expect(try await setup.runtime.store.folder(at: folder.path)?.pauseReason == nil)
    }

    /// `_INBOX_STATUS.txt` is rewritten at most once a second, and only after a change.
    @Test func theInboxSummaryIsRefreshedAtMostOnceASecond() async throws {
        let setup = try Self.setup()
        let lifecycle = setup.processor.lifecycle
        let refresher = InboxStatusRefresher(inbox: setup.sandbox.inbox, lifecycle: lifecycle)
        let summary = setup.sandbox.inbox.appendingPathComponent("_INBOX_STATUS.txt")
        let folder = try setup.sandbox.folder("villa", ["description.txt": "Villa".utf8Data])
        try await lifecycle.waiting(folder)
        await refresher.refreshIfDue()
        #expect(try String(contentsOf: summary, encoding: .utf8).contains("villa         Waiting for the upload to finish"))
        try FileManager.default.removeItem(at: summary)

        await lifecycle.paused(folder, reason: .cannotOpen, detail: "EACCES")
        setup.clock.advance(by: 0.5)
        await refresher.refreshIfDue()
        #expect(!FileManager.default.fileExists(atPath: summary.path), "not twice within a second")
        setup.clock.advance(by: 0.5)
        await refresher.refreshIfDue()
        #expect(try String(contentsOf: summary, encoding: .utf8).contains("the folder cannot be opened (permission denied)"))
        try FileManager.default.removeItem(at: summary)
        setup.clock.advance(by: 5)
        await refresher.refreshIfDue()
        #expect(!FileManager.default.fileExists(atPath: summary.path), "nothing changed")
    }

    /// A paused folder stays in `_INBOX_STATUS.txt` even when the database could not record it.
    @Test func theInboxSummaryShowsWhatTheDatabaseCouldNotRecord() async throws {
        let setup = try Self.setup()
        let lifecycle = setup.processor.lifecycle
        let folder = try setup.sandbox.folder("villa", ["description.txt": "Villa".utf8Data])
        let database = setup.sandbox.state.appendingPathComponent("state.sqlite")
        try await setup.runtime.store.database.writer.write { db in try db.execute(sql: "PRAGMA query_only = 1") }
        await lifecycle.paused(folder, reason: .diskFull, detail: "SQLITE_FULL")
        try await lifecycle.writeInboxStatus(setup.sandbox.inbox)
        let summary = try String(contentsOf: setup.sandbox.inbox.appendingPathComponent("_INBOX_STATUS.txt"), encoding: .utf8)
        #expect(summary.contains("villa         Paused — will resume by itself — the server's disk is full"), "\(summary)")
        #expect(FileManager.default.fileExists(atPath: database.path))
    }
}
