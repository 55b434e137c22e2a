import Foundation
@testable import Pipeline
import PhotoProcessing
import Testing

/// Which failures are the server's passing trouble (tried again, never remembered) and which only
/// a person can change, from real failures where the machine can produce them.
struct FailureCauseTests {
    @Test func aWriteIntoAFolderThatIsGoneIsTransientAndSaysSo() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("gone-\(UUID().uuidString)/result.json")
        let error = try #require(throws: PipelineError.self) { try AtomicFile.write("x", to: missing) }
        #expect(error.errno == ENOENT)
        #expect(FailureCause.of(error) == .transient("a file or folder disappeared during the run"))
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
        #expect(FailureCause.of(InputsNotRead(files: text.unreadable)) == .transient("description.txt could not be read just now"))
    }

    @Test func photosNotRenderedAreRetriedWithTheirReason() {
        let error = PhotosNotRendered(count: 2, firstProblem: "IMG_1.jpg: the photo's web copy could not be written: the server's disk is full")
        #expect(FailureCause.of(error) == .transient("IMG_1.jpg: the photo's web copy could not be written: the server's disk is full"))
    }

    @Test(arguments: [(ENOSPC, "the server's disk is full"), (EDQUOT, "the server's disk is full"),
                      (EACCES, "a file or folder could not be opened (permission denied)"), (EIO, "a disk error")])
    func systemErrorsInPlainWords(number: Int32, words: String) {
        #expect(FailureCause.of(PipelineError(.writeFailed, "cannot write", errno: number)) == .transient(words))
    }

    @Test func aFolderThatIsNoLongerAFolderOrABadConfigurationIsNotRetried() {
        #expect(FailureCause.of(PipelineError(.notAFolder, "gone")) == .permanent)
        #expect(FailureCause.of(PipelineError(.template, "syntax error")) == .permanent)
    }
}
