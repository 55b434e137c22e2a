import Foundation
import ContentHash
import Mustache
public import PropertyCore

/// Renders a listing page per language from Mustache templates (built in, or the operator's own
/// from config: one for every language, or one per language).
///
/// Front-matter values are pre-rendered as YAML scalars (JSON-quoted strings are valid YAML),
/// so any text an agent writes — colons, quotes, Thai — reaches the site generator intact.
/// Pages differ only in title, body and language; the facts in the front matter are the same.
public struct ListingRenderer: Sendable {
    let template: MustacheTemplate
    let languageTemplates: [ListingLanguage: MustacheTemplate]
    /// Hash of the templates' text; part of the publish fingerprint so a new template re-renders.
    public let templateHash: String

    public init(templatePath: String?, languageTemplatePaths: [ListingLanguage: String] = [:]) throws {
        let text: String
        if let templatePath {
            text = try Self.read(templatePath)
        } else {
            // Compiled into the binary (Resources/listing.md.mustache): never missing from an installation.
            text = String(decoding: PackageResources.listing_md_mustache, as: UTF8.self)
        }
        template = try Self.compile(text)
        var languageTemplates: [ListingLanguage: MustacheTemplate] = [:]
        var hashed = [text]
        for (language, path) in languageTemplatePaths.sorted(by: { $0.key < $1.key }) {
            let text = try Self.read(path)
            languageTemplates[language] = try Self.compile(text)
            hashed.append(language.rawValue + ":" + text)
        }
        self.languageTemplates = languageTemplates
        templateHash = ContentHash.sha256(of: hashed.joined(separator: "\u{0}"))
    }

    private static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PipelineError(.template, "cannot read the listing template \(path): \(error.localizedDescription)")
        }
    }

    private static func compile(_ text: String) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch {
            throw PipelineError(.template, "the listing template has a syntax error: \(error)")
        }
    }

    public func render(_ result: ListingResult, language: ListingLanguage = .en) -> String {
        (languageTemplates[language] ?? template).render(Self.context(for: result, language: language))
    }

    static func title(for result: ListingResult, language: ListingLanguage = .en) -> String {
        result.titles[language.rawValue] ?? ListingWording(language).title(ListingFacts(result))
    }

    static func context(for result: ListingResult, language: ListingLanguage = .en) -> [String: Any] {
        let usable = result.photos.filter { $0.quality != "unusable" && $0.duplicateOf == nil }
        let images = usable.map { $0.photo ?? $0.source }
        let cover = usable.first(where: \.cover).map { $0.photo ?? $0.source } ?? images.first
        let title = title(for: result, language: language)
        let yaml: [String: String] = [
            "title": YAMLScalar.string(title),
            "id": YAMLScalar.string(result.propertyId),
            "type": YAMLScalar.string(result.propertyType == "unknown" ? nil : result.propertyType),
            "listing_type": YAMLScalar.string(result.listingType?.rawValue),
            "price": YAMLScalar.number(result.price),
            "currency": YAMLScalar.string(result.priceCurrency),
            "period": YAMLScalar.string(result.pricePeriod?.rawValue),
            "bedrooms": YAMLScalar.number(result.bedrooms.map(Double.init)),
            "bathrooms": YAMLScalar.number(result.bathrooms.map(Double.init)),
            "area_m2": YAMLScalar.number(result.squareMeters),
            "location": YAMLScalar.string(result.location),
            "amenities": YAMLScalar.list(result.amenities),
            "cover": YAMLScalar.string(cover),
            "images": YAMLScalar.list(images),
            "updated": YAMLScalar.string(result.timestamp),
        ]
        let wording = ListingWording(language)
        let facts = ListingFacts(result)
        let keyFacts: [[String: String]] = wording.keyFacts(facts).map {
            ["label": $0.label, "value": MarkdownText.escape($0.value)]
        }
        let photos: [[String: String]] = usable.map { entry in
            let name = (entry.source as NSString).lastPathComponent
            return ["photo": MarkdownText.path(entry.photo ?? entry.source),
                    "thumb": MarkdownText.path(entry.thumb ?? entry.photo ?? entry.source),
                    "alt": MarkdownText.escape(entry.roomType.map { ListingVocabulary.room($0)[language] } ?? name)]
        }
        let headings = ListingWording.headings
        return [
            "yaml": yaml,
            "language": language.rawValue,
            "title": MarkdownText.escape(title),
            "description": MarkdownText.escape(result.descriptions[language.rawValue] ?? result.description),
            "facts": keyFacts,
            "has_amenities": !result.amenities.isEmpty,
            "amenities": wording.amenities(facts).map(MarkdownText.escape),
            "has_photos": !photos.isEmpty,
            "photos": photos,
            "headings": ["key_facts": headings.keyFacts[language], "amenities": headings.amenities[language],
                         "photos": headings.photos[language]],
        ]
    }
}

/// YAML scalars for front matter. JSON string and array syntax is a subset of YAML flow style.
enum YAMLScalar {
    static func string(_ value: String?) -> String {
        guard let value else { return "null" }
        let data = (try? JSONEncoder.sortedWithoutEscapingSlashes.encode(value)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "null" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func list(_ values: [String]) -> String {
        "[" + values.map { string($0) }.joined(separator: ", ") + "]"
    }
}

/// Agent text is shown as text, never interpreted as Markdown or HTML.
enum MarkdownText {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "*", "_", "`", "[", "]", "#", "\\": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// Relative link targets with spaces and parentheses percent-encoded.
    static func path(_ path: String) -> String {
        path.split(separator: "/").map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "()"))) ?? String($0)
        }.joined(separator: "/")
    }
}

extension JSONEncoder {
    static var sortedWithoutEscapingSlashes: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
