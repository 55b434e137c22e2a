import Foundation
import Testing
import TestSupport

/// What an operator's scripts rely on: a version, machine-readable status and stats, and
/// read-only commands that never create state.
@Suite(.serialized) struct OperatorCommandTests {
    let cli = CLITests()

    @Test func versionIsPrinted() throws {
        let run = try cli.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3, "\(run.stdout)")
    }

    @Test func statusAndStatsOnAMissingStateDirectoryCreateNothing() throws {
        let directory = try TemporaryDirectory("operator")
        let state = directory.appending("no-such-state").path
        let status = try cli.run(["status", "--state-dir", state])
        #expect(status.status == 0 && status.stdout.contains("No state database"), "\(status.combined)")
        let json = try cli.run(["status", "--json", "--state-dir", state])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["folders"] as? [Any])?.isEmpty == true)
        let stats = try cli.run(["stats", "--json", "--state-dir", state])
        #expect(stats.status == 0, "\(stats.combined)")
        #expect(!FileManager.default.fileExists(atPath: state), "a read-only command created \(state)")
    }

    @Test func statusJSONListsWhatAScanPublished() throws {
        let root = try cli.copyOfExamples()
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent("state").path
        let scan = try cli.run(["scan", root.appendingPathComponent("inbox").path, "--state-dir", state])
        #expect(scan.status == 0, "\(scan.combined)")
        let json = try cli.run(["status", "--json", "--state-dir", state])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let folders = try #require(object["folders"] as? [[String: Any]])
        let villa = try #require(folders.first { $0["property_id"] as? String == "villa-rawai-12" })
        #expect(villa["state"] as? String != nil)
        #expect(villa["publish_count"] as? Int == 1)
        let stats = try cli.run(["stats", "--json", "--state-dir", state])
        let usage = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(usage["days"] is [Any], "\(stats.stdout)")
    }
}
