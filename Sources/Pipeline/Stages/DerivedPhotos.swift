import BlockingIO
import Foundation
import PhotoProcessing

/// One photo to render and where its two outputs go.
struct RenderJob: Sendable, Equatable {
    var sourcePath: String
    var largePath: String
    var thumbPath: String
}

/// Renders photos and writes their upright web copy and thumbnail, on the blocking executor
/// (pixel work and file writes never occupy Swift's cooperative pool, which the watcher and the
/// other folders share). The decoding happens in a worker process (`workers`), so a decoder that
/// crashes on an agent's file costs that photo only; the writing stays here (`AtomicFile`).
enum DerivedPhotos {
    /// One result per job, in order. At most as many photos are in flight as the executor has
    /// threads, so memory stays bounded however many photos a folder holds; one photo's failure
    /// is its own result and the others go on. `workers` nil decodes in this process.
    static func render(_ jobs: [RenderJob], options: RenderOptions = RenderOptions(),
                       executor: BlockingExecutor = .shared,
                       workers: PhotoWorkerPool? = PhotoIsolation.shared) async -> [Result<RenderedPhoto, PhotoError>] {
        var results = [Result<RenderedPhoto, PhotoError>?](repeating: nil, count: jobs.count)
        await withTaskGroup(of: (Int, Result<RenderedPhoto, PhotoError>).self) { group in
            var next = jobs.startIndex
            func startNext() {
                // Stopping, or the folder is losing entries: photos not started yet are left for the next run.
                guard next < jobs.endIndex, !Task.isCancelled,
                      RemovalWatch.watch(containing: jobs[next].largePath)?.removedEntry == nil else { return }
                let index = next, job = jobs[index]
                next += 1
                group.addTask {
                    (index, await executor.run { () -> Result<RenderedPhoto, PhotoError> in
                        Result { () throws(PhotoError) in try renderAndWrite(job, options: options, workers: workers) }
                    })
                }
            }
            for _ in 0..<executor.threadCount { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                startNext()
            }
        }
        return results.map { $0 ?? .failure(PhotoError(.decoderUnavailable, "not processed: the daemon is stopping")) }
    }

    private static func renderAndWrite(_ job: RenderJob, options: RenderOptions,
                                       workers: PhotoWorkerPool?) throws(PhotoError) -> RenderedPhoto {
        let images = if let workers {
            try workers.render(fileAt: job.sourcePath, options: options)
        } else {
            try FileSystem.withOpenablePath(job.sourcePath) { path throws(PhotoError) in
                try PhotoRenderer.render(fileAt: path, options: options)
            }
        }
        do {
            try AtomicFile.write(Data(images.large), to: URL(fileURLWithPath: job.largePath), durability: .replaceable)
            try AtomicFile.write(Data(images.thumb), to: URL(fileURLWithPath: job.thumbPath), durability: .replaceable)
        } catch {
            let number = (error as? PipelineError)?.errno
            var failure = PhotoError(.writeFailed, "the photo's web copy could not be written: \(number.map(RunFailure.phrase(errno:)) ?? "\(error)")",
                                     detail: "\(error)")
            failure.errno = number
            throw failure
        }
        return images.photo
    }
}
