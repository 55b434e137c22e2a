import Foundation
import Testing

/// The daemon as an operator runs it: a real process, real inotify, real signals.
@Suite(.serialized) struct WatchCommandTests {
    func makeInbox() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pi-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        return root
    }

    func startDaemon(root: URL, extra: [String] = []) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = ["watch", root.appendingPathComponent("inbox").path,
                             "--state-dir", root.appendingPathComponent("state").path, "--settle", "1", "--offline"] + extra
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    /// Reads the daemon's log until it says it is watching (the inbox watch is in place and the
    /// start-up reconciliation done), so the test does not guess with a sleep.
    func waitUntilWatching(_ log: Pipe) -> Bool {
        var text = ""
        while !text.contains(" watching") {
            let data = log.fileHandleForReading.availableData
            if data.isEmpty { return false }  // the daemon exited
            text += String(decoding: data, as: UTF8.self)
        }
        return true
    }

    func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    @Test func processesNewFoldersOnceAndStopsOnSIGTERM() throws {
        let root = try makeInbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let (daemon, log) = try startDaemon(root: root)
        defer { if daemon.isRunning { daemon.terminate() } }
        #expect(waitUntilWatching(log))

        // Written in place, no READY: processed once the settle window has passed.
        let settled = root.appendingPathComponent("inbox/villa-settle")
        try FileManager.default.createDirectory(at: settled, withIntermediateDirectories: true)
        try "Villa for rent in Kata, 3 bedrooms, 90,000 THB/month".write(
            to: settled.appendingPathComponent("description.txt"), atomically: false, encoding: .utf8)
        // Built elsewhere and moved into the inbox in one rename, with READY.
        let staging = root.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try "Condo for sale in Patong, 1 bedroom, 3.9M THB".write(to: staging.appendingPathComponent("description.txt"),
                                                                 atomically: false, encoding: .utf8)
        FileManager.default.createFile(atPath: staging.appendingPathComponent("READY").path, contents: Data())
        try FileManager.default.moveItem(at: staging, to: root.appendingPathComponent("inbox/condo-moved"))

        for name in ["villa-settle", "condo-moved"] {
            let result = root.appendingPathComponent("inbox/\(name)/result.json")
            #expect(waitFor(20) { FileManager.default.fileExists(atPath: result.path) }, "\(name) was not processed")
        }
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("inbox/_INBOX_STATUS.txt").path))

        // A second daemon on the same state directory is refused with a clear message.
        let (second, secondErr) = try startDaemon(root: root)
        second.waitUntilExit()
        let message = String(decoding: secondErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(second.terminationStatus != 0)
        #expect(message.contains("already running"))

        let stopAsked = Date()
        daemon.terminate()  // SIGTERM
        #expect(waitFor(10) { !daemon.isRunning }, "the daemon did not stop within 10 s")
        #expect(Date().timeIntervalSince(stopAsked) < 10)
        #expect(daemon.terminationStatus == 0)

        // Nothing was published twice.
        let (status, output) = try sqlite(root.appendingPathComponent("state/state.sqlite").path,
                                          "SELECT property_id, publish_count FROM folder ORDER BY property_id")
        #expect(status == 0)
        #expect(output == "condo-moved|1\nvilla-settle|1\n")
    }

    @Test func aRestartFindsFoldersThatArrivedWhileItWasDown() throws {
        let root = try makeInbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("inbox/house-offline")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "House for rent in Chalong, 2 bedrooms, 35,000 THB/month".write(
            to: folder.appendingPathComponent("description.txt"), atomically: false, encoding: .utf8)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("READY").path, contents: Data())
        let (daemon, _) = try startDaemon(root: root)
        defer { if daemon.isRunning { daemon.terminate() } }
        #expect(waitFor(20) { FileManager.default.fileExists(atPath: folder.appendingPathComponent("result.json").path) })
        daemon.terminate()
        daemon.waitUntilExit()
    }

    /// `scan` has no events: /proc says a photo is still open for writing, so the folder waits
    /// however old its last write, and the stalled upload is named in _STATUS.txt.
    @Test func scanLeavesAFolderWithAFileOpenForWritingAloneAndNamesTheStall() throws {
        let root = try makeInbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let inbox = root.appendingPathComponent("inbox")
        let folder = inbox.appendingPathComponent("villa-open")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Villa for rent in Kata, 3 bedrooms, 90,000 THB/month".write(
            to: folder.appendingPathComponent("description.txt"), atomically: false, encoding: .utf8)
        try Data([0xFF, 0xD8, 0xFF]).write(to: folder.appendingPathComponent("IMG_1.jpg"))
        let tenMinutesAgo = Date().addingTimeInterval(-600)
        for name in ["description.txt", "IMG_1.jpg"] {
            try FileManager.default.setAttributes([.modificationDate: tenMinutesAgo], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.currentDirectoryURL = folder
        writer.arguments = ["-c", "exec 3>>IMG_1.jpg; echo open; exec sleep 30"]
        let opened = Pipe()
        writer.standardOutput = opened
        try writer.run()
        defer { if writer.isRunning { kill(writer.processIdentifier, SIGKILL); writer.waitUntilExit() } }
        _ = opened.fileHandleForReading.availableData  // "open"

        let state = root.appendingPathComponent("state").path
        let cli = CLITests()
        let waiting = try cli.run(["scan", inbox.path, "--state-dir", state, "--settle", "1", "--offline"],
                                  environment: ["PROPERTY_INBOX_STALLED_UPLOAD_MINUTES": "5"])
        #expect(waiting.status == 0)
        #expect(waiting.stdout.contains("villa-open: waiting"), "\(waiting.stdout)\n\(waiting.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("result.json").path))
        let status = try String(contentsOf: folder.appendingPathComponent("_STATUS.txt"), encoding: .utf8)
        #expect(status.contains("IMG_1.jpg has been uploading since") && status.contains("without progress"), "\(status)")

        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        let done = try cli.run(["scan", inbox.path, "--state-dir", state, "--settle", "1", "--offline"])
        #expect(done.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("result.json").path), "\(done.stdout)")
    }

    func sqlite(_ database: String, _ query: String) throws -> (Int32, String) {
        let script = "import sqlite3, sys\nfor row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print('|'.join(map(str, row)))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, database, query]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
