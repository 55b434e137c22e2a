import Foundation
import Testing
import TestSupport

/// SIGHUP reloads the configuration: the daemon keeps its pid and runs with the new settings; a
/// configuration with a mistake is refused and the daemon keeps running with the old one.
@Suite(.serialized) struct ReloadTests {
    @Test func sighupAppliesTheNewSettleWindowWithoutLosingThePid() throws {
        let root = try TemporaryDirectory("pi-reload")
        let inbox = root.appending("inbox"), config = root.appending("config.toml")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try "[watch]\nsettle_seconds = 600\n".write(to: config, atomically: true, encoding: .utf8)
        let logFile = root.appending("daemon.log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let daemon = Process()
        daemon.executableURL = CLITests.executable
        daemon.arguments = ["watch", inbox.path, "--state-dir", root.appending("state").path, "--config", config.path, "--offline"]
        daemon.standardError = try FileHandle(forWritingTo: logFile)
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate(); daemon.waitUntilExit() } }
        func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
        func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline { if condition() { return true }; Thread.sleep(forTimeInterval: 0.05) }
            return condition()
        }
        #expect(waitFor(30) { log().contains("settle_seconds=600") })

        // No READY: with a 600 s window this folder would wait ten minutes.
        let folder = inbox.appendingPathComponent("condo")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Condo for rent, 2 bedrooms, 25,000 THB/month".write(to: folder.appendingPathComponent("description.txt"),
                                                                  atomically: false, encoding: .utf8)
        // A mistake first: refused, the daemon stays up with the old settings.
        try "[watch]\nsettle_secnds = 1\n".write(to: config, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(waitFor(30) { log().contains("still running with the previous one") }, "\(log())")
        #expect(daemon.isRunning)

        try "[watch]\nsettle_seconds = 1\n".write(to: config, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(waitFor(60) { FileManager.default.fileExists(atPath: folder.appendingPathComponent("result.json").path) }, "\(log())")
        #expect(daemon.isRunning, "the daemon exited on SIGHUP")
        #expect(log().contains("settle_seconds=1.0"))

        daemon.terminate()
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0, "\(log())")
    }
}
