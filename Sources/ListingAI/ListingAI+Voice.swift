public import Foundation
import ModelGateway

extension ListingAI {
    /// Voice memo → text + language (normalise "english" → "en"), duration for cost ($0.006/min
    /// whisper-1). Asks for `verbose_json` from whisper models (language and duration come with
    /// it); when the server gives no language, it is guessed from the script of the text.
    /// The caller reads the memo (up to 25 MB) where blocking reads belong.
    public func transcribe(audio: Data, fileName: String) async throws -> (transcript: MemoTranscript, call: StageCall) {
        let config = gateway.config
        let model = config.transcriptionModel
        let verbose = model.contains("whisper") && !config.transcriptionBaseURL.contains("openrouter.ai")

        let request = TranscriptionRequest(audio: audio, filename: fileName, stage: "transcribe",
                                           responseFormat: verbose ? "verbose_json" : "json")
        let answer = try await gateway.transcribe(request)
        let language = Self.languageCode(answer.language) ?? Self.scriptLanguage(of: answer.text)
        let memo = MemoTranscript(text: answer.text, language: language, durationSeconds: answer.durationSeconds)
        return (memo, StageCall(stage: "transcribe", model: answer.model, costUSD: answer.costUSD))
    }

    /// "english" / "English" / "en" / "en-US" → "en"; nil for nothing usable.
    public static func languageCode(_ value: String?) -> String? {
        guard let raw = value?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), !raw.isEmpty else { return nil }
        if let code = whisperLanguages[raw] { return code }
        let base = raw.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? raw
        if base.count == 2, base.allSatisfy(\.isLetter) { return base }
        return nil
    }

    /// Whisper's language names (verbose_json) for the languages agents speak, and neighbours.
    static let whisperLanguages: [String: String] = [
        "english": "en", "thai": "th", "russian": "ru", "chinese": "zh", "mandarin": "zh", "cantonese": "yue",
        "japanese": "ja", "korean": "ko", "german": "de", "french": "fr", "spanish": "es", "italian": "it",
        "ukrainian": "uk", "belarusian": "be", "kazakh": "kk", "hindi": "hi", "burmese": "my", "myanmar": "my",
        "lao": "lo", "khmer": "km", "vietnamese": "vi", "malay": "ms", "indonesian": "id", "arabic": "ar",
        "hebrew": "he", "dutch": "nl", "swedish": "sv", "norwegian": "no", "danish": "da", "finnish": "fi",
        "polish": "pl", "czech": "cs", "turkish": "tr", "portuguese": "pt", "tagalog": "tl",
    ]

    /// The dominant script of a transcript: Thai → th, Cyrillic → ru, Latin → en.
    static func scriptLanguage(of text: String) -> String? {
        var thai = 0, cyrillic = 0, latin = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0E00...0x0E7F: thai += 1
            case 0x0400...0x04FF: cyrillic += 1
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            default: break
            }
        }
        let best = max(thai, cyrillic, latin)
        guard best > 0 else { return nil }
        return best == thai ? "th" : best == cyrillic ? "ru" : "en"
    }
}
