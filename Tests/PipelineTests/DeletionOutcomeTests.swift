import FolderWatch
import Foundation
@testable import Pipeline
import PropertyCore
import Testing

/// Deletion is an outcome (issue 24): a folder whose run stopped on entries leaving it gets
/// nothing written until it has been quiet for the settle window.
@Suite struct DeletionOutcomeTests {
    @Test func aFolderThatLostEntriesIsLeftAloneUntilQuietForTheSettleWindow() async throws {
        let sandbox = try Sandbox()
        let runtime = try sandbox.runtime(configuration: "[watch]\nsettle_seconds = 5\n")
        // File times are real: the clock starts at the real time and is moved by hand from there.
        let clock = ManualWallClock(wall: Date().timeIntervalSince1970)
        let lifecycle = FolderLifecycle(store: runtime.store, configuration: runtime.configuration, logger: runtime.logger, clock: clock)
        let processor = try FolderProcessor(store: runtime.store, configuration: runtime.configuration, logger: runtime.logger,
                                            lifecycle: lifecycle)
        let folder = try sandbox.folder("villa", ["description.txt": "Villa for rent in Rawai, 3 bedrooms, 80,000 THB/month".utf8Data])
        let path = folder.standardizedFileURL.path

        lifecycle.waitForQuiet(path, removed: "IMG_1.jpg")
        guard case .losingEntries = await lifecycle.run(folder, with: processor) else { Issue.record("ran while not quiet"); return }
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["description.txt"])
        #expect(lifecycle.takeDueRetries().isEmpty)

        clock.advance(by: 6)
        #expect(lifecycle.takeDueRetries() == [path])
        guard case .finished(let outcome) = await lifecycle.run(folder, with: processor) else { Issue.record("not run once quiet"); return }
        #expect(outcome.state == .done || outcome.state == .needsAttention)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("result.json").path))
    }
}
