// Everything the photo fuzzer drives with one input, in one place: the libFuzzer entry
// (Fuzz/PhotoFuzzer.swift) and the corpus replay in the tests call the same function, so an input
// that once crashed stays in Fuzz/corpus and is replayed by every `swift test`.

enum PhotoFuzzing {
    static func exercise(_ bytes: [UInt8]) {
        // EXIF parsing (libexif) on arbitrary bytes, as an APP1 payload would reach it.
        _ = ExifReader.read((Array("Exif\0\0".utf8) + bytes)[...])
        // Marker walking and ICC reassembly, and ICC insertion into a valid stream.
        let segments = JPEGMarkers.scan(bytes)
        if let profile = segments.iccProfile { _ = JPEGMarkers.insertingICC(profile, into: bytes) }
        _ = PNGCodec.iccProfile(bytes)

        // Header inspection and the full decode → orient → resize → encode path, with a small
        // pixel limit so one input cannot take the fuzzer's memory or time.
        guard let format = try? PhotoSource.format(of: bytes) else { return }
        guard let inspection = try? PhotoInspector.inspect(bytes: bytes, format: format) else { return }
        var options = RenderOptions()
        options.maxPixels = 4_000_000
        options.largeLongEdge = 256
        options.thumbLongEdge = 64
        _ = try? PhotoRenderer.render(bytes: bytes, options: options)
        // The vision model's path: an odd target size, decoded at the smallest DCT scale.
        guard inspection.info.width <= options.maxPixels / inspection.info.height,
              let (source, _) = try? PhotoRenderer.decode(bytes, inspection, minLongEdge: 33, maxPixels: options.maxPixels)
        else { return }
        let image = PhotoRenderer.resize(source, to: (33, 17), orientation: Orientation(exif: inspection.info.orientation),
                                         kernel: .lanczos3)
        _ = try? TurboJPEG.encode(image, quality: 80)
    }
}
