// photo-bench: renders every JPEG/PNG/HEIC in a folder the way the photo stage does (orient +
// 1568 px + 400 px thumbnail, q85) and prints the per-photo time and the peak memory.
// Usage: photo-bench <input-dir> <output-dir> [workers]   (built by Benchmarks/photos/bench.sh)
import Foundation
import PhotoProcessing

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
let jobs = names.map { name in
    RenderJob(sourcePath: input.appendingPathComponent(name).path,
              largePath: output.appendingPathComponent("photos/\(name).jpg").path,
              thumbPath: output.appendingPathComponent("thumbs/\(name).jpg").path)
}
let start = DispatchTime.now().uptimeNanoseconds
let results = PhotoRenderer.renderAll(jobs, maxConcurrent: workers)
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
var usage = rusage()
getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
let failures = results.filter { if case .failure = $0 { true } else { false } }.count
print(String(format: "photo-bench: %d photos, %d worker(s): %.1f ms/photo wall, %.2f s total, peak RSS %.0f MB, %d failed",
             jobs.count, workers, seconds * 1000 / Double(max(jobs.count, 1)), seconds,
             Double(usage.ru_maxrss) / 1024, failures))
exit(failures == 0 ? 0 : 1)
