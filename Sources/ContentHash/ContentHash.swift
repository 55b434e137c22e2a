import CCrypto
public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 of files, bytes and strings — for input hashes and cache keys. The only owner of
/// OpenSSL's libcrypto.
public enum ContentHash {
    /// A file that could not be hashed, with the system's error number (ENOENT, EACCES, ELOOP for a link …).
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var errno: Int32
        public var description: String

        static func current(_ what: String) -> ReadError {
            let number = Glibc.errno
            return ReadError(errno: number, description: "\(what) (\(String(cString: strerror(number))))")
        }
    }

    public static func sha256(ofFileAt path: String) throws(ReadError) -> String {
        try sha256(ofOpened: open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW))
    }

    /// For a path given as the exact bytes on disk (a name that is not UTF-8, or not in NFC).
    public static func sha256(ofFileAtSystemPath path: UnsafePointer<CChar>) throws(ReadError) -> String {
        try sha256(ofOpened: open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW))
    }

    /// Hashes and closes `fd`, the result of `open` (-1 and errno when it failed).
    private static func sha256(ofOpened fd: Int32) throws(ReadError) -> String {
        guard fd >= 0 else { throw ReadError.current("cannot open file") }
        defer { close(fd) }
        guard let context = EVP_MD_CTX_new() else { throw ReadError(errno: ENOMEM, description: "out of memory") }
        defer { EVP_MD_CTX_free(context) }
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError.current("cannot read file")
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, count) }
        }
        return finish(context)
    }

    public static func sha256(of data: Data) -> String {
        digest(of: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The raw 32-byte digest.
    public static func digest(of data: Data) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { return [] }
        defer { EVP_MD_CTX_free(context) }
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
        data.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        return finishRaw(context)
    }

    public static func sha256(of string: String) -> String { sha256(of: Data(string.utf8)) }

    /// HMAC-SHA256 of `data` under `key`, as lowercase hex (signs the rebuild hook's webhook body).
    public static func hmacSHA256(key: Data, data: Data) -> String {
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBytes { keyBytes in
            data.withUnsafeBytes { dataBytes in
                _ = HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                         dataBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), dataBytes.count, &mac, &length)
            }
        }
        return mac.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    private static func finish(_ context: OpaquePointer) -> String {
        finishRaw(context).map { String(format: "%02x", $0) }.joined()
    }

    private static func finishRaw(_ context: OpaquePointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return Array(digest.prefix(Int(length)))
    }
}
