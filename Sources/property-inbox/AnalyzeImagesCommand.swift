import ArgumentParser
import Foundation
import ListingAI
import ModelGateway
import Pipeline

/// `analyze-images <files…>`: a single job; prints per-photo insights and their aggregation.
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
        let runtime = try global.makeRuntime()
        do {
            let report = try await AnalyzeImagesJob(gateway: runtime.gateway, store: runtime.store).run(paths: photos)
            print(try JSONText.pretty(report))
        } catch {
            FileHandle.standardError.write(Data(("\(Self.configuration.commandName!): \(GatewayError.summary(for: error))\n").utf8))
            throw ExitCode.failure
        }
    }
}

/// `transcribe <audio>`: a single job; prints the transcript as JSON.
struct TranscribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcribe",
        abstract: "Transcribe a voice memo and print the transcript as JSON (needs a transcription provider)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A voice memo (.m4a .mp3 .mp4 .mpeg .mpga .wav .webm .ogg).", completion: .file())
    var audio: String

    func run() async throws {
        let runtime = try global.makeRuntime()
        do {
            let (transcript, call) = try await TranscribeJob(gateway: runtime.gateway, store: runtime.store).run(path: audio)
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
            FileHandle.standardError.write(Data(("\(Self.configuration.commandName!): \(GatewayError.summary(for: error))\n").utf8))
            throw ExitCode.failure
        }
    }
}

enum JSONText {
    static func pretty(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
