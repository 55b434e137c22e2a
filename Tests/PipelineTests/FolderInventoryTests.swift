import FolderWatch
import Foundation
import Pipeline
import PropertyCore
import Testing

struct FolderInventoryTests {
    @Test(arguments: [
        ("description.txt", FileRules.Kind.description), ("notes.MD", .description), ("Context.txt", .context),
        ("IMG_0001.JPG", .photo), ("pool.heic", .photo), ("a.HEIF", .photo), ("x.png", .photo), ("y.jpeg", .photo),
        ("memo.m4a", .audio), ("memo.OGG", .audio), ("v.webm", .audio), ("w.wav", .audio),
    ])
    func recognisedKinds(name: String, kind: FileRules.Kind) {
        #expect(FileRules.kind(of: name) == kind)
    }

    @Test(arguments: ["photo.jpg.filepart", "x.part", "y.tmp", "z.crdownload", "~$desc.docx", ".~lock.desc.odt#",
                      "._IMG_0001.JPG", ".DS_Store", "Thumbs.db", "desktop.ini", "@eaDir", "__MACOSX", ".Trashes",
                      "result.json", "listing.md", "_STATUS.txt", "_listing", ".hidden"])
    func silentlyIgnored(name: String) {
        #expect(FileRules.isSilentlyIgnored(name))
    }

    @Test func classifiesAndReportsWhatItCannotUse() throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("p1", [
            "description.txt": "Villa".utf8Data, "photos/a.jpg": Data([0xFF, 0xD8]), "floorplan.pdf": Data([1, 2]),
            "x.jpg.filepart": Data([1]), ".DS_Store": Data([0]), "READY": Data(),
        ])
        let inventory = try FolderInventory.scan(folder: folder)
        #expect(inventory.files.map(\.relativePath) == ["description.txt", "photos/a.jpg"])
        #expect(inventory.ignored.map(\.path) == ["floorplan.pdf"])
        #expect(inventory.hasReadyMarker)
        #expect(inventory.refused.isEmpty)
    }

    @Test func symlinksAreRefusedAndNeverFollowed() throws {
        let sandbox = try Sandbox()
        let outside = sandbox.root.appendingPathComponent("secret.txt")
        try "owner's bank details".write(to: outside, atomically: true, encoding: .utf8)
        let folder = try sandbox.folder("p2", ["description.txt": "Condo for rent".utf8Data])
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("context.txt").path,
                                                   withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        let inventory = try FolderInventory.scan(folder: folder)
        #expect(inventory.files.map(\.relativePath) == ["description.txt"])
        #expect(Set(inventory.refused.compactMap(\.input)) == ["context.txt", "etc"])
        #expect(inventory.refused.allSatisfy { $0.message.contains("link") })
    }

    /// A folder with more files than the cap keeps its description and memo (named to sort last
    /// here) and leaves out photos, each listed for the agent.
    @Test func theFileCapNeverPushesOutTheDescriptionOrAMemo() {
        var snapshot = FolderSnapshot()
        let photos = (1...1005).map { String(format: "IMG_%04d.jpg", $0) }
        for (index, name) in (photos + ["zz-description.txt", "zz-memo.m4a"]).enumerated() {
            snapshot.entries.append(.init(relativePath: name, kind: .file, bytes: 1000, mtimeNs: 1, inode: Int64(index + 1)))
        }
        let inventory = FolderInventory.classify(snapshot)
        #expect(inventory.files.count == FolderInventory.maxFiles)
        #expect(inventory.files.contains { $0.relativePath == "zz-description.txt" && $0.kind == .description })
        #expect(inventory.files.contains { $0.relativePath == "zz-memo.m4a" && $0.kind == .audio })
        #expect(inventory.ignored.map(\.path) == Array(photos.suffix(7)))
        #expect(inventory.ignored.allSatisfy { $0.reason.contains("first 998 photos") })
    }
}

/// Our translated pages are the configured languages' only: an agent's `listing.old.md` is theirs.
@Test func onlyOurLanguagesNameTranslatedPages() {
    #expect(FileRules.isTranslatedListing("listing.th.md") && FileRules.isTranslatedListing("listing.ru.md"))
    #expect(!FileRules.isTranslatedListing("listing.old.md") && !FileRules.isTranslatedListing("listing.bak.md"))
    #expect(!FileRules.isSilentlyIgnored("listing.old.md"))
}
