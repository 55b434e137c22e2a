public import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// One `lstat` pass over a property folder: what is there, how big, how new. Links are reported,
/// never followed. Our own outputs, hidden files and OS litter are skipped; upload temp names
/// are noted (the folder is still being uploaded) but not listed.
public struct FolderSnapshot: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case file, directory, symlink, other }
        public var relativePath: String
        public var kind: Kind
        public var bytes: Int64
        public var mtimeNs: Int64
        public var inode: Int64

        public init(relativePath: String, kind: Kind, bytes: Int64, mtimeNs: Int64, inode: Int64) {
            self.relativePath = relativePath
            self.kind = kind
            self.bytes = bytes
            self.mtimeNs = mtimeNs
            self.inode = inode
        }
    }

    public init() {}

    public var entries: [Entry] = []
    public var hasReadyMarker = false
    /// An upload temp file (`*.filepart`, `*.part` …) is present.
    public var uploading = false
    /// Newest modification time of the agent's files, in ns; of the folder itself only while it
    /// is empty. Folder mtimes are left out on purpose: our own outputs change them.
    public var newestChangeNs: Int64 = 0
    /// No file of the agent's, nor one arriving: an empty folder (or one emptied by a deletion)
    /// gets no status and no run until something is uploaded.
    public var hasNothingUploaded: Bool { !uploading && entries.allSatisfy { $0.kind == .directory } }
    /// Subfolders (relative paths), for adding watches.
    public var directories: [String] { entries.filter { $0.kind == .directory }.map(\.relativePath) }

    public static let maxDepth = 4

    /// Returns nil when the folder itself cannot be read (gone, or permission denied).
    public static func take(of folder: String) -> FolderSnapshot? {
        var snapshot = FolderSnapshot()
        var info = stat()
        guard FileName.withSystemPath(folder, { lstat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        guard walk(root: folder, relative: "", depth: 0, into: &snapshot) else { return nil }
        if snapshot.entries.isEmpty { snapshot.newestChangeNs = nanoseconds(info.st_mtim) }
        return snapshot
    }

    private static func walk(root: String, relative: String, depth: Int, into snapshot: inout FolderSnapshot) -> Bool {
        let directory = relative.isEmpty ? root : root + "/" + relative
        guard let handle = FileName.withSystemPath(directory, { opendir($0) }) else { return false }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in FileName.decode(raw.prefix { $0 != 0 }) }
            if name != "." && name != ".." { names.append(name) }
        }
        for name in names.sorted() {
            if relative.isEmpty && name == FileRules.readyMarker { snapshot.hasReadyMarker = true; continue }
            if FileRules.isUploadTemp(name) { snapshot.uploading = true; continue }
            if FileRules.isSilentlyIgnored(name) { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard FileName.withSystemPath(directory + "/" + name, { lstat($0, &info) }) == 0 else { continue }  // vanished meanwhile
            let kind: Entry.Kind = switch info.st_mode & S_IFMT {
            case S_IFREG: .file
            case S_IFDIR: .directory
            case S_IFLNK: .symlink
            default: .other
            }
            let mtime = nanoseconds(info.st_mtim)
            if kind != .directory { snapshot.newestChangeNs = max(snapshot.newestChangeNs, mtime) }
            snapshot.entries.append(Entry(relativePath: path, kind: kind, bytes: Int64(info.st_size), mtimeNs: mtime,
                                          inode: Int64(info.st_ino)))
            if kind == .directory && depth + 1 < maxDepth {
                _ = walk(root: root, relative: path, depth: depth + 1, into: &snapshot)
            }
        }
        return true
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Identity (path, size, mtime, inode) of the files the pipeline reads — equal stamps mean
    /// nothing it uses changed. Files it does not use (a PDF floor plan) are left out so they do
    /// not make a finished folder look changed forever.
    public var fileStamps: Set<FileStamp> {
        Set(entries.filter { $0.kind == .file && FileRules.kind(of: lastComponent($0.relativePath)) != nil }.map {
            FileStamp(relativePath: $0.relativePath, bytes: $0.bytes, mtimeNs: $0.mtimeNs, inode: $0.inode)
        })
    }
}

private func lastComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

public struct FileStamp: Hashable, Sendable {
    public var relativePath: String
    public var bytes: Int64
    public var mtimeNs: Int64
    public var inode: Int64

    public init(relativePath: String, bytes: Int64, mtimeNs: Int64, inode: Int64) {
        self.relativePath = relativePath
        self.bytes = bytes
        self.mtimeNs = mtimeNs
        self.inode = inode
    }
}
