import ArgumentParser
import Pipeline

/// `__photo-worker`: the daemon starts its own binary in this mode to decode agents' photos in a
/// separate, resource-limited process (see `PhotoWorkerPool`). Not for people: hidden from help.
struct PhotoWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "__photo-worker",
        abstract: "Internal: decodes photos for the daemon over standard input.",
        shouldDisplay: false
    )

    @Option(name: .long, help: "Address-space limit in MiB.")
    var addressSpaceMb = 4096

    @Option(name: .long, help: "CPU seconds per photo.")
    var cpuSeconds = 60

    func run() throws {
        let limits = PhotoWorker.Limits(addressSpaceBytes: addressSpaceMb << 20, cpuSecondsPerPhoto: cpuSeconds)
        let status = PhotoWorker.serve(limits: limits)
        if status != 0 { throw ExitCode(status) }
    }
}
