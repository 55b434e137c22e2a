import FolderWatch
import Foundation
import Logging
@testable import Pipeline
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's heartbeat on a manual clock, heard through a real `sd_notify` datagram socket:
/// READY once, a watchdog ping at half systemd's interval (not before), the STATUS line when it
/// changes, and the seconds since the loop last ticked for `/healthz`.
struct DaemonHeartbeatTests {
    /// A bound Unix datagram socket, as systemd's `$NOTIFY_SOCKET`.
    final class NotifySocket {
        let path: String
        let fd: Int32

        init(in directory: URL) throws {
            path = directory.appendingPathComponent("notify").path
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            try #require(fd >= 0 && bound == 0)
        }

        deinit { close(fd) }

        /// Every datagram waiting now (never blocks).
        func received() -> [String] {
            var messages: [String] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                guard count > 0 else { return messages }
                messages.append(String(decoding: buffer[..<count], as: UTF8.self))
            }
        }
    }

    @Test func readyThenWatchdogAtHalfTheIntervalThenTheStatusLineWhenItChanges() async throws {
        let sandbox = try Sandbox()
        let socket = try NotifySocket(in: sandbox.root)
        let clock = ManualWallClock(wall: 1_796_639_520)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let settings = try Settings.assemble(Settings.Flags(stateDirectory: sandbox.state.path, offline: true), environment: [:])
        let runtime = try PipelineRuntime(settings: settings, logger: logger, clock: clock)
        let notifier = SystemdNotifier(socketPath: socket.path, watchdogMicroseconds: 2_000_000)
        let queue = WorkQueue(maxConcurrent: 1) { _ in }
        let heartbeat = DaemonHeartbeat(notifier: notifier, inbox: sandbox.inbox.path, runtime: runtime, queue: queue)

        await heartbeat.ready()
        #expect(socket.received() == ["READY=1\nSTATUS=watching 0 folders, 0 processing"])

        clock.advance(by: 0.5)
        _ = await heartbeat.tick()
        #expect(socket.received().isEmpty, "no ping before half the watchdog interval")
        clock.advance(by: 0.5)
        _ = await heartbeat.tick()
        #expect(socket.received() == ["WATCHDOG=1"])

        // A folder appears; the status line follows at the next refresh (every 5 s), once.
        try await runtime.processor.lifecycle.waiting(try sandbox.folder("villa", ["description.txt": "Villa".utf8Data]))
        clock.advance(by: 4)
        _ = await heartbeat.tick()
        #expect(socket.received() == ["WATCHDOG=1", "STATUS=watching 1 folder, 0 processing"])
        clock.advance(by: 5)
        _ = await heartbeat.tick()
        #expect(socket.received() == ["WATCHDOG=1"], "an unchanged status line is not sent again")

        clock.advance(by: 12)
        #expect(await heartbeat.secondsSinceTick() == 12)
    }
}
