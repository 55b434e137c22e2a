import ArgumentParser

@main
struct PropertyInbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "property-inbox",
        abstract: "Turns property folders dropped by agents into website-ready listings.",
        discussion: """
            Without an API key everything runs offline with the rule-based extractor.
            State lives in one SQLite file in the state directory (--state-dir).
            """,
        version: Version.current,
        subcommands: [
            ProcessCommand.self, ScanCommand.self, WatchCommand.self, WorkCommand.self, StatusCommand.self,
            NotifyTestCommand.self,
            ExtractTextCommand.self, AnalyzeImagesCommand.self, TranscribeCommand.self, StatsCommand.self, DoctorCommand.self,
            BackupCommand.self, MigrateCommand.self, PhotoWorkerCommand.self,
        ]
    )
}
