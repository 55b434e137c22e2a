import Foundation
import PhotoProcessing
import PropertyCore

/// What the photo stage knows about one photo.
struct PhotoStageOutput: Codable, Sendable, Equatable {
    var source: String
    var info: PhotoInfo?
    /// Why the photo cannot be used, in words for the agent; nil when it is fine.
    var problem: String?
}

/// Stage 2: read each photo's header and EXIF. One bad photo never fails the folder.
enum PhotoStage {
    static let version = 1

    static func key(for file: HashedFile) -> String {
        StageCache.key("photos", version: version, parts: [file.sha256])
    }

    static func run(file: HashedFile, folder: URL) -> PhotoStageOutput {
        let path = folder.appendingPathComponent(file.relativePath).path
        do {
            let info = try PhotoInspector.inspect(fileAt: path)
            return PhotoStageOutput(source: file.relativePath, info: info, problem: nil)
        } catch {
            return PhotoStageOutput(source: file.relativePath, info: nil, problem: error.message)
        }
    }

    /// Entries for result.json; the cover is the first usable landscape photo, else the first usable.
    static func entries(_ outputs: [PhotoStageOutput]) -> [PhotoEntry] {
        var entries = outputs.map { output -> PhotoEntry in
            guard let info = output.info else {
                return PhotoEntry(source: output.source, quality: "unusable", issues: [output.problem ?? "could not be read"])
            }
            var issues: [String] = []
            if max(info.width, info.height) < 800 {
                issues.append("small (\(info.width)×\(info.height) px); a photo of at least 1600 px looks much better on the website")
            }
            return PhotoEntry(source: output.source, width: info.uprightWidth, height: info.uprightHeight,
                              quality: issues.isEmpty ? "ok" : "low", issues: issues)
        }
        let usable = entries.indices.filter { entries[$0].quality != "unusable" }
        let cover = usable.first { (entries[$0].width ?? 0) > (entries[$0].height ?? 0) && entries[$0].quality == "ok" }
            ?? usable.first
        if let cover { entries[cover].cover = true }
        return entries
    }
}
