import Foundation

/// A prompt stored as a versioned file (`Resources/prompts/<name>.v<N>.txt`, embedded). The
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
    public static let extract = PromptTemplate(version: "extract.v3", embedded: PackageResources.extract_v3_txt)
    public static let summarize = PromptTemplate(version: "summarize.v1", embedded: PackageResources.summarize_v1_txt)
    public static let vision = PromptTemplate(version: "vision.v2", embedded: PackageResources.vision_v2_txt)
    public static let describe = PromptTemplate(version: "describe.v1", embedded: PackageResources.describe_v1_txt)
}

extension PromptTemplate {
    /// The prompt files are compiled into the binary (`Resources/prompts/<version>.txt`), so an
    /// installed program can never be missing one.
    init(version: String, embedded bytes: [UInt8]) {
        self.init(version: version, text: String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
