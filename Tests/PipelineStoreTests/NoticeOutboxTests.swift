import Foundation
import PipelineStore
import Testing
import TestSupport

/// The agents' outbox: once per (folder, outcome, fingerprint) and channel; a new outcome
/// forgets what was told before, so going back to an earlier outcome is a change again.
struct NoticeOutboxTests {
    let directory: TemporaryDirectory
    let store: PipelineStore

    init() throws {
        directory = try TemporaryDirectory("notice-outbox")
        store = PipelineStore(database: try AppDatabase.open(stateDirectory: directory.appending("state")))
    }

    func rows(_ outcome: String, key: String, channels: [String] = ["email", "line"]) -> @Sendable (String?) -> [NoticeRow] {
        { _ in channels.map { NoticeRow(folderPath: "/inbox/a", propertyId: "a", agent: "olga", channel: $0, outcome: outcome,
                                        noticeKey: key, subject: "s", body: "b", payload: "{}") } }
    }

    @Test func aReRunWithTheSameOutcomeAddsNothing() async throws {
        #expect(try await store.enqueueNotice(folderPath: "/inbox/a", noticeKey: "listing:f1", make: rows("published", key: "listing:f1")) == 2)
        #expect(try await store.enqueueNotice(folderPath: "/inbox/a", noticeKey: "listing:f1", make: rows("published", key: "listing:f1")) == 0)
        #expect(try await store.noticeCounts().pending == 2)
    }

    @Test func sentRowsAreForgottenByTheNextOutcomeAndThePreviousOneIsPassedOn() async throws {
        try await store.enqueueNotice(folderPath: "/inbox/a", noticeKey: "listing:f1", make: rows("pending_review", key: "listing:f1", channels: ["email"]))
        for row in try await store.dueNotices(now: 1) {
            try await store.markNoticeSending(id: row.id!)
            try await store.markNoticeSent(id: row.id!)
        }
        let seen = Box()
        try await store.enqueueNotice(folderPath: "/inbox/a", noticeKey: "failed:empty_folder") { previous in
            seen.value = previous
            return [NoticeRow(folderPath: "/inbox/a", propertyId: "a", agent: "olga", channel: "email", outcome: "failed",
                              noticeKey: "failed:empty_folder", subject: "s", body: "b", payload: "{}")]
        }
        #expect(seen.value == "pending_review")
        // Back to the first listing: a change again, so it is owed again.
        #expect(try await store.enqueueNotice(folderPath: "/inbox/a", noticeKey: "listing:f1", make: rows("published", key: "listing:f1", channels: ["email"])) == 1)
        #expect(try await store.noticeCounts() == { var c = NoticeCounts(); c.pending = 2; return c }())
    }

    @Test func aRowBeingSentWhenTheProcessDiedIsNeverSentAgain() async throws {
        try await store.enqueueNotice(folderPath: "/inbox/a", noticeKey: "removed", make: rows("removed", key: "removed", channels: ["email"]))
        let row = try #require(try await store.dueNotices(now: 1).first)
        try await store.markNoticeSending(id: row.id!)
        #expect(try await store.markInterruptedNoticesUncertain() == 1)
        #expect(try await store.dueNotices(now: .infinity).isEmpty)
        #expect(try await store.noticeCounts().uncertain == 1)
        // A failure that surely sent nothing waits for its retry time.
        try await store.enqueueNotice(folderPath: "/inbox/b", noticeKey: "removed") { _ in
            [NoticeRow(folderPath: "/inbox/b", propertyId: "b", agent: "olga", channel: "email", outcome: "removed", noticeKey: "removed",
                       subject: "s", body: "b", payload: "{}")]
        }
        let other = try #require(try await store.dueNotices(now: 1).first)
        try await store.markNoticeSending(id: other.id!)
        try await store.markNoticeFailed(id: other.id!, error: "connect", retryAt: 100)
        #expect(try await store.dueNotices(now: 99).isEmpty)
        #expect(try await store.dueNotices(now: 100).map(\.attempts) == [1])
    }
}

final class Box: @unchecked Sendable {
    var value: String?
}
