import Foundation
import FolderWatch
import Testing
import TestSupport

struct InotifyTests {
    /// Kept alive for the test's duration, removed after.
    let scratch: TemporaryDirectory

    init() throws { scratch = try TemporaryDirectory("inotify") }

    func temporaryDirectory() throws -> URL {
        let url = scratch.appending(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func events(_ inotify: Inotify, until done: ([Inotify.Event]) -> Bool) throws -> [Inotify.Event] {
        var all: [Inotify.Event] = []
        let deadline = Date().addingTimeInterval(5)
        while !done(all) && Date() < deadline { all += try inotify.read(timeoutMilliseconds: 100) }
        return all
    }

    @Test func reportsCloseWriteRenamesIntoTheFolderAndNewSubfolders() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inotify = try Inotify()
        let watch = try inotify.addWatch(path: directory.path)

        try Data("x".utf8).write(to: directory.appendingPathComponent("IMG_1.jpg.filepart"))
        try FileManager.default.moveItem(at: directory.appendingPathComponent("IMG_1.jpg.filepart"),
                                         to: directory.appendingPathComponent("IMG_1.jpg"))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("photos"), withIntermediateDirectories: false)
        let seen = try events(inotify) { $0.contains { $0.name == "photos" } }
        #expect(seen.allSatisfy { $0.watch == watch })
        #expect(seen.contains { $0.name == "IMG_1.jpg.filepart" && $0.mask & 0x8 != 0 })  // IN_CLOSE_WRITE
        #expect(seen.contains { $0.name == "IMG_1.jpg" && $0.isArrival })                  // IN_MOVED_TO
        #expect(seen.contains { $0.name == "photos" && $0.isDirectory && $0.isArrival })
    }

    @Test func aDeletedDirectoryDropsItsWatch() throws {
        let directory = try temporaryDirectory()
        let inotify = try Inotify()
        _ = try inotify.addWatch(path: directory.path)
        try FileManager.default.removeItem(at: directory)
        let seen = try events(inotify) { $0.contains(where: \.isWatchGone) }
        #expect(seen.contains { $0.isSelfGone })
        #expect(seen.contains { $0.isWatchGone })
    }

    @Test func watchingAMissingPathThrowsTheRealErrno() throws {
        let inotify = try Inotify()
        #expect(throws: SystemCallError.self) { try inotify.addWatch(path: "/nonexistent/inbox") }
        do {
            _ = try inotify.addWatch(path: "/nonexistent/inbox")
        } catch {
            #expect(error.errno == ENOENT)
            #expect(error.description.contains("No such file"))
        }
    }

    @Test func snapshotsSkipOurOutputsAndNoticeUploadsInProgress() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["description.txt", "result.json", "_STATUS.txt", ".DS_Store", "READY"] {
            try Data("x".utf8).write(to: directory.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("_listing/photos"), withIntermediateDirectories: true)
        var snapshot = try #require(FolderSnapshot.take(of: directory.path))
        #expect(snapshot.entries.map(\.relativePath) == ["description.txt"])
        #expect(snapshot.hasReadyMarker && !snapshot.uploading)
        try Data("x".utf8).write(to: directory.appendingPathComponent("pool.jpg.part"))
        snapshot = try #require(FolderSnapshot.take(of: directory.path))
        #expect(snapshot.uploading)
    }
}

struct DaemonLockTests {
    @Test func aSecondLockOnTheSameStateDirectoryIsRefusedWithThePid() throws {
        let scratch = try TemporaryDirectory("lock")
        let directory = scratch.url
        var first: DaemonLock? = try DaemonLock(directory: directory.path)
        #expect(first != nil)
        do {
            _ = try DaemonLock(directory: directory.path)
            Issue.record("second lock was granted")
        } catch let held as DaemonLock.Held {
            #expect(held.otherPid == String(getpid()))
        }
        first = nil
        _ = try DaemonLock(directory: directory.path)  // released with its owner
    }
}

struct WorkQueueTests {
    actor Log {
        var starts: [String] = []
        var concurrent = 0
        var maxConcurrent = 0
        func begin(_ folder: String) { starts.append(folder); concurrent += 1; maxConcurrent = max(maxConcurrent, concurrent) }
        func end() { concurrent -= 1 }
    }

    /// Holds jobs until the test opens it, so the test decides what is "while processing".
    actor Gate {
        var open = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        func pass() async {
            if open { return }
            await withCheckedContinuation { waiters.append($0) }
        }
        func release() {
            open = true
            waiters.forEach { $0.resume() }
            waiters.removeAll()
        }
    }

    @Test func boundsConcurrencyAndRerunsAFolderChangedWhileProcessingOnce() async throws {
        let log = Log()
        let gate = Gate()
        let queue = WorkQueue(maxConcurrent: 2) { folder in
            await log.begin(folder)
            await gate.pass()
            await log.end()
        }
        for folder in ["a", "b", "c", "d"] { await queue.enqueue(folder) }
        #expect(await queue.runningFolders == ["a", "b"])
        await queue.enqueue("a")  // changed while being processed
        await queue.enqueue("a")  // and again: still only one re-run
        await gate.release()
        await queue.waitUntilIdle()
        let starts = await log.starts
        #expect(starts.filter { $0 == "a" }.count == 2)
        #expect(starts.count == 5)
        #expect(await log.maxConcurrent == 2)
    }
}
