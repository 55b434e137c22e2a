public import Foundation
public import FolderWatch
public import PropertyCore

/// A file found in a property folder, before hashing.
public struct FoundFile: Sendable, Equatable {
    public var relativePath: String
    public var kind: FileRules.Kind
    public var bytes: Int64
    public var mtimeNs: Int64
    public var inode: Int64
}

/// The first stage: what is in the folder, what is refused and what is ignored.
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

    /// Classifies one `lstat` snapshot of `folder`: a symlink is never followed, so nothing
    /// outside the folder is ever read.
    public static func scan(folder: URL) throws -> FolderInventory {
        guard let snapshot = FolderSnapshot.take(of: folder.path) else {
            throw PipelineError.system(.unreadableFolder, "\(folder.path) cannot be read")  // errno: EACCES, ENOENT …
        }
        return classify(snapshot)
    }

    public static func classify(_ snapshot: FolderSnapshot) -> FolderInventory {
        var inventory = FolderInventory()
        var candidates: [FoundFile] = []
        inventory.hasReadyMarker = snapshot.hasReadyMarker
        for entry in snapshot.entries {
            let path = entry.relativePath
            switch entry.kind {
            case .directory:
                continue
            case .symlink:
                inventory.refused.append(ProcessingIssue(stage: .inventory, input: path, problem: .link))
            case .other:
                inventory.refused.append(ProcessingIssue(stage: .inventory, input: path, problem: .notRegularFile))
            case .file:
                guard let kind = FileRules.kind(of: (path as NSString).lastPathComponent) else {
                    inventory.ignored.append(IgnoredFile(path: path, kind: .notListingFile))
                    continue
                }
                let limit = limit(for: kind)
                if entry.bytes > limit {
                    let problem = FileProblem.tooLarge(megabytes: entry.bytes / 1_048_576, limitMegabytes: limit / 1_048_576)
                    inventory.refused.append(ProcessingIssue(stage: .inventory, input: path, problem: problem))
                } else {
                    candidates.append(FoundFile(relativePath: path, kind: kind, bytes: entry.bytes,
                                                mtimeNs: entry.mtimeNs, inode: entry.inode))
                }
            }
        }
        // The file cap only ever leaves out photos: the description, the agent's notes and the
        // voice memos are what the listing is made of, so they are counted first.
        candidates.sort { $0.relativePath < $1.relativePath }
        let (photos, others) = (candidates.filter { $0.kind == .photo }, candidates.filter { $0.kind != .photo })
        inventory.files = others
        let room = max(0, maxFiles - others.count)
        inventory.files += photos.prefix(room)
        for photo in photos.dropFirst(room) {
            inventory.ignored.append(IgnoredFile(
                path: photo.relativePath,
                kind: .leftOut(maxFiles: maxFiles, photosUsed: room)))
        }
        inventory.files.sort { $0.relativePath < $1.relativePath }
        inventory.ignored.sort { $0.path < $1.path }
        return inventory
    }

    private static func limit(for kind: FileRules.Kind) -> Int64 {
        switch kind {
        case .description, .context: maxTextBytes
        case .audio: maxAudioBytes
        case .photo: maxPhotoBytes
        }
    }
}
