import FolderWatch
import PipelineStore

/// The manifest of a publish (`PublishedOutput` rows) in the terms the checks use (`OutputStamp`).
enum OutputManifest {
    /// What is at `relativePaths` in the folder now; a path that cannot be read is left out.
    static func record(_ relativePaths: [String], folderPath: String) -> [PublishedOutput] {
        relativePaths.compactMap { relative in
            OutputStamp.of(fileAt: folderPath + "/" + relative).map {
                PublishedOutput(folderPath: folderPath, relativePath: relative, bytes: $0.bytes, mtimeNs: $0.mtimeNs, sha256: $0.sha256)
            }
        }
    }

    static func stamps(_ outputs: [PublishedOutput]) -> [String: OutputStamp] {
        Dictionary(outputs.map { ($0.relativePath, OutputStamp(bytes: $0.bytes, mtimeNs: $0.mtimeNs, sha256: $0.sha256)) },
                   uniquingKeysWith: { first, _ in first })
    }
}
