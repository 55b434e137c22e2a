import Foundation
import PhotoProcessing
import TestSupport

/// Where this target's test inputs live and a scratch directory per test.
enum TestFiles {
    /// Small photos made for particular cases (ICC profile, GPS in HEIC, transparency).
    static let fixtures = Repository.fixtures.appendingPathComponent("photos")

    /// The EXIF orientation set, or `PHOTO_ORIENTATION_FIXTURES` when another one should be used.
    static var orientationFixtures: URL {
        if let override = ProcessInfo.processInfo.environment["PHOTO_ORIENTATION_FIXTURES"] {
            return URL(fileURLWithPath: override)
        }
        return Repository.orientationPhotos
    }

    static func scratchDirectory(_ label: String = #function) throws -> URL {
        let safe = label.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("photo-tests-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Renders `sourcePath` and writes both JPEGs where the test looks at them.
    static func render(sourcePath: String, largePath: String, thumbPath: String,
                       options: RenderOptions = RenderOptions()) throws(PhotoError) -> RenderedPhoto {
        let images = try PhotoRenderer.render(fileAt: sourcePath, options: options)
        try! Data(images.large).write(to: URL(fileURLWithPath: largePath))
        try! Data(images.thumb).write(to: URL(fileURLWithPath: thumbPath))
        return images.photo
    }

    /// Runs a tool from PATH and returns its standard output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        try ProcessRunner.run(tool, arguments).stdout
    }
}
