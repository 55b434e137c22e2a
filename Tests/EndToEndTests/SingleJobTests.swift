import Foundation
import GatewayTesting
import Testing

/// The seed's single jobs from the shell: `analyze-images` and `transcribe`, offline and against
/// the scriptable provider on 127.0.0.1.
@Suite(.serialized) struct SingleJobTests {
    let cli = CLITests()
    var villa: URL { CLITests.repositoryRoot.appendingPathComponent("examples/inbox/villa-rawai-12") }

    func environment(_ server: FakeServer) -> [String: String] {
        ["OPENROUTER_API_KEY": "sk-e2e", "OPENROUTER_BASE_URL": server.baseURL + "/v1",
         "OPENAI_API_KEY": "sk-e2e", "OPENAI_BASE_URL": server.baseURL + "/v1"]
    }

    func stateDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("pi-jobs-\(UUID().uuidString)").path
    }

    @Test func analyzeImagesOfflineChecksPhotosAndFlagsTheDuplicate() throws {
        let run = try cli.run(["analyze-images", villa.appendingPathComponent("IMG_0001.JPG").path,
                               villa.appendingPathComponent("IMG_0002.JPG").path, "--offline", "--state-dir", stateDir()])
        #expect(run.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let photos = report?["photos"] as? [[String: Any]]
        #expect(photos?.count == 2)
        #expect((photos?[1]["duplicate_of"] as? String)?.hasSuffix("IMG_0001.JPG") == true)
        #expect(photos?[1]["orientation_applied"] as? Int == 6)
    }

    @Test func analyzeImagesWithAProviderReturnsInsightsPerPhoto() throws {
        let server = try FakeServer(options: ["vision_auto": true])
        let run = try cli.run(["analyze-images", villa.appendingPathComponent("IMG_0001.JPG").path,
                               villa.appendingPathComponent("photos/pool.jpg").path, "--state-dir", stateDir()],
                              environment: environment(server))
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let photos = report?["photos"] as? [[String: Any]] ?? []
        #expect(photos.allSatisfy { ($0["insights"] as? [String: Any])?["room_type"] != nil })
        #expect((report?["aggregated"] as? [String: Any])?["image_analysis_count"] as? Int == 2)
        #expect(!run.stdout.contains("sk-e2e") && !run.stderr.contains("sk-e2e"))
    }

    @Test func transcribePrintsTheTranscriptAndNeedsAProvider() throws {
        let memo = FileManager.default.temporaryDirectory.appendingPathComponent("memo-\(UUID().uuidString).m4a")
        try Data(repeating: 1, count: 2048).write(to: memo)
        defer { try? FileManager.default.removeItem(at: memo) }

        let offline = try cli.run(["transcribe", memo.path, "--offline", "--state-dir", stateDir()])
        #expect(offline.status != 0)
        #expect(offline.stderr.contains("transcription needs an API key"))

        let server = try FakeServer(steps: [["model": "whisper-1", "content": "Villa in Kata, three bedrooms.",
                                             "language": "english", "duration": 6]])
        let run = try cli.run(["transcribe", memo.path, "--state-dir", stateDir()], environment: environment(server))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("three bedrooms"))
        #expect(run.stdout.contains("\"language\" : \"en\""))
    }

    @Test func aRefusedKeyExitsNonZeroWithWhatToDo() throws {
        let server = try FakeServer(steps: [["status": 401, "repeat": true, "error": ["code": 401, "message": "User not found."]]])
        let description = FileManager.default.temporaryDirectory.appendingPathComponent("d-\(UUID().uuidString).txt")
        try "Villa for rent in Kata, 3 bedrooms, 90,000 THB/month".write(to: description, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: description) }
        let run = try cli.run(["extract-text", description.path, "--state-dir", stateDir()], environment: environment(server))
        #expect(run.status != 0)
        #expect(run.stderr.lowercased().contains("key"))
    }

    /// `scan` with a refused key still publishes from the offline rules, but says why and exits 3.
    @Test func scanWithARefusedKeyPublishesOfflineAndExitsThree() throws {
        let server = try FakeServer(steps: [["status": 401, "repeat": true, "error": ["code": 401, "message": "User not found."]]])
        let root = try cli.copyOfExamples()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try cli.run(["scan", root.appendingPathComponent("inbox/villa-rawai-12").deletingLastPathComponent().path,
                               "--state-dir", root.appendingPathComponent("state").path], environment: environment(server))
        #expect(run.status == 3, "\(run.combined)")
        #expect(run.stderr.contains("The API key was refused"), "\(run.stderr)")
        #expect(run.stderr.contains("provider calls paused"), "the operator's log line is missing: \(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("inbox/villa-rawai-12/result.json").path))
    }
}
