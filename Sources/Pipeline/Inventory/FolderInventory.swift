public import Foundation
public import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// A file found in a property folder, before hashing.
public struct FoundFile: Sendable, Equatable {
    public var relativePath: String
    public var kind: FileRules.Kind
    public var bytes: Int64
    public var mtimeNs: Int64
    public var inode: Int64
}

/// The first stage: what is in the folder, what is refused and what is ignored (DESIGN §4.1).
public struct FolderInventory: Sendable, Equatable {
    public var files: [FoundFile] = []
    public var ignored: [IgnoredFile] = []
    /// Refused for safety or size; reported to the agent, never read.
    public var refused: [ProcessingIssue] = []
    public var hasReadyMarker = false

    public static let maxTextBytes: Int64 = 2 * 1024 * 1024
    public static let maxAudioBytes: Int64 = 25 * 1024 * 1024
    public static let maxPhotoBytes: Int64 = 200 * 1024 * 1024
    public static let maxFiles = 1000
    static let maxDepth = 4

    /// Walks `folder` with lstat only: a symlink is never followed, so nothing outside the
    /// folder is ever read.
    public static func scan(folder: URL) throws -> FolderInventory {
        var inventory = FolderInventory()
        try walk(root: folder.path, relative: "", depth: 0, into: &inventory)
        inventory.files.sort { $0.relativePath < $1.relativePath }
        inventory.ignored.sort { $0.path < $1.path }
        return inventory
    }

    private static func walk(root: String, relative: String, depth: Int, into inventory: inout FolderInventory) throws {
        let directory = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            if relative.isEmpty { throw error }
            inventory.refused.append(ProcessingIssue(stage: "inventory", input: relative, message: "this folder could not be read"))
            return
        }
        for name in names {
            if relative.isEmpty && name == FileRules.readyMarker { inventory.hasReadyMarker = true; continue }
            if FileRules.isSilentlyIgnored(name) { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(directory + "/" + name, &info) == 0 else { continue }  // vanished meanwhile
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                inventory.refused.append(ProcessingIssue(
                    stage: "inventory", input: path,
                    message: "is a link to another place, not a real file; links are refused for safety and were not read"))
            case S_IFDIR:
                if depth + 1 >= maxDepth {
                    inventory.ignored.append(IgnoredFile(path: path, reason: "folder nested too deep"))
                } else {
                    try walk(root: root, relative: path, depth: depth + 1, into: &inventory)
                }
            case S_IFREG:
                guard let kind = FileRules.kind(of: name) else {
                    inventory.ignored.append(IgnoredFile(path: path, reason: "not a description, photo or voice memo"))
                    continue
                }
                let bytes = Int64(info.st_size)
                if let limit = limit(for: kind), bytes > limit {
                    inventory.refused.append(ProcessingIssue(
                        stage: "inventory", input: path,
                        message: "is too large (\(bytes / 1_048_576) MB; the limit is \(limit / 1_048_576) MB) and was skipped"))
                    continue
                }
                if inventory.files.count >= maxFiles {
                    inventory.ignored.append(IgnoredFile(path: path, reason: "more than \(maxFiles) files in one folder"))
                    continue
                }
                let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                inventory.files.append(FoundFile(relativePath: path, kind: kind, bytes: bytes, mtimeNs: mtime,
                                                 inode: Int64(info.st_ino)))
            default:
                inventory.refused.append(ProcessingIssue(stage: "inventory", input: path,
                                                         message: "is not a regular file and was not read"))
            }
        }
    }

    private static func limit(for kind: FileRules.Kind) -> Int64? {
        switch kind {
        case .description, .context: maxTextBytes
        case .audio: maxAudioBytes
        case .photo: maxPhotoBytes
        }
    }
}
