import ArgumentParser
import Foundation
import ModelGateway
import Pipeline

/// `analyze-images <files…>`: the seed's single job; prints per-photo insights and their aggregation.
struct AnalyzeImagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze-images",
        abstract: "Analyse photos (upright, web-sized, duplicates skipped) and print the insights as JSON.",
        discussion: "Offline, prints the photo checks (size, orientation, quality flags, duplicates) without vision labels."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Photo files (.jpg, .png, .heic).", completion: .file())
    var photos: [String]

    func validate() throws {
        guard !photos.isEmpty else { throw ValidationError("give at least one photo") }
    }

    func run() async throws {
        let gateway = try global.openGateway()
        do {
            let report = try await AnalyzeImagesJob(gateway: gateway).run(paths: photos)
            print(try JSONText.pretty(report))
        } catch {
            FileHandle.standardError.write(Data(("\(Self.configuration.commandName!): \(JSONText.explain(error))\n").utf8))
            throw ExitCode.failure
        }
    }
}

/// `transcribe <audio>`: the seed's single job; prints the transcript as JSON.
struct TranscribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcribe",
        abstract: "Transcribe a voice memo and print the transcript as JSON (needs a transcription provider)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A voice memo (.m4a .mp3 .mp4 .mpeg .mpga .wav .webm .ogg).", completion: .file())
    var audio: String

    func run() async throws {
        let gateway = try global.openGateway()
        do {
            let (transcript, call) = try await TranscribeJob(gateway: gateway).run(path: audio)
            struct Output: Encodable {
                var text: String
                var language: String?
                var duration_seconds: Double?
                var model: String
                var cost_usd: Double
            }
            print(try JSONText.pretty(Output(text: transcript.text, language: transcript.language,
                                             duration_seconds: transcript.durationSeconds, model: call.model, cost_usd: call.costUSD)))
        } catch {
            FileHandle.standardError.write(Data(("\(Self.configuration.commandName!): \(JSONText.explain(error))\n").utf8))
            throw ExitCode.failure
        }
    }
}

enum JSONText {
    /// The operator's words for a provider failure (what to fix), else the error itself.
    static func explain(_ error: any Error) -> String {
        guard let error = error as? GatewayError else { return "\(error)" }
        return "\(error.code.rawValue): \(error.operatorMessage ?? error.message)"
    }

    static func pretty(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
