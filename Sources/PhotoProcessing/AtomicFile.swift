// Writing a derived file so that no reader ever sees half of it: a hidden temp file in the same
// directory, renamed over the target. No fsync: a killed process never leaves a torn file, and the
// photo stage can always re-derive these from the originals.
import Foundation

enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws(PhotoError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temp = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let descriptor = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: bytes)
            try handle.close()
            guard rename(temp.path, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            unlink(temp.path)
            throw PhotoError(.writeFailed, "the derived photo could not be written (\(error.localizedDescription))")
        }
    }
}
