#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PhotoProcessing
import PipelineStore

/// Whether a failed run was the server's passing trouble (tried again, nothing remembered) or
/// something only a person can change (the folder vanished, the configuration is wrong). The
/// agent's own files never fail a run: their problems are listed in the published status.
enum FailureCause: Equatable, Sendable {
    /// A phrase for the agent's status: "the server's disk is full".
    case transient(String)
    case permanent

    static func of(_ error: any Error) -> FailureCause {
        if let reason = StoreFailure.reason(for: error) { return .transient(reason) }
        if let error = error as? PhotosNotRendered { return .transient(error.firstProblem) }
        if let error = error as? InputsNotRead { return .transient(error.description) }
        if let error = error as? PipelineError {
            switch error.code {
            case .notAFolder, .configuration, .template: return .permanent
            case .unreadableFolder where error.errno == nil: return .transient("the folder could not be opened")
            default: return .transient(error.errno.map(phrase(errno:)) ?? error.message)
            }
        }
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            return .transient(phrase(errno: underlying.code.rawValue))
        }
        if let error = error as? POSIXError { return .transient(phrase(errno: error.code.rawValue)) }
        // Unknown: trying again costs little (the delay doubles), giving up loses the folder.
        return .transient("\(error)")
    }

    /// Plain words for the system errors that pass by themselves or once someone fixes the server.
    static func phrase(errno number: Int32) -> String {
        switch number {
        case ENOSPC, EDQUOT: "the server's disk is full"
        case EACCES, EPERM: "a file or folder could not be opened (permission denied)"
        case EROFS: "the disk is read-only"
        case EIO: "a disk error"
        case ENOENT: "a file or folder disappeared during the run"
        default: String(cString: strerror(number)).lowercased()
        }
    }
}

/// Photos that could not be rendered for a reason of ours (the disk was full while writing
/// them, no decoder process could start): the run stops before publishing, so a listing never
/// goes out with photos missing that would have worked.
struct PhotosNotRendered: Error, CustomStringConvertible {
    var count: Int
    var firstProblem: String

    var description: String { "\(count) photo(s) could not be processed: \(firstProblem)" }
}

/// Text files listed a moment ago that could not be read when the stage needed them.
struct InputsNotRead: Error, CustomStringConvertible {
    var files: [String]

    var description: String { "\(files.joined(separator: ", ")) could not be read just now" }
}
