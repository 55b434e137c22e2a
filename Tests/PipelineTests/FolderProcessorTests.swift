import FolderWatch
import Foundation
import ModelGateway
@testable import Pipeline
import PipelineStore
import PropertyCore
import Testing
import TestSupport

@Suite struct FolderProcessorTests {
    func result(in folder: URL) throws -> ListingResult {
        try JSONDecoder().decode(ListingResult.self, from: Data(contentsOf: folder.appendingPathComponent("result.json")))
    }

    func status(of folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("_STATUS.txt"), encoding: .utf8)
    }

    @Test func publishesValidOutputsAndReusesEverythingWhenUnchanged() async throws {
        let sandbox = try Sandbox()
        let photo = try Fixtures.examplePhoto()
        let folder = try sandbox.folder("villa-kata-3", [
            "description.txt": "Pool villa for rent in Kata, Phuket. 3 bedrooms, 2 bathrooms, 220 sqm. 95,000 THB/month.".utf8Data,
            "IMG_1.jpg": photo,
        ])
        let runtime = try sandbox.runtime()
        let first = try await runtime.processor.process(folder: folder)
        #expect(first.state == .done)
        #expect(first.stagesRun == ["inventory", "photos", "extract", "merge", "describe", "publish"])
        try validateOutputs(in: folder)
        let published = try result(in: folder)
        #expect(published.bedrooms == 3 && published.price == 95_000 && published.pricePeriod == .month)
        #expect(published.pricePerMonth == 95_000 && published.salePrice == nil)
        #expect(published.photos.first?.photo == "_listing/photos/01-IMG_1.jpg")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("_listing/thumbs/01-IMG_1.jpg").path))
        #expect(try status(of: folder).contains("Nothing to fix"))

        let second = try await runtime.processor.process(folder: folder)
        #expect(second.unchanged)
        #expect(second.stagesRun.isEmpty)
        #expect(second.message.contains("no stage ran"))
        #expect(try await runtime.store.folder(at: folder.path)?.publishCount == 1)
    }

    @Test func editingTheDescriptionRerunsOnlyTextStages() async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("condo-1", [
            "description.txt": "Condo for rent in Thonglor, 1 bedroom, 35 sqm, 18,000 THB per month".utf8Data,
            "a.jpg": try Fixtures.examplePhoto(),
        ])
        let runtime = try sandbox.runtime()
        _ = try await runtime.processor.process(folder: folder)
        try "Condo for rent in Thonglor, 1 bedroom, 35 sqm, 17,000 THB per month".write(
            to: folder.appendingPathComponent("description.txt"), atomically: true, encoding: .utf8)
        let again = try await runtime.processor.process(folder: folder)
        #expect(again.stagesRun == ["inventory", "extract", "merge", "describe", "publish"])
        #expect(again.stagesReused == ["photos"])
        #expect(try result(in: folder).price == 17_000)
        #expect(try await runtime.store.folder(at: folder.path)?.publishCount == 2)
    }

    @Test func missingPriceAndLocationAskTheAgent() async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("house-x", ["description.txt": "Nice house, 2 bedrooms, 1 bathroom.".utf8Data])
        let outcome = try await sandbox.runtime().processor.process(folder: folder)
        #expect(outcome.state == .needsAttention)
        let text = try status(of: folder)
        #expect(text.contains("No price found"))
        #expect(text.contains("80,000 THB/month"))
        #expect(text.contains("No location found"))
        try validateOutputs(in: folder)
        #expect(try result(in: folder).validationStatus == .invalid)
    }

    /// Nothing uploaded yet, or everything deleted (a client emptying it before its `rmdir`):
    /// nothing is written, so the folder can still be removed, and no row is made.
    @Test func anEmptyFolderGetsNoStatusNoOutputsAndNoRow() async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("empty", [:])
        let runtime = try sandbox.runtime()
        let outcome = try await runtime.processor.process(folder: folder)
        #expect(outcome.state == .waiting && outcome.unchanged)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(try await runtime.store.folder(at: folder.path) == nil)
    }

    @Test func zeroByteAndBinaryTextFilesAreReported() async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("bad-text", [
            "description.txt": Data(),
            "notes.txt": try Fixtures.examplePhoto(),  // a photo saved as .txt
        ])
        let outcome = try await sandbox.runtime().processor.process(folder: folder)
        #expect(outcome.state == .failed)
        let text = try status(of: folder)
        #expect(text.contains("description.txt: the file is empty"))
        #expect(text.contains("notes.txt: the file is not text"))
    }

    @Test func thaiTextInLegacyEncodingsIsDecoded() async throws {
        let sandbox = try Sandbox()
        let thai = "ให้เช่าคอนโด สุขุมวิท 2 ห้องนอน 1 ห้องน้ำ 60 ตร.ม. ค่าเช่า 30,000 บาท/เดือน"
        let (_, hex) = try runPython("import sys; print(sys.argv[1].encode('tis-620').hex())", arguments: [thai])
        let folder = try sandbox.folder("tis620", ["description.txt": Data(hexString: hex.trimmingCharacters(in: .whitespacesAndNewlines))])
        let utf16 = try sandbox.folder("utf16", ["description.txt": Data([0xFF, 0xFE]) + thai.data(using: .utf16LittleEndian)!])
        let runtime = try sandbox.runtime()
        for folder in [folder, utf16] {
            _ = try await runtime.processor.process(folder: folder)
            let published = try result(in: folder)
            #expect(published.bedrooms == 2, "\(folder.lastPathComponent)")
            #expect(published.price == 30_000, "\(folder.lastPathComponent)")
            #expect(published.languagesDetected.contains("th"))
            #expect(published.processingErrors.isEmpty)
        }
    }

    @Test func symlinkOutsideTheFolderIsRefusedAndReported() async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("linked", ["description.txt": "Villa for rent in Rawai, 80,000 THB/month, 3 bedrooms".utf8Data])
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("passwd.txt").path,
                                                   withDestinationPath: "/etc/passwd")
        _ = try await sandbox.runtime().processor.process(folder: folder)
        let published = try result(in: folder)
        #expect(published.processingErrors.contains { $0.input == "passwd.txt" && $0.message.contains("link") })
        #expect(!published.inputs.contains { $0.path == "passwd.txt" })
        #expect(try status(of: folder).contains("passwd.txt"))
        let json = try String(contentsOf: folder.appendingPathComponent("result.json"), encoding: .utf8)
        #expect(!json.contains("root:x:0"))
    }

    @Test func badPhotosAreSkippedAndTheRestGoesOn() async throws {
        let sandbox = try Sandbox()
        let good = try Fixtures.examplePhoto()
        let folder = try sandbox.folder("photos-bad", [
            "description.txt": "Condo for sale in Patong, 1 bedroom, 4.2M THB".utf8Data,
            "good.jpg": good,
            "empty.jpg": Data(),
            "fake.jpg": "this is not a photo".utf8Data,
            "cut.jpg": good.prefix(good.count / 3),
        ])
        // Untouched for longer than the stall window: cut short for good, the file's own problem.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)],
                                              ofItemAtPath: folder.appendingPathComponent("cut.jpg").path)
        let outcome = try await sandbox.runtime().processor.process(folder: folder)
        #expect(outcome.state == .needsAttention)
        let photos = try result(in: folder).photos
        #expect(photos.count == 4)
        #expect(photos.first { $0.source == "good.jpg" }?.quality == "ok")
        #expect(photos.first { $0.source == "empty.jpg" }?.quality == "unusable")
        #expect(photos.first { $0.source == "fake.jpg" }?.quality == "unusable")
        #expect(photos.first { $0.source == "cut.jpg" }.map { $0.quality != "ok" } == true)
        let text = try status(of: folder)
        #expect(text.contains("empty.jpg") && text.contains("fake.jpg"))
        try validateOutputs(in: folder)
    }

    /// A photo cut short that changed a moment ago, with a /proc that hides the agent's processes
    /// (the shipped unit; or after a restart, when no event told of the writer): an upload under
    /// way. The folder waits, nothing is published; once the photo is whole it is published from
    /// the complete photo. (`UploadInProgressTests` for when /proc sees everything.)
    @Test func aPhotoCutShortThatJustChangedMakesTheFolderWait() async throws {
        let sandbox = try Sandbox()
        let good = try Fixtures.examplePhoto()
        let folder = try sandbox.folder("uploading", [
            "description.txt": "Condo for sale in Patong, 1 bedroom, 4.2M THB".utf8Data,
            "IMG_1.jpg": good.prefix(good.count / 2),
        ])
        let runtime = try sandbox.runtime()
        let first = await UploadInProgress.$openFiles.withValue(HiddenProcesses()) {
            await runtime.processor.lifecycle.run(folder, with: runtime.processor)
        }
        guard case .uploading = first else { Issue.record("expected to wait for the upload, got \(first)"); return }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("result.json").path))
        #expect(try await runtime.store.folder(at: folder.path)?.state == .waiting)
        #expect(try status(of: folder).lowercased().contains("upload"))

        try good.write(to: folder.appendingPathComponent("IMG_1.jpg"))
        let second = await runtime.processor.lifecycle.run(folder, with: runtime.processor)
        guard case .finished = second else { Issue.record("expected a publish, got \(second)"); return }
        #expect(try result(in: folder).photos.first?.quality == "ok")
        #expect(try await runtime.store.folder(at: folder.path)?.publishCount == 1)
    }

    @Test func aSaleHasNoMonthlyPrice() async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("dom", ["description.txt": "Продаётся дом в Паттайе, 3 спальни, 2 санузла, 180 кв.м. Цена 10,2 млн бат".utf8Data])
        _ = try await sandbox.runtime().processor.process(folder: folder)
        let published = try result(in: folder)
        #expect(published.listingType == .sale)
        #expect(published.salePrice == 10_200_000)
        #expect(published.pricePerMonth == nil && published.pricePeriod == nil)
        try validateOutputs(in: folder)
    }

    @Test func customTemplateFromConfig() async throws {
        let sandbox = try Sandbox()
        let template = sandbox.root.appendingPathComponent("mine.mustache")
        try "---\ntitle: {{{yaml.title}}}\nid: {{{yaml.id}}}\n---\nCUSTOM {{{description}}}\n".write(to: template, atomically: true, encoding: .utf8)
        let folder = try sandbox.folder("c", ["description.txt": "Villa for rent in Kamala, 2 bedrooms, 70,000 THB/month".utf8Data])
        let runtime = try sandbox.runtime(configuration: "[output]\nlisting_template = \"mine.mustache\"\n")
        _ = try await runtime.processor.process(folder: folder)
        let listing = try String(contentsOf: folder.appendingPathComponent("listing.md"), encoding: .utf8)
        #expect(listing.contains("CUSTOM A 2-bedroom villa for rent in Kamala"))
    }
}

