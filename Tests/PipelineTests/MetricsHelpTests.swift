import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// `promtool check metrics` wants a `# HELP` for every metric: each name the daemon records has
/// its line, and the scrape gets them.
@Suite struct MetricsHelpTests {
    @Test func everyMetricTheSourcesRecordHasHelp() throws {
        let sources = Repository.root.appendingPathComponent("Sources/Pipeline")
        var names = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /label: "(property_inbox_[a-z_]+)"/) { names.insert(String(match.output.1)) }
        }
        #expect(names.count > 10)
        #expect(names.subtracting(DaemonMetrics.help.keys).isEmpty, "no help for \(names.subtracting(DaemonMetrics.help.keys))")
    }

    @Test func helpGoesBeforeEachTypeOnce() {
        let scrape = "# TYPE property_inbox_folders gauge\nproperty_inbox_folders{state=\"done\"} 1\n# HELP x Already.\n# TYPE x counter\nx 0\n"
        let out = PrometheusText.addingHelp(scrape, help: ["property_inbox_folders": "Folders."])
        #expect(out == "# HELP property_inbox_folders Folders.\n" + scrape)
    }
}
