import Foundation
import Logging
@testable import Pipeline
import Synchronization
import Testing

struct LogOutputTests {
    final class Captured: Sendable {
        let lines = Mutex<[String]>([])
        var sink: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }
    }

    @Test func journaldGetsASyslogPriorityPerLine() {
        let captured = Captured()
        var logger = Logger(label: "property-inbox") { OperatorLogHandler(label: $0, format: .journal, sink: captured.sink) }
        logger.logLevel = .debug
        logger.error("provider refused the key", metadata: ["status": "401"])
        logger.warning("inotify queue overflowed")
        logger.info("published")
        logger.debug("change")
        #expect(captured.lines.withLock { $0 } == [
            "<3>property-inbox: provider refused the key status=401\n", "<4>property-inbox: inotify queue overflowed\n",
            "<6>property-inbox: published\n", "<7>property-inbox: change\n",
        ])
    }

    @Test func jsonLinesParseAndCarryTheMetadata() throws {
        let captured = Captured()
        var logger = Logger(label: "property-inbox") { OperatorLogHandler(label: $0, format: .json, sink: captured.sink) }
        logger[metadataKey: "inbox"] = "/srv/inbox"
        logger.notice("reconciled", metadata: ["folders": "812", "message": "not a clash"])
        let line = try #require(captured.lines.withLock { $0.first })
        #expect(line.hasSuffix("\n") && line.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["level"] == "notice" && object["message"] == "reconciled")
        #expect(object["folders"] == "812" && object["inbox"] == "/srv/inbox" && object["time"] != nil)
    }

    @Test func theFormatFollowsTheEnvironment() {
        #expect(LogFormat.choose(environment: [:], standardErrorIdentity: "8:42") == .plain)
        #expect(LogFormat.choose(environment: ["JOURNAL_STREAM": "8:42"], standardErrorIdentity: "8:42") == .journal)
        // Standard error redirected elsewhere (a file, a pipe to another tool): no prefixes.
        #expect(LogFormat.choose(environment: ["JOURNAL_STREAM": "8:42"], standardErrorIdentity: "8:99") == .plain)
        #expect(LogFormat.choose(environment: ["PROPERTY_INBOX_LOG_FORMAT": "json", "JOURNAL_STREAM": "8:42"],
                                 standardErrorIdentity: "8:42") == .json)
    }
}
