public import Foundation

/// A moment as the agent reads it: the wall-clock date and time in the agent's time zone
/// (`[status] time_zone`, Asia/Bangkok by default). Each catalog writes it its own way
/// ("7 Dec 2026, 17:32", "7 ธ.ค. 2569 17:32", "7 дек. 2026, 17:32").
public struct StatusTime: Sendable, Equatable {
    public var year: Int
    /// 1…12
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        (self.year, self.month, self.day, self.hour, self.minute) = (year, month, day, hour, minute)
    }

    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0)
    }

    /// "17:32": hours and minutes, as every one of our languages writes a time.
    public var clock: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// The agency's default time zone; a name the system does not know falls back to it.
    public static let defaultTimeZoneName = "Asia/Bangkok"

    public static func timeZone(named name: String?) -> TimeZone? {
        TimeZone(identifier: name ?? defaultTimeZoneName)
    }
}
