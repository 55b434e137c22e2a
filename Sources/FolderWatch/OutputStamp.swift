import ContentHash
import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// What one output held when it was published (the manifest's size, mtime and SHA-256), and the
/// check that the file still holds it. A `stat` first; the file is hashed only when its size is
/// right but its mtime moved, so a start-up over thousands of published photos reads almost none.
public struct OutputStamp: Sendable, Equatable {
    public var bytes: Int64
    /// nil in a manifest recorded before hashes were kept: the size alone is checked.
    public var mtimeNs: Int64?
    public var sha256: String?

    public init(bytes: Int64, mtimeNs: Int64? = nil, sha256: String? = nil) {
        self.bytes = bytes
        self.mtimeNs = mtimeNs
        self.sha256 = sha256
    }

    /// The file at `path` now (nil when it cannot be stat'ed or hashed).
    public static func of(fileAt path: String) -> OutputStamp? {
        var info = stat()
        guard FileName.withSystemPath(path, { lstat($0, &info) }) == 0,
              let sha256 = try? FileName.withSystemPath(path, { try ContentHash.sha256(ofFileAtSystemPath: $0) }) else { return nil }
        return OutputStamp(bytes: Int64(info.st_size), mtimeNs: nanoseconds(info.st_mtim), sha256: sha256)
    }

    /// False when the file is gone, has another size, or (its mtime moved) other bytes.
    public func matchesFile(at path: String) -> Bool {
        var info = stat()
        guard FileName.withSystemPath(path, { lstat($0, &info) }) == 0, Int64(info.st_size) == bytes else { return false }
        guard let mtimeNs, let sha256, Self.nanoseconds(info.st_mtim) != mtimeNs else { return true }
        return (try? FileName.withSystemPath(path) { try ContentHash.sha256(ofFileAtSystemPath: $0) }) == sha256
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
