import Foundation
@testable import Pipeline
import PhotoProcessing
import PipelineStore
import PropertyCore
import Testing

/// Which failures are the server's passing trouble (tried again, never remembered) and which only
/// a person can change, from real failures where the machine can produce them.
struct RunFailureTests {
    @Test func aWriteIntoAFolderThatIsGoneIsTransientAndSaysSo() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("gone-\(UUID().uuidString)/result.json")
        let error = try #require(throws: PipelineError.self) { try AtomicFile.write("x", to: missing) }
        #expect(error.errno == ENOENT)
        #expect(RunFailure.of(error) == .transient(.serverProblem, detail: "a file or folder disappeared during the run (\(error))"))
    }

    @Test func aPhotoThatCannotBeOpenedIsNotHeldAgainstItsBytes() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("gone-\(UUID().uuidString).jpg").path
        let error = try #require(throws: PhotoError.self) { try PhotoRenderer.render(fileAt: missing) }
        #expect(error.kind == .sourceMissing && error.isTransient)
        let output = PhotoStageOutput(source: "a.jpg", problem: error.message, retryLater: error.isTransient ? true : nil)
        #expect(!output.isCacheable)
    }

    @Test func aDescriptionGoneBetweenHashingAndReadingIsRetriedNotKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agent-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("Condo for rent, 2 bedrooms".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let files = [HashedFile(relativePath: "description.txt", kind: .description, bytes: 10, sha256: "x"),
                     HashedFile(relativePath: "notes.txt", kind: .context, bytes: 26, sha256: "y")]
        let text = try AgentText.read(files, folder: folder)
        #expect(text.unreadable == ["description.txt"] && text.issues.isEmpty)
        #expect(RunFailure.of(InputsNotRead(files: text.unreadable)) == .transient(.cannotOpen, detail: "description.txt could not be read just now"))
    }

    /// Several hosts: the shared folder history not answering pauses the folder like a busy SQLite
    /// file (the real failure, from an unreachable server: PipelineStoreTests' SharedFolderHistoryTests).
    @Test func theSharedHistoryNotAnsweringIsTheDatabasesTrouble() {
        #expect(RunFailure.of(SharedStoreFailure("no answer from PostgreSQL in 5 s"))
                == .transient(.database, detail: "the shared database did not answer (no answer from PostgreSQL in 5 s)"))
    }

    @Test func photosNotRenderedAreRetriedWithTheirReason() {
        let error = PhotosNotRendered(count: 2, firstProblem: "IMG_1.jpg: the photo's web copy could not be written: the server's disk is full",
                                      reason: .diskFull)
        #expect(RunFailure.of(error) == .transient(.diskFull, detail: "2 photo(s) could not be processed: IMG_1.jpg: the photo's web copy could not be written: the server's disk is full"))
    }

    @Test(arguments: [(ENOSPC, PauseReason.diskFull), (EDQUOT, .diskFull), (EACCES, .cannotOpen), (EPERM, .cannotOpen),
                      (EROFS, .diskReadOnly), (EIO, .diskError), (EMFILE, .serverProblem)])
    func systemErrorsAreTypedPauseReasons(number: Int32, reason: PauseReason) {
        let error = PipelineError(.writeFailed, "cannot write", errno: number)
        #expect(RunFailure.of(error) == .transient(reason, detail: "\(RunFailure.phrase(errno: number)) (cannot write)"))
    }

    @Test func aFolderThatIsNoLongerAFolderOrABadConfigurationIsNotRetried() {
        #expect(RunFailure.of(PipelineError(.notAFolder, "gone")) == .permanent(.serverSetup, detail: "gone"))
        #expect(RunFailure.of(PipelineError(.template, "syntax error")) == .permanent(.serverSetup, detail: "syntax error"))
    }
}
