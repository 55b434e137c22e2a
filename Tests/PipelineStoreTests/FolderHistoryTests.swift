import Foundation
import Logging
import PipelineStore
import PostgresQueue
import PropertyCore
import Testing
import TestSupport

/// The folder history's rules, the same for SQLite and for PostgreSQL (one protocol, two
/// implementations): each test runs once per `HistoryKind.available`.
struct FolderHistoryTests {
    /// Metrics and the status line count paused folders by reason (a folder the service cannot
    /// open or write shows as cannot_open), in this inbox only.
    @Test(arguments: HistoryKind.available)
    func pausedFoldersAreCountedByReason(_ kind: HistoryKind) async throws {
        try await HistoryUnderTest.withStore(kind) { store in
            try await store.setState(.paused, .init(pause: .cannotOpen, error: "permission denied"), folderPath: "/inbox/a", propertyId: "a")
            try await store.setState(.paused, .init(pause: .cannotOpen, error: "permission denied"), folderPath: "/inbox/b", propertyId: "b")
            try await store.setState(.paused, .init(pause: .diskFull, error: "ENOSPC"), folderPath: "/inbox/c", propertyId: "c")
            try await store.setState(.paused, .init(pause: .diskFull, error: "ENOSPC"), folderPath: "/other/d", propertyId: "d")
            try await store.setState(.waiting, folderPath: "/inbox/e", propertyId: "e")
            #expect(try await store.pausedCounts(inboxPath: "/inbox") == [.cannotOpen: 2, .diskFull: 1])
            #expect(try await store.pausedCounts(inboxPath: "/other") == [.diskFull: 1])
            #expect(try await store.folderCounts(inboxPath: "/inbox") == [.paused: 3, .waiting: 1])
        }
    }

    @Test(arguments: HistoryKind.available)
    func aFolderRowIsCreatedOnFirstSightAndUpdatedAfter(_ kind: HistoryKind) async throws {
        try await HistoryUnderTest.withStore(kind) { store in
            #expect(try await store.folder(at: "/inbox/a") == nil)
            try await store.setState(.waiting, folderPath: "/inbox/a", propertyId: "a")
            try await store.setState(.processing, .init(stage: .photos), folderPath: "/inbox/a", propertyId: "a")
            let record = try #require(try await store.folder(at: "/inbox/a"))
            #expect(record.state == .processing && record.stage == .photos && record.propertyId == "a")
            try await store.setState(.paused, .init(pause: .diskFull, error: "will try again: ENOSPC"), folderPath: "/inbox/a", propertyId: "a")
            let paused = try #require(try await store.folder(at: "/inbox/a"))
            #expect(paused.pauseReason == .diskFull && paused.stage == nil && paused.failureCause == nil)
            try await store.setState(.failed, .init(failure: .emptyFolder, error: "nothing"), folderPath: "/inbox/a", propertyId: "a")
            let failed = try #require(try await store.folder(at: "/inbox/a"))
            #expect(failed.failureCause == .emptyFolder && failed.pauseReason == nil && failed.lastError == "nothing")
            #expect(try await store.allFolders().map(\.path) == ["/inbox/a"])
        }
    }

    /// The guard against publishing the same listing twice: the same fingerprint records nothing.
    @Test(arguments: HistoryKind.available)
    func theSameFingerprintIsPublishedOnce(_ kind: HistoryKind) async throws {
        try await HistoryUnderTest.withStore(kind) { store in
            try await store.setState(.processing, folderPath: "/inbox/b", propertyId: "b")
            #expect(try await store.recordPublish(folderPath: "/inbox/b", fingerprint: "f1", state: .done))
            let first = try #require(try await store.folder(at: "/inbox/b"))
            #expect(try await !store.recordPublish(folderPath: "/inbox/b", fingerprint: "f1", state: .done))
            #expect(try await store.folder(at: "/inbox/b")?.publishedAt == first.publishedAt)
            #expect(try await store.recordPublish(folderPath: "/inbox/b", fingerprint: "f2", state: .needsAttention))
            let record = try #require(try await store.folder(at: "/inbox/b"))
            #expect(record.publishCount == 2 && record.publishedFingerprint == "f2" && record.state == .needsAttention)
            #expect(record.fingerprint == "f2" && record.stage == nil && record.publishedAt != nil)
            // A folder the store never saw cannot be published.
            #expect(try await !store.recordPublish(folderPath: "/inbox/unknown", fingerprint: "f", state: .done))
        }
    }

    /// Two runs recording the same publish at once (two hosts, in the shared history): one counts it.
    @Test(arguments: HistoryKind.available)
    func concurrentPublishesOfOneFingerprintCountOnce(_ kind: HistoryKind) async throws {
        try await HistoryUnderTest.withStore(kind) { store in
            try await store.setState(.processing, folderPath: "/inbox/c", propertyId: "c")
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { try await store.recordPublish(folderPath: "/inbox/c", fingerprint: "f", state: .done) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await store.folder(at: "/inbox/c")?.publishCount == 1)
        }
    }

