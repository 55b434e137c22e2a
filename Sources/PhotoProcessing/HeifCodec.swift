// The one owner of libheif: HEIC/HEIF primary image size, EXIF block, colour profile and pixels.
// libheif applies the container's rotation and mirroring (irot/imir) itself, so sizes reported
// here are already upright and EXIF orientation must never be applied on top.
internal import CHeif

struct HeifHeader {
    /// Upright size (after libheif's transformations).
    var width: Int
    var height: Int
    /// EXIF payload rebuilt to start with "Exif\0\0" for libexif.
    var exif: [UInt8]?
    var iccProfile: [UInt8]?
}

enum HeifCodec {
    static func header(_ bytes: [UInt8]) throws(PhotoError) -> HeifHeader {
        try withPrimaryImage(bytes) { handle throws(PhotoError) in try header(of: handle) }
    }

    /// Decodes the primary image to interleaved RGB after checking its size against `maxPixels`.
    static func decodeRGB(_ bytes: [UInt8], maxPixels: Int) throws(PhotoError) -> (header: HeifHeader, rgb: [UInt8]) {
        try withPrimaryImage(bytes) { handle throws(PhotoError) in
            let header = try header(of: handle)
            guard header.width * header.height <= maxPixels else { throw PhotoGuards.tooManyPixels(header.width, header.height, maxPixels) }
            let options = heif_decoding_options_alloc()
            defer { heif_decoding_options_free(options) }
            options?.pointee.convert_hdr_to_8bit = 1
            var image: OpaquePointer?
            try check(heif_decode_image(handle, &image, heif_colorspace_RGB, heif_chroma_interleaved_RGB, options),
                      "the HEIC picture data is damaged")
            guard let image else { throw PhotoError(.decodeFailed, "the HEIC image could not be decoded") }
            defer { heif_image_release(image) }
            let width = Int(heif_image_get_width(image, heif_channel_interleaved))
            let height = Int(heif_image_get_height(image, heif_channel_interleaved))
            var stride: Int32 = 0
            guard width > 0, height > 0, width * height <= maxPixels,
                  let plane = heif_image_get_plane_readonly(image, heif_channel_interleaved, &stride), Int(stride) >= width * 3
            else { throw PhotoError(.decodeFailed, "the HEIC image decoded to an unusable picture") }
            var rgb = [UInt8](repeating: 0, count: width * height * 3)
            rgb.withUnsafeMutableBufferPointer { out in
                for row in 0..<height {
                    (out.baseAddress! + row * width * 3).update(from: plane + row * Int(stride), count: width * 3)
                }
            }
            return (HeifHeader(width: width, height: height, exif: header.exif, iccProfile: header.iccProfile), rgb)
        }
    }

    private static func withPrimaryImage<R>(_ bytes: [UInt8], _ body: (OpaquePointer) throws(PhotoError) -> R) throws(PhotoError) -> R {
        guard let context = heif_context_alloc() else { throw PhotoError(.decodeFailed, "the HEIC library could not start") }
        defer { heif_context_free(context) }
        let result = bytes.withUnsafeBytes { raw -> Result<R, PhotoError> in
            do throws(PhotoError) {
                try check(heif_context_read_from_memory_without_copy(context, raw.baseAddress, raw.count, nil),
                          "the HEIC file is damaged or of an unsupported kind")
                var handle: OpaquePointer?
                try check(heif_context_get_primary_image_handle(context, &handle), "the HEIC file has no main picture")
                guard let handle else { throw PhotoError(.decodeFailed, "the HEIC file has no main picture") }
                defer { heif_image_handle_release(handle) }
                return .success(try body(handle))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func header(of handle: OpaquePointer) throws(PhotoError) -> HeifHeader {
        let width = Int(heif_image_handle_get_width(handle)), height = Int(heif_image_handle_get_height(handle))
        guard width > 0, height > 0 else { throw PhotoError(.decodeFailed, "the HEIC file does not say how big the picture is") }
        return HeifHeader(width: width, height: height, exif: exifBlock(handle), iccProfile: iccProfile(handle))
    }

    private static func exifBlock(_ handle: OpaquePointer) -> [UInt8]? {
        var id: heif_item_id = 0
        guard heif_image_handle_get_list_of_metadata_block_IDs(handle, "Exif", &id, 1) == 1 else { return nil }
        let size = heif_image_handle_get_metadata_size(handle, id)
        guard size > 10, size < 16 << 20 else { return nil }
        var block = [UInt8](repeating: 0, count: size)
        guard heif_image_handle_get_metadata(handle, id, &block).code == heif_error_Ok else { return nil }
        // ISO 23008-12: a 4-byte big-endian offset to the TIFF header, then the TIFF data.
        let offset = Int(block[0]) << 24 | Int(block[1]) << 16 | Int(block[2]) << 8 | Int(block[3])
        guard offset >= 0, 4 + offset < block.count else { return nil }
        return Array("Exif\0\0".utf8) + block[(4 + offset)...]
    }

    private static func iccProfile(_ handle: OpaquePointer) -> [UInt8]? {
        let size = heif_image_handle_get_raw_color_profile_size(handle)
        guard size > 0, size < 4 << 20 else { return nil }
        var profile = [UInt8](repeating: 0, count: size)
        guard heif_image_handle_get_raw_color_profile(handle, &profile).code == heif_error_Ok else { return nil }
        return profile
    }

    private static func check(_ error: heif_error, _ what: String) throws(PhotoError) {
        guard error.code != heif_error_Ok else { return }
        let detail = error.message.map { String(cString: $0) } ?? "unknown error"
        throw PhotoError(.decodeFailed, "\(what) (\(detail))")
    }
}
