public import Foundation
import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that a reader sees the old content or the new, never half of it:
/// temp file in the same folder (named so the inventory and watcher ignore it), fsync, rename.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent().path
        let temp = directory + "/" + FileRules.ownTempPrefix + "\(url.lastPathComponent)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create \(temp)") }
        var written = 0
        let ok: Bool = data.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += count
            }
            return true
        }
        guard ok, fsync(fd) == 0 else {
            let error = failure("cannot write \(url.path)")
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        guard rename(temp, url.path) == 0 else {
            let error = failure("cannot replace \(url.path)")
            unlink(temp)
            throw error
        }
        // Make the rename itself durable before the database records the publish.
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    private static func failure(_ what: String) -> Failure {
        Failure(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
