#if canImport(Glibc)
import Glibc
#endif

/// One daemon per state directory: an exclusive `flock` on `watch.lock`, held until exit.
/// The kernel drops the lock when the process dies, even by `kill -9`, so a stale file never
/// blocks a restart.
public final class DaemonLock: Sendable {
    private let descriptor: Int32

    public struct Held: Error, CustomStringConvertible {
        public var directory: String
        public var otherPid: String
        public var description: String {
            "another property-inbox watch (pid \(otherPid)) is already running with the state directory \(directory); stop it first, or use another --state-dir"
        }
    }

    public init(directory: String) throws {
        let path = directory + "/watch.lock"
        descriptor = try SystemCallError.check("open(\(path))") { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            close(descriptor)
            if code == EWOULDBLOCK {
                let pid = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                throw Held(directory: directory, otherPid: pid.isEmpty ? "unknown" : pid)
            }
            throw SystemCallError(call: "flock(\(path))", errno: code)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

private extension Set<Character> {
    static var whitespacesAndNewlines: Set<Character> { [" ", "\n", "\t", "\r"] }
}
