import Foundation
import PropertyCore

/// `doctor <inbox>`: property folders this user cannot write (an upload that gave the folder the
/// client's own mode, e.g. `sftp put -r` from a 0755 directory). Checked as the user doctor runs
/// as: run it as the service user.
enum FolderAccessCheck {
    static func run(inbox path: String, spaces: Bool = false) -> Doctor.Check {
        var refused: [String] = []
        for folder in folders(in: path, depth: spaces ? 2 : 1) where access(folder, W_OK | X_OK) != 0 {
            var info = stat()
            _ = stat(folder, &info)
            let owner = getpwuid(info.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "\(info.st_uid)"
            refused.append("\(String(folder.dropFirst(path.count + 1))) (\(owner), mode \(String(info.st_mode & 0o7777, radix: 8)))")
        }
        guard !refused.isEmpty else { return .init(name: "property folders", status: .ok, detail: "every folder can be written") }
        return .init(name: "property folders", status: .failure,
                     detail: "\(refused.count) folder(s) this user cannot write, so their outputs cannot be written: \(refused.prefix(10).joined(separator: "; ")); fix with chmod g+rwx, or grant the service CAP_FOWNER (etc/systemd/property-inbox.service.d/upload-modes.conf)")
    }

    private static func folders(in path: String, depth: Int) -> [String] {
        guard depth > 0, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        var found: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") && !name.hasPrefix("_") {
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            found += depth == 1 ? [child] : folders(in: child, depth: depth - 1)
        }
        return found
    }
}
