public import Foundation
public import Logging
#if canImport(Glibc)
import Glibc
#endif

/// How log lines reach the operator: plain text on a terminal, syslog priorities under systemd
/// (journald reads a `<N>` prefix as the line's priority, so `journalctl -p err` finds errors),
/// or one JSON object per line for log shippers.
public enum LogFormat: String, Sendable {
    case plain, journal, json

    /// `PROPERTY_INBOX_LOG_FORMAT=json|plain|journal` wins; else `journal` when standard error is
    /// the journal stream systemd gave us (`JOURNAL_STREAM` names its device and inode), else `plain`.
    static func choose(environment: [String: String], standardErrorIdentity: String?) -> LogFormat {
        if let explicit = environment["PROPERTY_INBOX_LOG_FORMAT"].flatMap(LogFormat.init(rawValue:)) { return explicit }
        if let stream = environment["JOURNAL_STREAM"], let identity = standardErrorIdentity, stream == identity { return .journal }
        return .plain
    }

    /// "device:inode" of standard error, the form `JOURNAL_STREAM` uses.
    static func standardErrorIdentity() -> String? {
        var info = stat()
        guard fstat(2, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }
}

/// Writes each record as one line to standard error, in one `write(2)`, so lines from several
/// threads never interleave.
public struct OperatorLogHandler: LogHandler {
    public var logLevel: Logger.Level = .notice
    public var metadata: Logger.Metadata = [:]
    let label: String
    let format: LogFormat
    let sink: @Sendable (String) -> Void

    public init(label: String, format: LogFormat, sink: @escaping @Sendable (String) -> Void = OperatorLogHandler.standardError) {
        self.label = label
        self.format = format
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        sink(Self.line(level: event.level, message: "\(event.message)", metadata: merged, label: label, format: format, date: Date()))
    }

    static func line(level: Logger.Level, message: String, metadata: Logger.Metadata, label: String, format: LogFormat,
                     date: Date) -> String {
        let pairs = metadata.sorted { $0.key < $1.key }
        switch format {
        case .json:
            var object: [String: String] = ["time": Self.timestamp(date), "level": level.rawValue, "label": label, "message": message]
            for (key, value) in pairs where object[key] == nil { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        case .journal:
            // journald adds its own timestamp; the prefix sets PRIORITY.
            let fields = pairs.map { " \($0.key)=\($0.value)" }.joined()
            return "<\(priority(level))>\(label): \(message)\(fields)\n"
        case .plain:
            let fields = pairs.map { " \($0.key)=\($0.value)" }.joined()
            return "\(Self.timestamp(date)) \(level) \(label):\(fields) \(message)\n"
        }
    }

    /// syslog(3) priorities, as journald reads them.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 { if errno == EINTR { continue } else { return } }
            offset += written
        }
    }
}
