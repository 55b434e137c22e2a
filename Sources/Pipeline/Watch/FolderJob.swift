import Foundation
import PropertyCore

/// What the work queue runs for one folder: the lifecycle's run (which decides what happens
/// next — nothing more, a retry on the backoff, or "failed"), then the site and the inbox
/// summary are told. Shutdown leaves the folder as it was.
struct FolderJob: Sendable {
    let processor: FolderProcessor
    /// Set when `[hook]` names a command or URL: told after every run.
    let rebuildHook: RebuildHook?
    /// The same folder (inode) under two names, renamed mid-run: one run at a time, so the new
    /// name's run reuses what the old one rendered.
    let inProcess = FoldersInProcess()

    func run(_ path: String) async {
        let identity = FileSystem.identity(of: path)
        if let identity { await inProcess.begin(identity) }
        _ = await processor.lifecycle.run(URL(fileURLWithPath: path), with: processor)
        if let identity { await inProcess.end(identity) }
        rebuildHook?.noteActivity()
    }
}
