#if canImport(Glibc)
import Glibc
#endif

/// The watcher's time, injected so tests move it by hand instead of sleeping.
///
/// Wall-clock seconds since 1970 rather than a monotonic instant: readiness compares "now" with
/// file modification times, and those are wall-clock.
public protocol WallClock: Sendable {
    func now() -> Double
}

/// The machine's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
