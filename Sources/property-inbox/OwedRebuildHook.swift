import Foundation
import Pipeline

/// `scan` and `process` tell the website what they published (and anything owed from an earlier
/// run) before they exit; the daemon does the same after each burst settles.
enum OwedRebuildHook {
    static func send(_ runtime: PipelineRuntime) async {
        // The agents' messages owed now go out too; what fails stays owed (the daemon retries).
        if let notices = await runtime.deliverOwedNotices(), notices.failed > 0 {
            FileHandle.standardError.write(Data("Warning: \(notices.failed) agent message(s) could not be sent; they stay owed. See the log.\n".utf8))
        }
        guard let hook = await runtime.deliverOwedRebuildHook() else { return }
        if !hook.failedTargets.isEmpty {
            FileHandle.standardError.write(Data("""
                Warning: the rebuild hook failed (\(hook.failedTargets.joined(separator: ", "))); it stays owed, \
                and the next scan or the daemon sends it. See the log.

                """.utf8))
        } else if hook.listings > 0 {
            print("Rebuild hook: told the site about \(hook.listings) listing(s).")
        }
    }
}
