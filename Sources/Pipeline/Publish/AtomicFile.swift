public import Foundation
import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// The one way this program writes a file: a reader sees the old content or the new, never half
/// of it. Temp file in the same folder (named so the inventory and the watcher ignore it, and
/// never like an upload in progress), then rename.
public enum AtomicFile {
    public enum Durability: Sendable {
        /// fsync the file and its folder before returning: for what the database records as
        /// published (result.json, listing.md, status files).
        case durable
        /// Rename only: for derived photos, which a crash can only leave old or new, and which are
        /// re-derived from the originals when missing.
        case replaceable
    }

    public static func write(_ data: Data, to url: URL, durability: Durability = .durable) throws {
        // A folder losing entries gets no new one: it may be a client deleting it.
        try RemovalWatch.checkBeforeWriting(to: url.path)
        let directory = url.deletingLastPathComponent().path
        // Shortened so a target name near NAME_MAX still leaves room for the temp name's additions.
        let tempName = FileRules.ownTempPrefix + FileName.fitting(url.lastPathComponent, limit: 200)
            + "-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temp = directory + "/" + tempName
        let fd = FileName.withSystemPath(temp) { open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { throw PipelineError.system(.writeFailed, "cannot create \(FileName.display(temp))") }
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
        guard ok, durability == .replaceable || fsync(fd) == 0 else {
            let error = PipelineError.system(.writeFailed, "cannot write \(FileName.display(url.path))")
            close(fd)
            FileSystem.removeFile(temp)
            throw error
        }
        close(fd)
        // Checked again just before the name appears: a photo takes a while to write.
        do {
            try RemovalWatch.checkBeforeWriting(to: url.path)
        } catch {
            FileSystem.removeFile(temp)
            throw error
        }
        let renamed = FileName.withSystemPath(temp) { from in FileName.withSystemPath(url.path) { rename(from, $0) } }
        guard renamed == 0 else {
            let error = PipelineError.system(.writeFailed, "cannot replace \(FileName.display(url.path))")
            FileSystem.removeFile(temp)
            throw error
        }
        try RemovalWatch.checkAfterWriting(to: url.path)
        guard durability == .durable else { return }
        // Make the rename itself durable before the database records the publish.
        let dirfd = FileName.withSystemPath(directory) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