    /// The host's inputs reference its copy of the folder's row, also when the row was made by
    /// another host (in the shared history) and this one never wrote it.
    @Test(arguments: HistoryKind.available)
    func inputsAreReplacedWholeAndGroupedByFolder(_ kind: HistoryKind) async throws {
        try await HistoryUnderTest.withStore(kind) { store in
            try await store.setState(.processing, folderPath: "/inbox/c", propertyId: "c")
            // Written to the history alone, as another host would: this host has no copy of the row yet.
            _ = try await store.folders.setState(.queued, .init(), folderPath: "/inbox/d", propertyId: "d")
            func input(_ folder: String, _ path: String) -> InputRecord {
                InputRecord(folderPath: folder, relativePath: path, kind: "photo", bytes: 10, mtimeNs: 1, inode: 2, sha256: "h")
            }
            try await store.replaceInputs(of: "/inbox/c", with: [input("/inbox/c", "1.jpg"), input("/inbox/c", "2.jpg")])
            try await store.replaceInputs(of: "/inbox/d", with: [input("/inbox/d", "x.jpg")])
            try await store.replaceInputs(of: "/inbox/c", with: [input("/inbox/c", "3.jpg")])
            #expect(try await store.inputs(of: "/inbox/c").map(\.relativePath) == ["3.jpg"])
            let grouped = try await store.inputsByFolder()
            #expect(grouped.mapValues { $0.map(\.relativePath).sorted() } == ["/inbox/c": ["3.jpg"], "/inbox/d": ["x.jpg"]])
        }
    }

    /// `migrate`: every row copied as it was, and a second run copies nothing.
    @Test(arguments: HistoryKind.available)
    func importingCopiesEachFolderOnce(_ kind: HistoryKind) async throws {
        let directory = try TemporaryDirectory("history-source")
        let source = PipelineStore(database: try AppDatabase.open(stateDirectory: directory.appending("state")))
        try await source.setState(.processing, folderPath: "/inbox/villa", propertyId: "villa")
        #expect(try await source.recordPublish(folderPath: "/inbox/villa", fingerprint: "fp", state: .done, note: "AI pending: x"))
        try await source.setState(.paused, .init(stage: nil, pause: .diskFull, error: "will try again: ENOSPC"),
                                  folderPath: "/inbox/condo", propertyId: "condo")
        try await source.setState(.failed, .init(failure: .onlyVoiceMemo, error: "memo only"), folderPath: "/elsewhere/x", propertyId: "x")
        let rows = try await source.allFolders()
        try await HistoryUnderTest.withStore(kind) { store in
            try await store.setState(.waiting, folderPath: "/inbox/condo", propertyId: "condo")  // a host got there first
            let first = try await store.folders.importFolders(from: source.folders)
            #expect(first.copied.map(\.path) == ["/elsewhere/x", "/inbox/villa"])
            #expect(first.alreadyThere.map(\.path) == ["/inbox/condo"])
            let again = try await store.folders.importFolders(from: source.folders)
            #expect(again.copied.isEmpty && again.alreadyThere.count == 3)
            let copied = try await store.allFolders()
            #expect(copied.filter { $0.path != "/inbox/condo" } == rows.filter { $0.path != "/inbox/condo" })
            #expect(try await store.folder(at: "/inbox/condo")?.state == .waiting)
        }
    }
}

/// What only the shared history does: hosts that mount the inbox in different places.
struct SharedFolderHistoryTests {
    @Test(.enabled(if: HistoryKind.postgresURL != nil, "needs PROPERTY_INBOX_TEST_POSTGRES_URL"))
    func hostsMountingTheInboxElsewhereSeeTheSameFolders() async throws {
        try await HistoryUnderTest.withPostgres { queue in
            let fileServer = PostgresFolderHistory(queue: queue, inbox: "/srv/inbox")
            let worker = PostgresFolderHistory(queue: queue, inbox: "/mnt/inbox/")
            _ = try await fileServer.setState(.waiting, .init(), folderPath: "/srv/inbox/villa", propertyId: "villa")
            _ = try await worker.setState(.processing, .init(stage: .extract), folderPath: "/mnt/inbox/villa", propertyId: "villa")
            let published = try await worker.recordPublish(folderPath: "/mnt/inbox/villa", fingerprint: "fp", state: .done, pause: nil, note: nil)
            #expect(published?.isNew == true && published?.record.path == "/mnt/inbox/villa" && published?.record.publishCount == 1)
            let again = try await fileServer.recordPublish(folderPath: "/srv/inbox/villa", fingerprint: "fp", state: .done, pause: nil, note: nil)
            #expect(again?.isNew == false && again?.record.path == "/srv/inbox/villa" && again?.record.publishCount == 1)
            #expect(try await fileServer.allFolders().map(\.path) == ["/srv/inbox/villa"])
            #expect(try await worker.folder(at: "/mnt/inbox/villa")?.publishCount == 1)
            #expect(try await fileServer.folderCounts(inboxPath: "/srv/inbox") == [.done: 1])
            // Without an inbox (status on a host that names none) the rows show by their relative paths.
            #expect(try await PostgresFolderHistory(queue: queue, inbox: nil).allFolders().map(\.path) == ["villa"])
        }
    }

    /// A database that does not answer is the server's trouble: the run pauses (reason
    /// `database`) and is tried again, never failed.
    @Test(.enabled(if: HistoryKind.postgresURL != nil, "needs PROPERTY_INBOX_TEST_POSTGRES_URL"))
    func aDatabaseThatIsGonePausesTheRun() async throws {
        let server = try #require(HistoryKind.postgresURL)
        var parts = try #require(URLComponents(string: server))
        parts.path = "/pi_no_such_database"
        let queue = try PostgresJobQueue(url: try #require(parts.string), logger: .init(label: "test"))
        let client = Task { await queue.run() }
        defer { client.cancel() }
        let error = await #expect(throws: SharedStoreFailure.self) {
            try await PostgresFolderHistory(queue: queue, inbox: "/inbox").folder(at: "/inbox/a")
        }
        #expect(error.map(StoreFailure.pauseReason(for:)) == .database)
    }
}
