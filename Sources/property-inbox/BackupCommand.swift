import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Pipeline
import PipelineStore

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the state database consistently (VACUUM INTO), and delete copies older than --keep-days.",
        discussion: """
            Safe while the daemon runs. Each copy is state-<UTC time>.sqlite in --to, written under a
            hidden name and renamed when complete. The packaged property-inbox-backup.timer runs it daily.
            Restore: stop the service, put a copy back as state.sqlite (remove state.sqlite-wal and -shm).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Folder for the copies (default for the packaged binary: /var/backups/property-inbox).",
            completion: .directory)
    var to: String?

    @Option(name: .long, help: "Delete copies older than this many days (0 keeps all).")
    var keepDays: Int = 14

    func run() async throws {
        guard let folder = to ?? (InstalledLayout.current() != nil ? "/var/backups/property-inbox" : nil) else {
            throw ValidationError("say where the copies go: --to <folder>")
        }
        let runtime = try global.makeRuntime()
        let directory = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let name = "state-\(formatter.string(from: Date())).sqlite"
        let partial = directory.appendingPathComponent(".\(name).partial")
        try? FileManager.default.removeItem(at: partial)
        try await runtime.store.backup(to: partial.path)
        let final = directory.appendingPathComponent(name)
        guard rename(partial.path, final.path) == 0 else {
            throw ValidationError("cannot rename \(partial.path) to \(final.path): \(String(cString: strerror(errno)))")
        }
        print(final.path)
        guard keepDays > 0 else { return }
        // Only our own copies, by the time in their name (an mtime can be reset by a copy tool).
        let cutoff = Date().addingTimeInterval(-Double(keepDays) * 86_400)
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            guard file.hasPrefix("state-"), file.hasSuffix(".sqlite"), file != name,
                  let taken = formatter.date(from: String(file.dropFirst(6).dropLast(7))), taken < cutoff else { continue }
            try FileManager.default.removeItem(at: directory.appendingPathComponent(file))
            print("deleted \(directory.appendingPathComponent(file).path) (older than \(keepDays) days)")
        }
    }
}
