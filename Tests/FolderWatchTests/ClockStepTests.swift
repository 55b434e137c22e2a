import FolderWatch
import Foundation
import Synchronization
import Testing
import TestSupport

/// A machine clock whose wall time can be set back (NTP, an operator) while its monotonic time
/// keeps going, as the kernel's CLOCK_REALTIME and CLOCK_MONOTONIC do.
final class SteppedClock: WallClock {
    private let times: Mutex<(wall: Double, monotonic: Double)>
    init(wall: Double) { times = Mutex((wall, 1_000)) }
    func now() -> Double { times.withLock { $0.wall } }
    func monotonic() -> Double { times.withLock { $0.monotonic } }
    /// Real time passes: both clocks move.
    func advance(by seconds: Double) { times.withLock { $0.wall += seconds; $0.monotonic += seconds } }
    /// The wall clock is set back (or forward); the monotonic clock does not notice.
    func stepWall(by seconds: Double) { times.withLock { $0.wall += seconds } }
}

struct ClockStepTests {
    let settle = 15.0
    let clock = SteppedClock(wall: TestInbox.start)
    let watches = RecordingWatches()

    func startedWatcher(_ inbox: TestInbox, done: [String], reconcileInterval: Double = 300) async throws -> InboxWatcher {
        var settings = InboxWatcher.Settings(inbox: inbox.path, settleSeconds: settle)
        settings.reconcileInterval = reconcileInterval
        var watcher = InboxWatcher(settings: settings, watching: watches, clock: clock)
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: inbox.knownDone(done))
        return watcher
    }

    @Test func aClockSetBackAnHourDoesNotHoldAFolderForThatHour() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now() - 100)
        var watcher = try await startedWatcher(inbox, done: ["villa"])
        let villa = inbox.folder("villa")

        // The photo is written, then the wall clock jumps back an hour: its mtime is in the future.
        try inbox.write("villa/a.jpg", at: clock.now())
        _ = watcher.handle([.init(watch: try #require(watches.descriptor(of: villa)), mask: mask(IN_CLOSE_WRITE), name: "a.jpg")])
        clock.stepWall(by: -3600)
        clock.advance(by: settle - 0.5)
        #expect(await watcher.tick().isEmpty, "still inside the settle window")
        clock.advance(by: 0.5)
        #expect(dispatched(await watcher.tick()) == [villa], "due after the settle window of real time, not an hour later")
    }

    @Test func aFolderFoundAtStartUpWithFutureTimesIsDueAfterOneSettleWindow() async throws {
        let inbox = try TestInbox()
        try inbox.write("condo/description.txt", at: clock.now() + 3600)  // written before the clock was set back
        var watcher = try await startedWatcher(inbox, done: [])
        let condo = inbox.folder("condo")
        #expect(dispatched(await watcher.tick()).isEmpty)
        clock.advance(by: settle)
        #expect(dispatched(await watcher.tick()) == [condo])
    }

    @Test func thePeriodicReconciliationKeepsItsRhythmWhenTheClockIsSetBack() async throws {
        let inbox = try TestInbox()
        var watcher = try await startedWatcher(inbox, done: [], reconcileInterval: 60)
        clock.stepWall(by: -3600)
        clock.advance(by: 60)
        #expect(await watcher.tick() == [.reconcile(reason: "periodic")])
    }
}

/// The backoff of folders that failed on the server's trouble, on the monotonic seconds it is given.
struct RetryScheduleTests {
    @Test func retriesWaitLongerAfterEachFailureAndStopWhenCleared() {
        var schedule = RetrySchedule(firstDelay: 30, maxDelay: 100)
        #expect(schedule.failed("villa", now: 0) == 30)
        #expect(schedule.takeDue(now: 29.9).isEmpty)
        #expect(schedule.takeDue(now: 30) == ["villa"])
        #expect(schedule.takeDue(now: 31).isEmpty, "taken once")
        #expect(schedule.failed("villa", now: 31) == 60)
        #expect(schedule.failed("villa", now: 91) == 100, "capped")
        schedule.clear("villa")
        #expect(schedule.takeDue(now: 10_000).isEmpty)
        #expect(schedule.failed("villa", now: 10_000) == 30, "a new fault starts from the first delay")
    }
}
