// photo-bench: renders every JPEG/PNG/HEIC in a folder the way the photo stage does (orient +
// 1568 px + 400 px thumbnail, q85) and prints the per-photo time and the peak memory.
// Usage: photo-bench <input-dir> <output-dir> [workers]   (built by Benchmarks/photos/bench.sh)
import Foundation
import PhotoProcessing
import Synchronization

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: photo-bench <input-dir> <output-dir> [workers]\n".utf8))
    exit(2)
}
let input = URL(fileURLWithPath: arguments[1]), output = URL(fileURLWithPath: arguments[2])
let workers = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1
let names = (try FileManager.default.contentsOfDirectory(atPath: input.path))
    .filter { ["jpg", "jpeg", "png", "heic"].contains(($0 as NSString).pathExtension.lowercased()) }
    .sorted()
try FileManager.default.createDirectory(at: output.appendingPathComponent("photos"), withIntermediateDirectories: true)
try FileManager.default.createDirectory(at: output.appendingPathComponent("thumbs"), withIntermediateDirectories: true)
// As the photo stage does: `workers` threads take the next photo, render it, write both JPEGs
// (temp file + rename, no fsync: derived files are re-derived when missing).
let next = Atomic<Int>(0), failed = Atomic<Int>(0)
let start = DispatchTime.now().uptimeNanoseconds
DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
    while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        guard index < names.count else { return }
        do {
            let images = try PhotoRenderer.render(fileAt: input.appendingPathComponent(names[index]).path)
            try Data(images.large).write(to: output.appendingPathComponent("photos/\(names[index]).jpg"), options: .atomic)
            try Data(images.thumb).write(to: output.appendingPathComponent("thumbs/\(names[index]).jpg"), options: .atomic)
        } catch {
            failed.add(1, ordering: .relaxed)
        }
    }
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
var usage = rusage()
getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
let failures = failed.load(ordering: .relaxed)
print(String(format: "photo-bench: %d photos, %d worker(s): %.1f ms/photo wall, %.2f s total, peak RSS %.0f MB, %d failed",
             names.count, workers, seconds * 1000 / Double(max(names.count, 1)), seconds,
             Double(usage.ru_maxrss) / 1024, failures))
exit(failures == 0 ? 0 : 1)
