public import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// The property folders of an inbox: its direct subfolders, as `scan`, polling and
/// reconciliation all see them.
public enum InboxListing {
    /// Paths of the property folders directly under `inbox`, sorted. Hidden names, OS litter and
    /// our own outputs are skipped, and so are symlinks: a link could lead outside the inbox.
    public static func propertyFolders(in inbox: String) throws(SystemCallError) -> [String] {
        guard let handle = opendir(inbox) else { throw SystemCallError(call: "opendir(\(inbox))", errno: errno) }
        defer { closedir(handle) }
        var folders: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in FileName.decode(raw.prefix { $0 != 0 }) }
            guard name != ".", name != "..", !FileRules.isSilentlyIgnored(name) else { continue }
            let path = inbox + "/" + name
            var info = stat()
            if FileName.withSystemPath(path, { lstat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFDIR { folders.append(path) }
        }
        return folders.sorted()
    }

    /// A snapshot of every property folder, by path. This `lstat`s every file in the inbox
    /// (about a second for 10,000 folders), so callers run it off Swift's cooperative pool.
    public static func snapshots(in inbox: String) throws(SystemCallError) -> [String: FolderSnapshot] {
        var snapshots: [String: FolderSnapshot] = [:]
        for folder in try propertyFolders(in: inbox) {
            snapshots[folder] = FolderSnapshot.take(of: folder)  // nil: vanished meanwhile
        }
        return snapshots
    }
}
