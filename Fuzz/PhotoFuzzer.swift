// libFuzzer entry point over the photo stage's parsers and decoders. Built together with the
// PhotoProcessing sources as one module (see `make fuzz-photos`), so internal entry points are
// reachable and all of our Swift code is instrumented; the C libraries are the system builds.
// What one input exercises is `PhotoFuzzing.exercise`, which the corpus replay test shares.

@_cdecl("LLVMFuzzerTestOneInput")
public func photoFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    PhotoFuzzing.exercise(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
