import FolderWatch
import Foundation
@testable import Pipeline
import PhotoProcessing
import Testing

/// Which photos cut short are an upload still under way (issue 24).
@Suite struct UploadInProgressTests {
    struct Listing: OpenFileListing {
        var open: OpenForWriting
        func filesOpenForWriting(in inbox: String) -> OpenForWriting { open }
    }

    func folder() throws -> (Sandbox, URL, [HashedFile]) {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("villa", ["a.jpg": "half".utf8Data])
        return (sandbox, folder, [HashedFile(relativePath: "a.jpg", kind: .photo, bytes: 4, sha256: "x")])
    }

    let cut = PhotoStageOutput(source: "a.jpg", problem: "cut short", kind: .damaged, cutShort: true)

    @Test func withProcHiddenAPhotoCutShortThatJustChangedWaits() throws {
        let (sandbox, folder, photos) = try folder()
        defer { withExtendedLifetime(sandbox) {} }
        let hidden = Listing(open: OpenForWriting(hiddenProcesses: 3))
        let upload = UploadInProgress.find([cut], photos: photos, folder: folder, stallSeconds: 1800, openFiles: hidden)
        #expect(upload?.files == ["a.jpg"])
        // Unchanged for longer than the stall window: the file's own problem.
        let later = Date().timeIntervalSince1970 + 3600
        #expect(UploadInProgress.find([cut], photos: photos, folder: folder, stallSeconds: 1800, now: later, openFiles: hidden) == nil)
    }

    @Test func whenProcSeesEveryProcessOnlyAFileHeldOpenWaits() throws {
        let (sandbox, folder, photos) = try folder()
        defer { withExtendedLifetime(sandbox) {} }
        let none = Listing(open: OpenForWriting())
        #expect(UploadInProgress.find([cut], photos: photos, folder: folder, stallSeconds: 1800, openFiles: none) == nil)
        let held = Listing(open: OpenForWriting(files: [folder.path: ["a.jpg": 1]]))
        #expect(UploadInProgress.find([cut], photos: photos, folder: folder, stallSeconds: 1800, openFiles: held)?.files == ["a.jpg"])
    }

    @Test func aDecoderCrashIsNotAnUpload() throws {
        let (sandbox, folder, photos) = try folder()
        defer { withExtendedLifetime(sandbox) {} }
        let crashed = PhotoStageOutput(source: "a.jpg", problem: "crashed", kind: .damaged)
        let hidden = Listing(open: OpenForWriting(hiddenProcesses: 3))
        #expect(UploadInProgress.find([crashed], photos: photos, folder: folder, stallSeconds: 1800, openFiles: hidden) == nil)
    }
}
