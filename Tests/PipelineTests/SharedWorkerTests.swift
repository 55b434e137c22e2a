import FolderWatch
import Foundation
@testable import Pipeline
import PropertyCore
import Synchronization
import Testing

/// Several hosts (issue #25), without a database: the fence stops a run that lost its claim, and
/// the worker loop claims, runs and finishes through the `SharedJobQueue` protocol. The real
/// PostgreSQL queue is tested with real processes in Tests/Integration/test_scale_out.py.
@Suite struct SharedWorkerTests {
    static let description = ["description.txt": "Villa for rent in Rawai, 3 bedrooms, 80,000 THB/month".utf8Data]

    /// Says yes `allowed` times, then no; counts the questions.
    final class CountingFence: PublishFence {
        let allowed: Int
        let asked = Atomic<Int>(0)
        init(allowed: Int) { self.allowed = allowed }
        func mayPublish() async -> Bool { asked.add(1, ordering: .relaxed).newValue <= allowed }
    }

    @Test func aRunWhoseClaimWasTakenOverWritesNothingInTheFolder() async throws {
        let sandbox = try Sandbox()
        let runtime = try sandbox.runtime()
        let folder = try sandbox.folder("villa", Self.description)
        let outcome = await runtime.processor.lifecycle.run(folder, with: runtime.processor, fence: CountingFence(allowed: 0))
        guard case .leaseLost = outcome else { Issue.record("expected leaseLost, got \(outcome)"); return }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["description.txt"])
        #expect(runtime.processor.lifecycle.takeDueRetries().isEmpty)
    }

    @Test func theLastQuestionComesRightBeforeThePublishAndAnswersForIt() async throws {
        // How many times a whole run asks, when the answer is always yes.
        let counting = CountingFence(allowed: .max)
        let sandbox = try Sandbox()
        let runtime = try sandbox.runtime()
        let first = try sandbox.folder("villa", Self.description)
        guard case .finished = await runtime.processor.lifecycle.run(first, with: runtime.processor, fence: counting) else {
            Issue.record("the first run did not finish"); return
        }
        let questions = counting.asked.load(ordering: .relaxed)
        #expect(questions >= 2)
        // The same run on another host (a fresh state: no stage cached), taken over just before
        // the last question: no listing is written.
        let other = try Sandbox()
        let otherRuntime = try other.runtime()
        let second = try other.folder("villa", Self.description)
        let outcome = await otherRuntime.processor.lifecycle.run(second, with: otherRuntime.processor,
                                                                 fence: CountingFence(allowed: questions - 1))
        guard case .leaseLost = outcome else { Issue.record("expected leaseLost, got \(outcome)"); return }
        #expect(!FileManager.default.fileExists(atPath: second.appendingPathComponent("result.json").path))
        #expect(!FileManager.default.fileExists(atPath: second.appendingPathComponent("listing.md").path))
    }

    /// A queue in memory: one job per folder, the same claim and fence rules as PostgreSQL's.
    actor MemoryQueue: SharedJobQueue {
        struct Row { var fingerprint: String; var state = "pending"; var fence: Int64 = 0; var publishes = 0; var outcome: String? }
        var rows: [String: Row] = [:]

        func enqueue(folder: String, fingerprint: String, force: Bool) {
            if rows[folder]?.fingerprint == fingerprint && !force { return }
            rows[folder, default: Row(fingerprint: fingerprint)].state = "pending"
        }
        func claim(worker: String, leaseSeconds: Double) -> ClaimedJob? {
            guard let (folder, row) = rows.first(where: { $0.value.state == "pending" }) else { return nil }
            rows[folder]!.state = "running"
            rows[folder]!.fence += 1
            return ClaimedJob(folder: folder, fingerprint: row.fingerprint, fence: row.fence + 1)
        }
        func renew(_ job: ClaimedJob, leaseSeconds: Double) -> Bool { holds(job, marginSeconds: 0) }
        func holds(_ job: ClaimedJob, marginSeconds: Double) -> Bool {
            rows[job.folder]?.fence == job.fence && rows[job.folder]?.state == "running"
        }
        func finish(_ job: ClaimedJob, outcome: String, published: Bool) -> Bool {
            guard holds(job, marginSeconds: 0) else { return false }
            rows[job.folder]!.state = "done"
            rows[job.folder]!.outcome = outcome
            rows[job.folder]!.publishes += published ? 1 : 0
            return true
        }
        func release(_ job: ClaimedJob) {
            if holds(job, marginSeconds: 0) { rows[job.folder]!.state = "pending" }
        }
        func checkIn(worker: String) {}
        var allDone: Bool { !rows.isEmpty && rows.values.allSatisfy { $0.state == "done" } }
    }

    @Test func theWorkerRunsEachQueuedFolderAndRecordsItsPublish() async throws {
        let sandbox = try Sandbox()
        let runtime = try sandbox.runtime()
        let queue = MemoryQueue()
        for name in ["a", "b", "c"] {
            try sandbox.folder(name, Self.description)
            await queue.enqueue(folder: name, fingerprint: "1", force: false)
        }
        var options = SharedWorker.Options(inbox: sandbox.inbox, name: "test")
        options.pollSeconds = 0.05
        let worker = Task { await SharedWorker(queue: queue, options: options, processor: runtime.processor, logger: runtime.logger).run() }
        defer { worker.cancel() }
        // Generous: in the whole suite other tests may hold the cooperative threads for a minute.
        let deadline = ContinuousClock.now + .seconds(300)
        while await !queue.allDone, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let rows = await queue.rows
        #expect(rows.values.map(\.publishes) == [1, 1, 1])
        for name in ["a", "b", "c"] {
            #expect(FileManager.default.fileExists(atPath: sandbox.inbox.appendingPathComponent("\(name)/result.json").path))
        }
        // The same inputs queued again do nothing; forced (a retry), the run finds nothing new to publish.
        await queue.enqueue(folder: "a", fingerprint: "1", force: false)
        #expect(await queue.allDone)
        await queue.enqueue(folder: "a", fingerprint: "1", force: true)
        while await !queue.allDone, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(await queue.rows["a"]?.publishes == 1)
    }

    @Test func theFingerprintFollowsTheInputsNotTheOutputs() throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("villa", Self.description)
        let before = try #require(FolderSnapshot.take(of: folder.path).map(InputFingerprint.of))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("result.json"))
        try Data("x".utf8).write(to: folder.appendingPathComponent("_STATUS.txt"))
        #expect(FolderSnapshot.take(of: folder.path).map(InputFingerprint.of) == before)
        try Data("more".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        #expect(FolderSnapshot.take(of: folder.path).map(InputFingerprint.of) != before)
    }
}
