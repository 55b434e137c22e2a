import Foundation
import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// File operations on paths held as `FileName` strings (the exact bytes on disk, whatever the
/// name's encoding). Foundation would spell an escaped name in UTF-8 and miss the file, so paths
/// inside property folders go through here.
enum FileSystem {
    /// A folder's identity: the same device and inode mean the same folder, even renamed; a
    /// different inode at the same path is another folder put there since.
    struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    static func identity(of path: String) -> Identity? {
        var info = stat()
        guard FileName.withSystemPath(path, { lstat($0, &info) }) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return FileName.withSystemPath(path, { stat($0, &info) }) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return FileName.withSystemPath(path, { stat($0, &info) }) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The whole file; nil when it cannot be opened or read.
    static func contents(of path: String) -> Data? {
        let fd = FileName.withSystemPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return data }
            data.append(contentsOf: buffer[..<count])
        }
    }

    /// Creates one folder inside an existing one (never its parents: a property folder that was
    /// renamed or deleted must not come back as an empty shell). True when it exists afterwards.
    /// Mode 0777 less the umask: the unit's UMask=0002 keeps `_listing/` group-writable, so the
    /// agents' group can delete a whole folder, outputs included, over Samba.
    @discardableResult
    static func makeDirectory(_ path: String) -> Bool {
        FileName.withSystemPath(path, { mkdir($0, 0o777) }) == 0 || errno == EEXIST
    }

    /// `_listing/` and its subfolders inside a property folder that must already exist.
    /// Nothing is made in a folder losing entries (see `RemovalWatch`); what is made is watched too.
    static func makeOutputFolder(_ url: URL, subfolders: [String] = []) {
        guard (try? RemovalWatch.checkBeforeWriting(to: url.path)) != nil, makeDirectory(url.path) else { return }
        RemovalWatch.noteNewDirectory(url.path)
        for name in subfolders {
            let path = url.appendingPathComponent(name).path
            guard (try? RemovalWatch.checkBeforeWriting(to: path)) != nil, makeDirectory(path) else { return }
            RemovalWatch.noteNewDirectory(path)
        }
    }

    /// Removes a file of our own (a stale derived photo or page): not a deletion by anyone else.
    static func removeOwnFile(_ path: String) {
        RemovalWatch.expectRemoval(of: path)
        removeFile(path)
    }

    static func removeFile(_ path: String) {
        _ = FileName.withSystemPath(path) { unlink($0) }
    }

    /// Names in a folder (not `.` and `..`); empty when it cannot be read.
    static func names(in directory: String) -> [String] {
        guard let handle = FileName.withSystemPath(directory, { opendir($0) }) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in FileName.decode(raw.prefix { $0 != 0 }) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Calls `body` with a path any `String` API opens correctly: the path itself when its bytes
    /// are UTF-8, else `/proc/self/fd/N` for a descriptor of it (for the photo decoders, which
    /// take a path and know nothing of escaped names).
    static func withOpenablePath<Result, Failure: Error>(_ path: String,
                                                         _ body: (String) throws(Failure) -> Result) throws(Failure) -> Result {
        if FileName.isPlain(path) { return try body(path) }
        let fd = FileName.withSystemPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return try body(path) }  // the caller's own open reports what is wrong
        defer { close(fd) }
        return try body("/proc/self/fd/\(fd)")
    }
}
