import Foundation
import Pipeline

/// `scan` and `process` tell the website what they published (and anything owed from an earlier
/// run) before they exit; the daemon does the same after each burst settles.
enum OwedRebuildHook {
    static func send(_ runtime: PipelineRuntime) async {
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
