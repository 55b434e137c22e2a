import Foundation
import Testing
import TestSupport

/// Agents' photos are decoded in worker processes: odd-sized HEICs (which used to abort the whole
/// process) are published, and a decoder that crashes or hangs costs that photo only — under
/// `scan` and under the `watch` daemon, which keeps running and never retries the same bytes.
@Suite(.serialized) struct PhotoIsolationTests {
    static let shapes = Repository.fixtures.appendingPathComponent("photos/shapes")
    /// Turns on the workers' test-only fault trigger and keeps a hang short (yet long enough for
    /// a debug build to render a real photo on a loaded machine).
    static let faults = ["PROPERTY_INBOX_TEST_WORKER_FAULTS": "1", "PROPERTY_INBOX_PHOTO_TIMEOUT": "10"]

    func makeFolder(_ root: URL, _ name: String, photos: [String: Data]) throws -> URL {
        let folder = root.appendingPathComponent("inbox/\(name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Condo for rent in Patong, 2 bedrooms, 30,000 THB/month".write(
            to: folder.appendingPathComponent("description.txt"), atomically: false, encoding: .utf8)
        for (file, data) in photos { try data.write(to: folder.appendingPathComponent(file)) }
        FileManager.default.createFile(atPath: folder.appendingPathComponent("READY").path, contents: Data())
        return folder
    }

    func fixture(_ name: String) throws -> Data { try Data(contentsOf: Self.shapes.appendingPathComponent(name)) }
    func orientationPhoto(_ name: String) throws -> Data { try Data(contentsOf: Repository.orientationPhotos.appendingPathComponent(name)) }

    /// The photos of a published result.json: source → (derived photo, issues).
    func photos(_ folder: URL) throws -> [String: (photo: String?, issues: [String])] {
        let data = try Data(contentsOf: folder.appendingPathComponent("result.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let entries = json?["photos"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: entries.map { entry in
            (entry["source"] as? String ?? "", (entry["photo"] as? String, entry["issues"] as? [String] ?? []))
        })
    }

    @Test func scanPublishesOddSizedHEICsWithAndWithoutAlphaBesideAJPEG() throws {
        let root = try TemporaryDirectory("pi-odd-heic")
        let folder = try makeFolder(root.url, "condo-odd", photos: [
            "odd.heic": try fixture("heic-420-67x45.heic"), "odd-alpha.heic": try fixture("heic-alpha-67x45.heic"),
            "rotated-mono.heic": try fixture("heic-mono-67x45-rot90.heic"), "normal.jpg": try orientationPhoto("Landscape_1.jpg"),
        ])
        let scan = try ProcessRunner.run(CLITests.executable.path, ["scan", root.appending("inbox").path,
                                                                     "--state-dir", root.appending("state").path, "--offline"])
        #expect(scan.status == 0, "\(scan.combined)")
        let published = try photos(folder)
        #expect(published.count == 4)
        for (source, entry) in published {
            #expect(entry.photo != nil, "\(source): \(entry.issues)")
        }
    }

    @Test func scanReportsACrashingPhotoAndPublishesTheRest() throws {
        let root = try TemporaryDirectory("pi-crash-scan")
        let folder = try makeFolder(root.url, "villa-crash", photos: [
            "crash.jpg": Data("PI-TEST-CRASH and then some bytes".utf8), "odd.heic": try fixture("heic-420-67x44.heic"),
        ])
        let scan = try ProcessRunner.run(CLITests.executable.path, ["scan", root.appending("inbox").path,
                                                                     "--state-dir", root.appending("state").path, "--offline"],
                                         environment: Self.faults)
        #expect(scan.status == 0, "\(scan.combined)")
        let published = try photos(folder)
        #expect(published["odd.heic"]?.photo != nil)
        #expect(published["crash.jpg"]?.photo == nil)
        #expect(published["crash.jpg"]?.issues == ["the file is damaged and could not be read"])
        let status = try String(contentsOf: folder.appendingPathComponent("_STATUS.txt"), encoding: .utf8)
        #expect(status.contains("crash.jpg: the file is damaged and could not be read"), "\(status)")
        #expect(status.contains("What to do: Re-export or re-upload the photo as a normal JPEG."), "\(status)")
        // The operator's log names the signal, the decoder and the file's hash.
        #expect(scan.stderr.contains("photo not rendered") && scan.stderr.contains("signal 6") && scan.stderr.contains("sha256="),
                "\(scan.stderr)")
    }