struct ConfigurationTests {
    @Test(arguments: ["settle_seconds = 15", "settle_seconds = 15.0"])
    func settleSecondsAsIntegerOrFloat(line: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).toml")
        try "[watch]\n\(line)\nmax_concurrent_folders = 3\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try Configuration.load(path: file.path, environment: [:])
        #expect(configuration.settleSeconds == 15)
        #expect(configuration.maxConcurrentFolders == 3)
    }

    @Test func theShippedExampleConfigLoads() throws {
        let configuration = try Configuration.load(path: Repository.file("etc/property-inbox.toml").path,
                                                   environment: [:])
        #expect(configuration.settleSeconds == 15)
    }

    @Test func aBrokenConfigSaysWhichFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).toml")
        try "[watch\nsettle_seconds = ".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect { try Configuration.load(path: file.path, environment: [:]) } throws: { "\($0)".contains(file.path) }
    }
}

struct ProviderConfigurationTests {
    @Test func modelsBudgetsAndLimitsFromTheFileReachTheGateway() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prov-\(UUID().uuidString).toml")
        try """
            [provider]
            text_models = ["anthropic/claude-haiku-4.5"]
            requests_per_minute = 20
            [budget]
            daily_usd = 5
            monthly_usd = 50.5
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try Configuration.load(path: file.path, environment: ["PROPERTY_INBOX_DAILY_BUDGET_USD": "7"])
        let gateway = configuration.applied(to: GatewayConfig())
        #expect(gateway.textModels == ["anthropic/claude-haiku-4.5"])
        #expect(gateway.visionModels == GatewayConfig().visionModels)
        #expect(gateway.requestsPerMinute == 20)
        #expect(gateway.budget.dailyUSD == 7)  // the environment overrides the file
        #expect(gateway.budget.monthlyUSD == 50.5)
    }

    @Test func theShippedExampleMatchesTheDefaults() throws {
        let configuration = try Configuration.load(
            path: Repository.file("etc/property-inbox.toml").path, environment: [:])
        let defaults = GatewayConfig()
        let applied = configuration.applied(to: defaults)
        #expect(applied.textModels == defaults.textModels && applied.visionModels == defaults.visionModels)
        #expect(applied.budget == defaults.budget)
        #expect(applied.requestsPerMinute == 60 && applied.requestsPerHour == 10_000)
    }
}

/// A /proc as the service user sees it: other users' processes hidden.
struct HiddenProcesses: OpenFileListing {
    func filesOpenForWriting(in inbox: String) -> OpenForWriting { OpenForWriting(hiddenProcesses: 1) }
}
