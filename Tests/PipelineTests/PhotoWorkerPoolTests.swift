import Foundation
import PhotoProcessing
@testable import Pipeline
import Testing
import TestSupport

/// The `property-inbox` built beside these tests (swift build --build-tests builds both).
let builtCLI: String? = {
    let besideTests = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
    return [besideTests, besideTests.deletingLastPathComponent(), Repository.file(".build/debug")]
        .map { $0.appendingPathComponent("property-inbox").path }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// The photo workers as the daemon runs them: real `property-inbox __photo-worker` processes
/// (the CLI built beside these tests), real decoders, and the test-only fault trigger.
@Suite(.enabled(if: builtCLI != nil, "needs the built property-inbox (swift build --build-tests)"))
struct PhotoWorkerPoolTests {
    static let shapes = Repository.fixtures.appendingPathComponent("photos/shapes")

    func pool(seconds: Double = 30, cpuSeconds: Int = 30, addressSpaceMB: Int = 4096) -> PhotoWorkerPool {
        PhotoWorkerPool(configuration: .init(
            executable: builtCLI!, limits: .init(addressSpaceBytes: addressSpaceMB << 20, cpuSecondsPerPhoto: cpuSeconds),
            secondsPerPhoto: seconds, maxIdle: 2, photosPerWorker: 500,
            extraEnvironment: [PhotoWorker.testFaultsVariable: "1"]))
    }

    func poison(_ content: String) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory("poison")
        try Data((content + String(repeating: "x", count: 64)).utf8).write(to: directory.appending("poison.jpg"))
        return (directory, directory.appending("poison.jpg").path)
    }

    @Test func rendersInAWorkerAsInProcessAndReusesIt() throws {
        let workers = pool()
        for name in ["heic-alpha-67x45.heic", "heic-420-67x45-rot90.heic", "png-rgba-67x45.png", "jpeg-420-67x45-orientation6.jpg"] {
            let path = Self.shapes.appendingPathComponent(name).path
            let isolated = try workers.render(fileAt: path, options: RenderOptions())
            let local = try PhotoRenderer.render(fileAt: path)
            #expect(isolated.photo == local.photo, "\(name)")
            #expect(isolated.large == local.large && isolated.thumb == local.thumb, "\(name)")
        }
        let model = try workers.modelImage(fileAt: Self.shapes.appendingPathComponent("heic-420-67x44.heic").path,
                                           width: 33, height: 21, quality: 80)
        #expect((model.width, model.height) == (33, 21) && model.jpeg.starts(with: [0xFF, 0xD8]))
        #expect(workers.workersStarted == 1)
    }

    @Test func aDecoderErrorIsTheFilesAnswerAndTheWorkerStays() throws {
        let workers = pool()
        let (directory, _) = try poison("")
        try Data("just text".utf8).write(to: directory.appending("text.jpg"))
        #expect(throws: PhotoError.self) { try workers.render(fileAt: directory.appending("text.jpg").path, options: RenderOptions()) }
        _ = try workers.render(fileAt: Self.shapes.appendingPathComponent("png-rgb-67x45.png").path, options: RenderOptions())
        #expect(workers.workersStarted == 1)
    }

    @Test(arguments: [("PI-TEST-CRASH", "signal 6"), ("PI-TEST-HANG", "no answer within 2.0 s"),
                      ("PI-TEST-SPIN", "signal 24"), ("PI-TEST-OOM", "signal")])
    func aCrashHangOrRunawayCostsThatPhotoOnly(trigger: String, detail: String) throws {
        let workers = pool(seconds: trigger == "PI-TEST-HANG" ? 2 : 20, cpuSeconds: 1, addressSpaceMB: 1024)
        let (directory, path) = try poison(trigger)
        let started = Date()
        do {
            _ = try workers.render(fileAt: path, options: RenderOptions())
            Issue.record("the poisoned file rendered")
        } catch {
            #expect(error.kind == .decoderCrashed)
            #expect(error.message == "this photo could not be opened; please export it as JPEG and upload it again")
            #expect(error.detail?.contains(detail) == true, "\(error.detail ?? "")")
            #expect(!error.isTransient)
        }
        #expect(Date().timeIntervalSince(started) < 15)
        // The next photo gets a fresh worker.
        let next = try workers.render(fileAt: Self.shapes.appendingPathComponent("heic-420-67x45.heic").path, options: RenderOptions())
        #expect((next.photo.width, next.photo.height) == (67, 45))
        #expect(workers.workersStarted == 2)
        _ = directory
    }

    /// Found by the fuzzer: 935 bytes whose grid box makes libheif 1.15 allocate 2.5 GB for a
    /// picture its header calls 67×45. The worker's memory limit follows the header, so this
    /// costs the one photo, quickly, and the next one renders.
    @Test func aDecoderAskingForFarMoreMemoryThanThePictureNeedsIsStopped() throws {
        let workers = pool()
        let bomb = Repository.fixtures.appendingPathComponent("photos/grid-allocation-bomb.heic").path
        let started = Date()
        do {
            _ = try workers.render(fileAt: bomb, options: RenderOptions())
            Issue.record("the allocation bomb rendered")
        } catch {
            #expect(error.kind == .decoderCrashed || error.kind == .decodeFailed, "\(error) \(error.detail ?? "")")
        }
        #expect(Date().timeIntervalSince(started) < 20)
        _ = try workers.render(fileAt: Self.shapes.appendingPathComponent("heic-420-67x45.heic").path, options: RenderOptions())
    }

    @Test func noWorkerIsATransientFailure() throws {
        let workers = PhotoWorkerPool(configuration: .init(executable: "/nonexistent/property-inbox"))
        do {
            _ = try workers.render(fileAt: Self.shapes.appendingPathComponent("png-rgb-67x45.png").path, options: RenderOptions())
            Issue.record("rendered without a worker")
        } catch {
            #expect(error.kind == .decoderUnavailable && error.isTransient)
        }
    }

    @Test func derivedPhotosWritesTheOthersWhenOneCrashesItsWorker() async throws {
        let (directory, poisoned) = try poison("PI-TEST-CRASH")
        let sources = [Self.shapes.appendingPathComponent("heic-alpha-67x45.heic").path, poisoned,
                       Self.shapes.appendingPathComponent("heic-420-67x44.heic").path]
        let jobs = sources.enumerated().map { index, source in
            RenderJob(sourcePath: source, largePath: directory.appending("\(index).jpg").path,
                      thumbPath: directory.appending("\(index)-thumb.jpg").path)
        }
        let results = await DerivedPhotos.render(jobs, workers: pool())
        #expect((try? results[0].get())?.width == 67)
        #expect((try? results[2].get())?.height == 44)
        guard case .failure(let error) = results[1] else { Issue.record("the poisoned file rendered"); return }
        #expect(error.kind == .decoderCrashed)
        #expect(FileManager.default.fileExists(atPath: jobs[2].thumbPath))
        #expect(!FileManager.default.fileExists(atPath: jobs[1].largePath))
    }

    /// The cache rule: a crash is remembered against the file's hash, a failure of ours is not.
    @Test func aCrashIsCachedAndAMissingWorkerIsNot() {
        let crashed = PhotoStageOutput(source: "a.heic", problem: PhotoError.couldNotBeOpened)
        #expect(crashed.isCacheable)
        let unavailable = PhotoStageOutput(source: "a.heic", problem: "later", retryLater: true)
        #expect(!unavailable.isCacheable)
    }
}

extension PhotoWorkerPoolTests {
    /// Workers decode untrusted files: the daemon's secrets stay out of their environment.
    @Test func workersGetNoSecrets() {
        let environment = PhotoWorkerPool.workerEnvironment([
            "PATH": "/usr/bin", "LANG": "C.UTF-8", "PROPERTY_INBOX_TEST_WORKER_FAULTS": "1",
            "OPENROUTER_API_KEY": "sk-1", "OPENAI_API_KEY": "sk-2", "PROPERTY_INBOX_HOOK_SECRET": "s", "GITHUB_TOKEN": "t",
        ])
        #expect(environment == ["PATH": "/usr/bin", "LANG": "C.UTF-8", "PROPERTY_INBOX_TEST_WORKER_FAULTS": "1"])
    }
}
