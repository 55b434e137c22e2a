#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PhotoProcessing
import PipelineStore
import PropertyCore

/// How a run that threw ended, decided once by the error's type: the server's passing trouble
/// (the folder is paused and tried again, nothing remembered) or something only a person can
/// change (the configuration). The agent's own files never fail a run this way: their problems
/// are listed in the published status. `detail` is the operator's (the log, `last_error`).
enum RunFailure: Equatable, Sendable {
    case transient(PauseReason, detail: String)
    case permanent(FailureCause, detail: String)

    static func of(_ error: any Error) -> RunFailure {
        let detail = "\(error)"
        if let reason = StoreFailure.pauseReason(for: error) {
            return .transient(reason, detail: StoreFailure.reason(for: error) ?? detail)
        }
        if let error = error as? PhotosNotRendered { return .transient(error.reason, detail: error.description) }
        if let error = error as? InputsNotRead { return .transient(.cannotOpen, detail: error.description) }
        if let error = error as? PipelineError {
            switch error.code {
            case .notAFolder, .configuration, .template: return .permanent(.serverSetup, detail: detail)
            case .unreadableFolder where error.errno == nil: return .transient(.cannotOpen, detail: detail)
            default:
                guard let number = error.errno else { return .transient(.serverProblem, detail: detail) }
                return .transient(pauseReason(errno: number), detail: "\(phrase(errno: number)) (\(detail))")
            }
        }
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            let number = underlying.code.rawValue
            return .transient(pauseReason(errno: number), detail: "\(phrase(errno: number)) (\(detail))")
        }
        if let error = error as? POSIXError {
            return .transient(pauseReason(errno: error.code.rawValue), detail: "\(phrase(errno: error.code.rawValue)) (\(detail))")
        }
        // Unknown: trying again costs little (the delay doubles), giving up loses the folder.
        return .transient(.serverProblem, detail: detail)
    }

    /// The system errors that pass by themselves or once someone fixes the server.
    static func pauseReason(errno number: Int32) -> PauseReason {
        switch number {
        case ENOSPC, EDQUOT: .diskFull
        case EACCES, EPERM: .cannotOpen
        case EROFS: .diskReadOnly
        case EIO: .diskError
        default: .serverProblem
        }
    }

    /// Plain words for the operator's log.
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
    var reason: PauseReason

    var description: String { "\(count) photo(s) could not be processed: \(firstProblem)" }
}

/// Text files listed a moment ago that could not be read when the stage needed them.
struct InputsNotRead: Error, CustomStringConvertible {
    var files: [String]

    var description: String { "\(files.joined(separator: ", ")) could not be read just now" }
}
