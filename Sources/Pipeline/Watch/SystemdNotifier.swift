public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd how the daemon is doing over `$NOTIFY_SOCKET` (the sd_notify protocol: one
/// datagram of `KEY=value` lines; no libsystemd needed): `READY=1` once the start-up
/// reconciliation is done (Type=notify), a `STATUS=` line `systemctl status` shows, `WATCHDOG=1`
/// from the event loop (a stuck loop stops the pings and systemd restarts the daemon), and
/// `STOPPING=1` on a stop, or on SIGHUP `RELOADING=1` then `READY=1` (never `STOPPING=1`: systemd
/// would stop a service that says so in a reload). Without a socket (not under systemd) every call does nothing.
public struct SystemdNotifier: Sendable {
    /// The socket path; a leading "@" names an abstract socket.
    let socketPath: String?
    /// How often systemd expects `WATCHDOG=1`, when the unit sets WatchdogSec=.
    public let watchdogInterval: Duration?

    public init(socketPath: String?, watchdogMicroseconds: UInt64?) {
        self.socketPath = socketPath.flatMap { $0.isEmpty ? nil : $0 }
        self.watchdogInterval = watchdogMicroseconds.map { .microseconds(Int64($0)) }
    }

    public var isActive: Bool { socketPath != nil }

    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    public func status(_ text: String) { send("STATUS=\(text)") }
    public func watchdog() { send("WATCHDOG=1") }
    public func stopping() { send("STOPPING=1\nSTATUS=stopping") }
    /// systemd (253+, and `Type=notify-reload`) wants the CLOCK_MONOTONIC time of the request
    /// with it; the reload ends at the next `READY=1`.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        send("RELOADING=1\nMONOTONIC_USEC=\(microseconds)\nSTATUS=reloading the configuration")
    }

    /// One datagram, never blocking: a slow or missing systemd must not stall the daemon.
    public func send(_ message: String) {
        guard let socketPath else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socketPath.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count)
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL), socketAddress, length) }
            }
        }
    }
}
