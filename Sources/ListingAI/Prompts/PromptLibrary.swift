import Foundation

/// A prompt stored as a versioned resource file (`Resources/prompts/<name>.v<N>.txt`). The
/// version is the file's base name and goes into `ListingAI.signature`, so a reworded prompt gets a new
/// file and never reuses answers given to the old wording.
public struct PromptTemplate: Sendable, Equatable {
    /// "extract.v2": the resource's base name, used as `StructuredRequest.promptVersion`.
    public let version: String
    public let text: String

    /// `{{name}}` placeholders replaced by `values[name]`.
    public func filled(_ values: [String: String]) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: "{{\($1.key)}}", with: $1.value) }
    }
}

public enum PromptLibrary {
    public static let extract = load("extract.v2")
    public static let summarize = load("summarize.v1")
    public static let vision = load("vision.v2")
    public static let describe = load("describe.v1")

    /// Loads `Resources/prompts/<version>.txt` from the module bundle. A missing prompt is a
    /// packaging error, not an input problem, so it stops the program with the path it looked for.
    static func load(_ version: String) -> PromptTemplate {
        let url = Bundle.module.url(forResource: version, withExtension: "txt", subdirectory: "Resources/prompts")
            ?? Bundle.module.url(forResource: version, withExtension: "txt", subdirectory: "prompts")
            ?? Bundle.module.url(forResource: version, withExtension: "txt")
        guard let url, let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("prompt resource Resources/prompts/\(version).txt is missing from \(Bundle.module.bundlePath)")
        }
        return PromptTemplate(version: version, text: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
