import Foundation
import Testing
import TestSupport

/// One process works on an inbox at a time: a `scan` or `process` beside a running daemon, or a
/// second daemon with another state directory, is refused with the running pid.
@Suite(.serialized) struct InboxLockTests {
    @Test func scanProcessAndASecondDaemonAreRefusedWhileADaemonWatches() throws {
        let cli = CLITests()
        let root = try cli.copyOfExamples()
        defer { try? FileManager.default.removeItem(at: root) }
        let inbox = root.appendingPathComponent("inbox")
        let log = root.appendingPathComponent("daemon.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let daemon = Process()
        daemon.executableURL = CLITests.executable
        daemon.arguments = ["watch", inbox.path, "--state-dir", root.appendingPathComponent("state-a").path, "--offline"]
        daemon.standardError = try FileHandle(forWritingTo: log)
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate(); daemon.waitUntilExit() } }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains(" watching") {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let pid = "pid \(daemon.processIdentifier)"
        let otherState = root.appendingPathComponent("state-b").path

        let scan = try cli.run(["scan", inbox.path, "--state-dir", otherState, "--offline"])
        #expect(scan.status != 0 && scan.stderr.contains(pid) && !scan.stderr.contains("Usage:"), "\(scan.combined)")
        let process = try cli.run(["process", inbox.appendingPathComponent("villa-rawai-12").path, "--state-dir", otherState, "--offline"])
        #expect(process.status != 0 && process.stderr.contains(pid), "\(process.combined)")
        let second = try cli.run(["watch", inbox.path, "--state-dir", otherState, "--offline"])
        #expect(second.status != 0 && second.stderr.contains(pid), "\(second.combined)")

        daemon.terminate()
        daemon.waitUntilExit()
        // Released with its owner: the same scan now runs.
        let after = try cli.run(["scan", inbox.path, "--state-dir", otherState, "--offline"])
        #expect(after.status == 0, "\(after.combined)")
    }
}
