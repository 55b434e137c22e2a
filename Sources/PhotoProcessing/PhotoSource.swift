// Reading a photo file and deciding what it is from its first bytes (never from its name), with
// the plain-English reasons an agent reads when a file is not a usable photo. Messages never
// name the file: the caller puts the name in front ("IMG_0001.jpg: it is not a photo: …").
import Foundation

enum ImageFormat: String {
    case jpeg, png, heic
}

enum PhotoSource {
    /// The whole file. Photos are read once and kept in memory for the decoders.
    static func read(_ path: String) throws(PhotoError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw PhotoError(.sourceMissing, "the file was moved or deleted while it was being processed") }
            throw PhotoError(.unreadable, "the file could not be read: it is missing, or there is no permission")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw PhotoError(.decodeFailed, "the file could not be read (not a regular file)")
        }
        guard status.st_size > 0 else {
            throw PhotoError(.empty, "the file is empty (0 bytes); the upload probably failed — please upload it again")
        }
        // Read straight into the array (no intermediate Data); stop at what is there if it shrank.
        let size = Int(status.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let got = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
                if got > 0 { count += got } else if got < 0 && errno == EINTR { continue } else { failed = got < 0; break }
            }
        }
        guard !failed, !bytes.isEmpty else { throw PhotoError(.unreadable, "the file could not be read: a disk error") }
        return bytes
    }

    static func format(of bytes: [UInt8]) throws(PhotoError) -> ImageFormat {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: PNGCodec.signature) { return .png }
        if bytes.count >= 12, bytes[4..<8].elementsEqual("ftyp".utf8) {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            if ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"].contains(brand) { return .heic }
            if brand == "avif" { throw unsupported("an AVIF image") }
            throw unsupported("a video or other media file (\(brand.trimmingCharacters(in: .whitespaces)))")
        }
        if let other = otherImageKind(bytes) { throw unsupported(other) }
        let looksLikeText = bytes.prefix(512).allSatisfy { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let what = looksLikeText ? "it contains text" : "its contents are not picture data"
        throw PhotoError(.notAnImage, "it is not a photo: \(what), not a JPEG, PNG or HEIC image. "
            + "Remove it or replace it with the real photo")
    }

    private static func otherImageKind(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: Array("GIF8".utf8)) { return "a GIF image" }
        if bytes.starts(with: Array("BM".utf8)), bytes.count > 26 { return "a BMP image" }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return "a TIFF or camera RAW image"
        }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WEBP".utf8) {
            return "a WebP image"
        }
        if bytes.starts(with: Array("%PDF".utf8)) { return "a PDF document" }
        return nil
    }

    private static func unsupported(_ what: String) -> PhotoError {
        PhotoError(.unsupportedFormat, "it is \(what); only JPEG, PNG and HEIC photos are used — "
            + "export it as JPEG and upload it again")
    }
}

enum PhotoGuards {
    static func tooManyPixels(_ width: Int, _ height: Int, _ limit: Int) -> PhotoError {
        PhotoError(.tooManyPixels, "the picture is \(width)×\(height) pixels, more than the "
            + "\(limit / 1_000_000)-megapixel limit; upload a smaller version")
    }
}
