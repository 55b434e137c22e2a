#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which one, and the real errno, read right after the call.
public struct SystemCallError: Error, CustomStringConvertible, Equatable {
    public var call: String
    public var errno: Int32

    public var description: String { "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))" }

    /// Runs a syscall that signals failure with -1, retrying when a signal interrupted it.
    /// Every syscall in this module goes through here, so errno is handled in one place.
    @discardableResult
    static func check<T: BinaryInteger>(_ call: String, _ body: () -> T) throws(SystemCallError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemCallError(call: call, errno: code)
        }
    }
}
