import ContentHash
import PipelineStore
import PropertyCore

/// An input file with its content hash.
struct HashedFile: Sendable, Equatable {
    var relativePath: String
    var kind: FileRules.Kind
    var bytes: Int64
    var sha256: String
}

/// Hashes the inventory's files, reusing stored hashes for files whose size, mtime and inode
/// have not changed since they were last hashed.
enum InputHashing {
    struct Outcome {
        var files: [HashedFile]
        var records: [InputRecord]
        var problems: [(path: String, message: String)]
        /// Number of files that had to be read and hashed.
        var hashedCount: Int
    }

    static func hash(_ found: [FoundFile], folderPath: String, known: [InputRecord]) -> Outcome {
        let byPath = Dictionary(known.map { ($0.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
        var outcome = Outcome(files: [], records: [], problems: [], hashedCount: 0)
        for file in found {
            let sha: String
            if let old = byPath[file.relativePath], old.bytes == file.bytes, old.mtimeNs == file.mtimeNs,
               old.inode == file.inode {
                sha = old.sha256
            } else {
                do {
                    sha = try FileName.withSystemPath(folderPath + "/" + file.relativePath) {
                        try ContentHash.sha256(ofFileAtSystemPath: $0)
                    }
                    outcome.hashedCount += 1
                } catch {
                    outcome.problems.append((file.relativePath, "could not be read: \(error)"))
                    continue
                }
            }
            outcome.files.append(HashedFile(relativePath: file.relativePath, kind: file.kind, bytes: file.bytes, sha256: sha))
            outcome.records.append(InputRecord(folderPath: folderPath, relativePath: file.relativePath, kind: file.kind.rawValue,
                                               bytes: file.bytes, mtimeNs: file.mtimeNs, inode: file.inode, sha256: sha))
        }
        return outcome
    }
}