    // MARK: watch

    final class Daemon {
        let process = Process()
        let log: URL

        init(root: URL, environment: [String: String]) throws {
            log = root.appendingPathComponent("daemon-\(UUID().uuidString.prefix(6)).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = CLITests.executable
            process.arguments = ["watch", root.appendingPathComponent("inbox").path,
                                 "--state-dir", root.appendingPathComponent("state").path, "--settle", "1", "--offline"]
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardError = try FileHandle(forWritingTo: log)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        }

        var text: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }

        deinit { stop() }
    }

    func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool { WatchCommandTests().waitFor(seconds, condition) }

    @Test func theDaemonSurvivesACrashingAndAHangingPhotoAndNeverRetriesThem() throws {
        let root = try TemporaryDirectory("pi-poison-watch")
        try FileManager.default.createDirectory(at: root.appending("inbox"), withIntermediateDirectories: true)
        let daemon = try Daemon(root: root.url, environment: Self.faults)
        #expect(waitFor(20) { daemon.text.contains(" watching") }, "\(daemon.text)")

        let poisoned = try makeFolder(root.url, "villa-poisoned", photos: [
            "crash.jpg": Data("PI-TEST-CRASH 1".utf8), "hang.jpg": Data("PI-TEST-HANG 1".utf8),
            "good.heic": try fixture("heic-alpha-66x44.heic"),
        ])
        let other = try makeFolder(root.url, "condo-other", photos: ["front.jpg": try orientationPhoto("Portrait_6.jpg")])
        for folder in [poisoned, other] {
            #expect(waitFor(60) { FileManager.default.fileExists(atPath: folder.appendingPathComponent("result.json").path) },
                    "\(folder.lastPathComponent) was not published: \(daemon.text)")
        }
        #expect(daemon.process.isRunning, "the daemon died: \(daemon.text)")
        let published = try photos(poisoned)
        #expect(published["good.heic"]?.photo != nil)
        for bad in ["crash.jpg", "hang.jpg"] {
            #expect(published[bad]?.photo == nil && published[bad]?.issues.first == "the file is damaged and could not be read", "\(bad)")
        }
        #expect(try photos(other)["front.jpg"]?.photo != nil)
        #expect(daemon.text.components(separatedBy: "photo not rendered").count - 1 == 2, "\(daemon.text)")
        #expect(daemon.text.contains("no answer within 10.0 s"))
        daemon.stop()
        #expect(daemon.process.terminationStatus == 0)

        // After a restart, a new photo makes the folder run again: the poisoned files' outcomes
        // come from the cache (keyed by their content hash) and no worker sees them again.
        let restarted = try Daemon(root: root.url, environment: Self.faults)
        #expect(waitFor(20) { restarted.text.contains(" watching") }, "\(restarted.text)")
        try fixture("heic-420-67x45.heic").write(to: poisoned.appendingPathComponent("new.heic"))
        #expect(waitFor(60) { ((try? photos(poisoned))?["new.heic"]?.photo) != nil }, "\(restarted.text)")
        #expect(restarted.process.isRunning)
        #expect(!restarted.text.contains("photo not rendered"), "\(restarted.text)")
        let again = try photos(poisoned)
        #expect(again["crash.jpg"]?.photo == nil && again["hang.jpg"]?.photo == nil && again["good.heic"]?.photo != nil)
        restarted.stop()
    }
}
