// libFuzzer entry point over the photo stage's parsers and decoders. Built together with the
// PhotoProcessing sources as one module (see `make fuzz-photos`), so internal entry points are
// reachable and all of our Swift code is instrumented; the C libraries are the system builds.

@_cdecl("LLVMFuzzerTestOneInput")
public func photoFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    // EXIF parsing (libexif) on arbitrary bytes, as an APP1 payload would reach it.
    _ = ExifReader.read((Array("Exif\0\0".utf8) + bytes)[...])
    // Marker walking and ICC reassembly, and ICC insertion into a valid stream.
    let segments = JPEGMarkers.scan(bytes)
    if let profile = segments.iccProfile { _ = JPEGMarkers.insertingICC(profile, into: bytes) }
    _ = PNGCodec.iccProfile(bytes)

    // Header inspection and the full decode → orient → resize → encode path, with a small pixel
    // limit so one input cannot take the fuzzer's memory or time.
    guard let format = try? PhotoSource.format(of: bytes) else { return 0 }
    _ = try? PhotoInspector.inspect(bytes: bytes, format: format)
    var options = RenderOptions()
    options.maxPixels = 4_000_000
    options.largeLongEdge = 256
    options.thumbLongEdge = 64
    _ = try? PhotoRenderer.render(bytes: bytes, options: options)
    return 0
}
