import Foundation
import Testing
import TestSupport

/// Runs the built `property-inbox` executable the way an operator does, on a copy of examples/.
@Suite(.serialized) struct CLITests {
    static let repositoryRoot = Repository.root

    /// The executable built beside this test bundle (swift build --build-tests builds both).
    static var executable: URL {
        if let explicit = ProcessInfo.processInfo.environment["PROPERTY_INBOX_BIN"] { return URL(fileURLWithPath: explicit) }
        let besideTests = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        for directory in [besideTests, besideTests.deletingLastPathComponent(), repositoryRoot.appendingPathComponent(".build/debug")] {
            let candidate = directory.appendingPathComponent("property-inbox")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/property-inbox")
    }

    typealias Run = ProcessRunner.Output

    /// Runs the executable with only the provider a test names: never a key or base URL that
    /// happens to be in the caller's environment.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        var env: [String: String?] = ["OPENROUTER_API_KEY": nil, "OPENAI_API_KEY": nil, "OPENROUTER_BASE_URL": nil, "OPENAI_BASE_URL": nil]
        for (name, value) in environment { env[name] = value }
        return try ProcessRunner.run(Self.executable.path, arguments, environment: env)
    }

    func copyOfExamples() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pi-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("examples/inbox"),
                                         to: root.appendingPathComponent("inbox"))
        return root
    }

    @Test func scanPublishesEveryExampleAndASecondScanRunsNothing() throws {
        let root = try copyOfExamples()
        defer { try? FileManager.default.removeItem(at: root) }
        let inbox = root.appendingPathComponent("inbox")
        let state = root.appendingPathComponent("state").path

        let first = try run(["scan", inbox.path, "--state-dir", state])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        // Property folders: not our `_INBOX_STATUS.txt`, not hidden (the inbox lock is `.property-inbox.lock`).
        let folders = try FileManager.default.contentsOfDirectory(atPath: inbox.path)
            .filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted()
        #expect(folders.count >= 3)
        for name in folders {
            let folder = inbox.appendingPathComponent(name)
            for output in ["result.json", "listing.md", "_STATUS.txt"] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(output).path), "\(name)/\(output)")
            }
            let validation = try validate(folder)
            #expect(validation.status == 0, "\(name): \(validation.stdout)\(validation.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("_INBOX_STATUS.txt").path))

        let villa = try String(contentsOf: inbox.appendingPathComponent("villa-rawai-12/_STATUS.txt"), encoding: .utf8)
        #expect(villa.contains("Bedrooms:   3"))
        #expect(villa.contains("80,000 THB per month"))
        let land = try String(contentsOf: inbox.appendingPathComponent("land-chiangmai-hangdong/_STATUS.txt"), encoding: .utf8)
        #expect(land.contains("No price found"))

        let second = try run(["scan", inbox.path, "--state-dir", state])
        #expect(second.status == 0)
        #expect(second.stdout.components(separatedBy: "no stage ran").count - 1 == folders.count, "\(second.stdout)")

        let status = try run(["status", inbox.path, "--state-dir", state])
        #expect(status.stdout.contains("villa-rawai-12") && status.stdout.contains("published 1×"))
    }

    @Test func processOfAnEmptyFolderExitsNonZeroWithAReason() throws {
        let root = try copyOfExamples()
        defer { try? FileManager.default.removeItem(at: root) }
        let empty = root.appendingPathComponent("inbox/nothing-here")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try run(["process", empty.path, "--state-dir", root.appendingPathComponent("state").path])
        #expect(result.status != 0)
        #expect(result.stdout.contains("no description, photos or voice memo"))
    }

    @Test func aStateDirectoryInsideTheInboxIsRefused() throws {
        let root = try copyOfExamples()
        defer { try? FileManager.default.removeItem(at: root) }
        let inbox = root.appendingPathComponent("inbox")
        let result = try run(["scan", inbox.path, "--state-dir", inbox.appendingPathComponent(".state").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("inside the inbox"))
    }

    @Test func foldersStillUploadingAreLeftAlone() throws {
        let root = try copyOfExamples()
        defer { try? FileManager.default.removeItem(at: root) }
        let inbox = root.appendingPathComponent("inbox")
        let fresh = inbox.appendingPathComponent("fresh-upload")
        try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
        try "Villa for rent, 3 bedrooms".write(to: fresh.appendingPathComponent("description.txt"), atomically: true, encoding: .utf8)
        try Data([0xFF, 0xD8]).write(to: fresh.appendingPathComponent("IMG_9.jpg.filepart"))
        let result = try run(["scan", inbox.path, "--state-dir", root.appendingPathComponent("state").path, "--settle", "60"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("fresh-upload: waiting"))
        #expect(!FileManager.default.fileExists(atPath: fresh.appendingPathComponent("result.json").path))
        let status = try String(contentsOf: fresh.appendingPathComponent("_STATUS.txt"), encoding: .utf8)
        #expect(status.contains("Waiting for the upload to finish"))
    }

    func validate(_ folder: URL) throws -> Run {
        let script = """
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1]))
        result = json.load(open(sys.argv[2]))
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(result)
        front = yaml.safe_load(open(sys.argv[3], encoding="utf-8").read().split("---\\n")[1])
        assert front["id"] == result["property_id"]
        """
        let output = try ProcessRunner.run("python3", ["-c", script, Repository.file("etc/result.schema.json").path,
                                                       folder.appendingPathComponent("result.json").path,
                                                       folder.appendingPathComponent("listing.md").path])
        return Run(status: output.status, stdout: output.combined, stderr: "")
    }
}

extension CLITests {
    /// Our own writes change the folder's mtime; a scan right after a publish must not mistake
    /// that for an agent still uploading (it used to mark the folder "waiting" again).
    @Test func repeatedScansLeaveAFinishedFolderDone() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pi-rescan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("inbox/condo-f")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let description = folder.appendingPathComponent("description.txt")
        try "Condo for rent in Thonglor, 2 bedrooms, 25,000 THB/month".write(to: description, atomically: true, encoding: .utf8)
        // Written a minute ago, so it is settled for a 3 s window.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: description.path)
        let state = root.appendingPathComponent("state").path
        for _ in 0..<3 {
            let scan = try run(["scan", root.appendingPathComponent("inbox").path, "--settle", "3", "--state-dir", state])
            #expect(scan.status == 0)
            #expect(!scan.stdout.contains("condo-f: waiting"), "\(scan.stdout)")
        }
        let status = try String(contentsOf: folder.appendingPathComponent("_STATUS.txt"), encoding: .utf8)
        #expect(status.contains("Done"))
    }
}
