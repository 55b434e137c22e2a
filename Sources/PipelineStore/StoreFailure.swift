import GRDB
public import PropertyCore

/// Database errors in words for the agent's status. Every SQLite error during a folder's run is
/// the server's trouble (busy, full, read-only, damaged), never the agent's files.
public enum StoreFailure {
    /// A short phrase when `error` came from the database; nil otherwise.
    public static func reason(for error: any Error) -> String? {
        if let error = error as? SharedStoreFailure { return "the shared database did not answer (\(error.detail))" }
        guard let error = error as? DatabaseError else { return nil }
        return switch error.resultCode {
        case .SQLITE_FULL: "the server's disk is full (state database)"
        case .SQLITE_BUSY, .SQLITE_LOCKED: "the state database was busy"
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: "the state database could not be written"
        default: "the state database reported an error (\(error.resultCode))"
        }
    }

    /// Why a run that hit this database error is paused; nil when `error` is not the database's.
    public static func pauseReason(for error: any Error) -> PauseReason? {
        if error is SharedStoreFailure { return .database }
        guard let error = error as? DatabaseError else { return nil }
        return error.resultCode == .SQLITE_FULL ? .diskFull : .database
    }
}

/// The folder history shared by several hosts (PostgreSQL) could not be read or written: the
/// server's trouble, like a busy SQLite file. The folder is paused and tried again.
public struct SharedStoreFailure: Error, CustomStringConvertible {
    public var detail: String
    public init(_ detail: String) { self.detail = detail }
    public var description: String { "the shared database: \(detail)" }
}
