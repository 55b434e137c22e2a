import Foundation
@testable import Pipeline
import PipelineStore
import PropertyCore
import Testing

/// Which notice a transition records, and that a re-run records none: the outbox as the
/// lifecycle fills it (nothing is sent here).
struct AgentNoticesTests {
    static var me: String { String(cString: getpwuid(geteuid())!.pointee.pw_name) }

    func outbox(_ runtime: PipelineRuntime) async throws -> [String] {
        try await runtime.store.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT outcome || '/' || channel FROM notice_outbox ORDER BY id")
        }
    }

    @Test func eachChangeOfOutcomeIsOneNoticeAndTheAIReviewAfterAPauseIsItsOwn() async throws {
        let sandbox = try Sandbox()
        let runtime = try sandbox.runtime(configuration: """
            [notify]
            webhook_url = "http://127.0.0.1:9/hook"
            [agents.olga]
            language = "ru"
            accounts = ["\(Self.me)"]
            """)
        let notices = runtime.processor.lifecycle.notices
        let folder = try sandbox.folder("villa-1", ["description.txt": Data("Villa".utf8)])
        var result = ListingResult(propertyId: "villa-1", requestId: "r", timestamp: "2026-12-07T00:00:00Z")
        result.price = 80_000

        await notices.published(folder, result: result, state: .paused, fingerprint: "f1")      // offline, AI pending
        await notices.published(folder, result: result, state: .paused, fingerprint: "f1")      // the same, re-run
        await notices.published(folder, result: result, state: .needsAttention, fingerprint: "f2")  // the AI review done
        await notices.published(folder, result: result, state: .needsAttention, fingerprint: "f2")
        await notices.failed(folder, cause: .nothingUsable)
        await notices.failed(folder, cause: .nothingUsable)
        await notices.published(folder, result: result, state: .needsAttention, fingerprint: "f3")
        #expect(try await outbox(runtime) == ["pending_review/webhook", "reviewed/webhook", "failed/webhook", "needs_agent/webhook"])

        let payload = try await runtime.store.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT payload FROM notice_outbox ORDER BY id LIMIT 1")
        }
        let json = try JSONSerialization.jsonObject(with: Data(try #require(payload).utf8)) as? [String: Any]
        #expect(json?["agent"] as? String == "olga" && json?["owner"] as? String == Self.me && json?["language"] as? String == "ru")
        #expect(json?["state"] as? String == "pending_review" && json?["price"] as? String == "80\u{00A0}000 бат")
    }

    @Test func noAgentNoChannelNoNotice() async throws {
        let sandbox = try Sandbox()
        let runtime = try sandbox.runtime(configuration: "[agents.olga]\naccounts = [\"someone-else\"]\nemail = \"o@example.com\"\n")
        let folder = try sandbox.folder("villa-2", ["description.txt": Data("Villa".utf8)])
        await runtime.processor.lifecycle.notices.failed(folder, cause: .emptyFolder)
        #expect(try await outbox(runtime).isEmpty)  // no smtp_url: e-mail is no channel; and the owner is no agent's
    }
}

/// `[agents.<id>] time_zone`: the times in that agent's `_STATUS.txt`.
struct AgentTimeZoneTests {
    @Test func anAgentsStatusShowsTheirOwnTimeZone() async throws {
        let sandbox = try Sandbox()
        let runtime = try sandbox.runtime(configuration: """
            [status]
            time_zone = "Asia/Bangkok"
            [agents.olga]
            accounts = ["\(AgentNoticesTests.me)"]
            time_zone = "Europe/Moscow"
            """)
        let clock = ManualWallClock(wall: FolderLifecycleTests.moment)  // 7 Dec 2026, 17:32 in Bangkok, 13:32 in Moscow
        let lifecycle = FolderLifecycle(store: runtime.store, configuration: runtime.configuration, logger: runtime.logger, clock: clock)
        let folder = try sandbox.folder("villa-tz", ["description.txt": Data("Villa".utf8)])
        await lifecycle.paused(folder, reason: .diskFull, detail: "ENOSPC")
        let status = try String(contentsOf: folder.appendingPathComponent("_STATUS.txt"), encoding: .utf8)
        #expect(status.contains("7 Dec 2026, 13:32") && !status.contains("17:32"), "\(status)")
        #expect(status.contains("at about 13:32"))  // the retry time (30 s later), in Moscow time too
    }
}
