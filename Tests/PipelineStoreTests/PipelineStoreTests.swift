import Foundation
import PipelineStore
import PropertyCore
import Testing
import TestSupport

/// The store against a real SQLite file in a temporary state directory.
struct PipelineStoreTests {
    let directory: TemporaryDirectory
    let store: PipelineStore

    init() throws {
        directory = try TemporaryDirectory("pipeline-store")
        store = PipelineStore(database: try AppDatabase.open(stateDirectory: directory.appending("state")))
    }

    @Test func stageOutputsRoundTripAndTheLatestWins() async throws {
        #expect(try await store.stageOutput(forKey: "k") == nil)
        try await store.storeStageOutput(Data("one".utf8), stage: "extract", key: "k")
        try await store.storeStageOutput(Data("two".utf8), stage: "extract", key: "k")
        #expect(try await store.stageOutput(forKey: "k") == Data("two".utf8))
    }

    @Test func runsRecordWhatRanAndWhatWasReused() async throws {
        let id = try await store.startRun(folderPath: "/inbox/e")
        try await store.finishRun(id, outcome: "done", stagesRun: ["text", "photos"], stagesReused: ["voice"], fingerprint: "fp")
        let second = try await store.startRun(folderPath: "/inbox/e")
        #expect(second > id)
    }

    /// State survives closing and reopening the file (the daemon restarts often).
    @Test func stateSurvivesReopeningTheDatabase() async throws {
        try await store.setState(.done, folderPath: "/inbox/f", propertyId: "f")
        let reopened = PipelineStore(database: try AppDatabase.open(stateDirectory: directory.appending("state")))
        #expect(try await reopened.folder(at: "/inbox/f")?.state == .done)
    }
}

/// What the daemon finds at start-up when the state file is damaged or not a database at all.
struct DamagedDatabaseTests {
    func makeDatabase(in state: URL) async throws {
        let store = PipelineStore(database: try AppDatabase.open(stateDirectory: state))
        for index in 0..<400 {
            try await store.setState(.done, .init(error: String(repeating: "x", count: 200)), folderPath: "/inbox/f\(index)", propertyId: "f\(index)")
        }
    }

    @Test func pagesOfGarbageMidFileAreMovedAsideAndANewDatabaseIsCreated() async throws {
        let directory = try TemporaryDirectory("damaged-db")
        let state = directory.appending("state")
        try await makeDatabase(in: state)
        let file = AppDatabase.file(inStateDirectory: state)
        let handle = try FileHandle(forWritingTo: file)
        try handle.seek(toOffset: 8192)
        try handle.write(contentsOf: Data((0..<16384).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        try handle.close()

        let reopened = try AppDatabase.open(stateDirectory: state)
        #expect(reopened.recovery?.contains("moved to") == true, "\(String(describing: reopened.recovery))")
        let names = try FileManager.default.contentsOfDirectory(atPath: state.path)
        #expect(names.contains { $0.hasPrefix("state.sqlite.damaged-") }, "\(names)")
        let store = PipelineStore(database: reopened)
        #expect(try await store.allFolders().isEmpty)
        try await store.setState(.waiting, folderPath: "/inbox/new", propertyId: "new")
        try await store.probeWrite()
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        let directory = try TemporaryDirectory("not-a-db")
        let state = directory.appending("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let file = AppDatabase.file(inStateDirectory: state)
        try Data("these are someone's notes, not a database\n".utf8).write(to: file)
        #expect(throws: AppDatabase.NotADatabase.self) { try AppDatabase.open(stateDirectory: state) }
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("these are someone's notes"))
    }

    @Test func aHealthyDatabaseReopensWithoutRecovery() async throws {
        let directory = try TemporaryDirectory("healthy-db")
        let state = directory.appending("state")
        try await makeDatabase(in: state)
        let reopened = try AppDatabase.open(stateDirectory: state)
        #expect(reopened.recovery == nil)
        #expect(try await PipelineStore(database: reopened).allFolders().count == 400)
    }
}
