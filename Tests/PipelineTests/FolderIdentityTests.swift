import Foundation
import PhotoProcessing
@testable import Pipeline
import PropertyCore
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A folder is the folder the run started on, and names are their bytes: real files, real renames.
struct FolderIdentityTests {
    /// Creates a file whose name is given as raw bytes (not necessarily UTF-8); returns its path as
    /// the program holds it.
    @discardableResult
    private func makeFile(in directory: URL, named name: [UInt8], contents: Data) throws -> String {
        let path = directory.path + "/" + FileName.decode(name)
        let fd = FileName.withSystemPath(path) { open($0, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        try #require(fd >= 0)
        defer { close(fd) }
        _ = contents.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        return path
    }

    @Test func noStatusIsWrittenOnceTheFolderWasRenamedOrReplaced() async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("villa", ["description.txt": "Villa".utf8Data])
        let identity = try #require(FileSystem.identity(of: folder.path))
        let lifecycle = try sandbox.runtime().processor.lifecycle
        let status = FolderStatus(propertyId: "villa", state: .processing, stage: .photos, updated: Date())
        try await lifecycle.writeStatus(status, folder: folder, identity: identity)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("_STATUS.txt").path))

        let renamed = sandbox.inbox.appendingPathComponent("villa-2")
        try FileManager.default.moveItem(at: folder, to: renamed)
        await #expect(throws: PipelineError.folderMoved(folder.path)) {
            try await lifecycle.writeStatus(status, folder: folder, identity: identity)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))

        // Another folder put at the same name is not the one the run started on.
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        await #expect(throws: PipelineError.self) {
            try await lifecycle.failed(folder, identity: identity, cause: .nothingUsable, detail: "nothing usable")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func outputFoldersAreNeverCreatedWithTheirParents() throws {
        let sandbox = try Sandbox()
        let gone = sandbox.inbox.appendingPathComponent("gone")
        FileSystem.makeOutputFolder(gone.appendingPathComponent("_listing"), subfolders: ["photos"])
        #expect(!FileManager.default.fileExists(atPath: gone.path))
        let here = try sandbox.folder("here", [:])
        FileSystem.makeOutputFolder(here.appendingPathComponent("_listing"), subfolders: ["photos", "thumbs"])
        #expect(FileSystem.isDirectory(here.appendingPathComponent("_listing/thumbs").path))
    }

    /// A folder and a photo named in Latin-1 (`café` as 63 61 66 E9): listed, hashed, decoded
    /// and written to under their real bytes.
    @Test func namesThatAreNotUTF8AreReadHashedAndWrittenByTheirBytes() async throws {
        let sandbox = try Sandbox()
        let folderPath = try makeFolder(in: sandbox.inbox, named: [0x63, 0x61, 0x66, 0xE9])
        let folder = URL(fileURLWithPath: folderPath)
        let photo = try Fixtures.examplePhoto()
        try makeFile(in: folder, named: [0x70, 0x68, 0xF6, 0x74, 0x6F, 0x2E, 0x6A, 0x70, 0x67], contents: photo)

        let inventory = try FolderInventory.scan(folder: folder)
        #expect(inventory.files.map { FileName.display($0.relativePath) } == ["ph\\xF6to.jpg"])
        let hashing = InputHashing.hash(inventory.files, folderPath: folderPath, known: [])
        #expect(hashing.problems.isEmpty)
        #expect(hashing.files.first?.sha256.count == 64)

        let source = folderPath + "/" + inventory.files[0].relativePath
        let rendered = try FileSystem.withOpenablePath(source) { path throws(PhotoError) in
            try PhotoRenderer.render(fileAt: path, options: RenderOptions())
        }
        #expect(rendered.photo.width > 0)

        try AtomicFile.write("ok\n", to: folder.appendingPathComponent("_STATUS.txt"))
        // Checked with bytes built by hand, not with the codec under test.
        let statusPath = Array(sandbox.inbox.path.utf8) + [0x2F, 0x63, 0x61, 0x66, 0xE9] + Array("/_STATUS.txt".utf8) + [0]
        let exists = statusPath.map { CChar(bitPattern: $0) }.withUnsafeBufferPointer { access($0.baseAddress!, F_OK) == 0 }
        #expect(exists, "the status was written into the folder with the real bytes of its name")
    }

    @Test func aLongPhotoNameGetsDerivedAndTempNamesThatFit() throws {
        let directory = try TemporaryDirectory("long-names")
        let source = String(repeating: "a", count: 246) + ".jpg"
        let derived = PhotoStage.derivedName(index: 0, source: source)
        #expect(derived.utf8.count <= FileName.maxBytes)
        #expect(derived != PhotoStage.derivedName(index: 0, source: String(repeating: "a", count: 245) + "b.jpg"))
        // The longest name a file may have still gets its temp file (which adds to the name).
        let longest = String(repeating: "b", count: 251) + ".jpg"
        try AtomicFile.write(Data("x".utf8), to: directory.appending(longest))
        #expect(FileManager.default.fileExists(atPath: directory.appending(longest).path))
    }

    private func makeFolder(in directory: URL, named name: [UInt8]) throws -> String {
        let path = directory.path + "/" + FileName.decode(name)
        try #require(FileName.withSystemPath(path) { mkdir($0, 0o755) } == 0)
        return path
    }
}
