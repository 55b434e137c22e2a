import Foundation
import PhotoProcessing
@testable import Pipeline
import Testing
import TestSupport

struct DerivedPhotosTests {
    @Test func oneBadPhotoIsItsOwnResultAndTheOthersAreWritten() async throws {
        let directory = try TemporaryDirectory("derived-photos")
        try Data("not a photo".utf8).write(to: directory.appending("bad.jpg"))
        let sources = [Repository.orientationPhotos.appendingPathComponent("Portrait_5.jpg").path,
                       directory.appending("bad.jpg").path,
                       Repository.orientationPhotos.appendingPathComponent("Landscape_2.jpg").path]
        let jobs = sources.enumerated().map { index, source in
            RenderJob(sourcePath: source, largePath: directory.appending("\(index).jpg").path,
                      thumbPath: directory.appending("\(index)-thumb.jpg").path)
        }
        let results = await DerivedPhotos.render(jobs)
        #expect(results.count == 3)
        #expect((try? results[0].get())?.height == 1568)
        #expect((try? results[2].get())?.width == 1568)
        guard case .failure(let error) = results[1] else { Issue.record("the text file rendered"); return }
        #expect(error.kind == .notAnImage)
        #expect(FileManager.default.fileExists(atPath: jobs[2].thumbPath))
        #expect(!FileManager.default.fileExists(atPath: jobs[1].largePath))
        // Nothing half-written or temporary is left beside the outputs.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["0-thumb.jpg", "0.jpg", "2-thumb.jpg", "2.jpg", "bad.jpg"])
    }

    /// More photos than threads: every one comes back, in order.
    @Test func manyPhotosComeBackInOrder() async throws {
        let directory = try TemporaryDirectory("derived-photos")
        let names = (0...8).map { "Landscape_\($0).jpg" }
        let jobs = names.enumerated().map { index, name in
            RenderJob(sourcePath: Repository.orientationPhotos.appendingPathComponent(name).path,
                      largePath: directory.appending("\(index).jpg").path, thumbPath: directory.appending("\(index)-t.jpg").path)
        }
        let results = await DerivedPhotos.render(jobs)
        #expect(results.map { (try? $0.get())?.info.orientation } == [1, 1, 2, 3, 4, 5, 6, 7, 8])
    }
}
