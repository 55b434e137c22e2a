#if canImport(Glibc)
import Glibc
#endif

/// The watcher's time, injected so tests move it by hand instead of sleeping.
///
/// `now()` is wall-clock seconds since 1970: readiness compares it with file modification times,
/// which are wall-clock. Waiting (settle windows, polls, reconciliations) runs on `monotonic()`,
/// which no clock step moves, so a wall clock set back an hour does not freeze the inbox for an hour.
public protocol WallClock: Sendable {
    func now() -> Double
    /// Seconds since any fixed origin, never going back.
    func monotonic() -> Double
}

extension WallClock {
    /// A clock that is never stepped (tests that move time by hand) keeps one timeline.
    public func monotonic() -> Double { now() }
}

/// The machine's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    public func monotonic() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
