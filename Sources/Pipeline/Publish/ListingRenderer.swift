import Foundation
import ContentHash
import Mustache
public import PropertyCore

/// Renders a listing page per language from Mustache templates (built in, or the operator's own
/// from config: one for every language, or one per language).
///
/// The front matter comes whole from `ListingFrontMatter` (`{{{front_matter}}}`; each value also as
/// `{{{yaml.<key>}}}` for an operator's own template), so any text an agent writes — colons,
/// quotes, Thai — reaches the site generator intact. Pages differ only in title, body and
/// language; the facts in the front matter are the same. The body has no H1: themes print the title.
public struct ListingRenderer: Sendable {
    let template: MustacheTemplate
    let languageTemplates: [ListingLanguage: MustacheTemplate]
    /// Hash of the templates' text; part of the publish fingerprint so a new template re-renders.
    public let templateHash: String
    /// Where the site serves a listing's folder, `{id}` standing for the listing id (`[site] image_base_url`).
    let imageBaseURL: String?
    /// Agents' phone numbers, LINE IDs, e-mail addresses and URLs stay on the page (`[site]
    /// show_agent_contacts`); by default they are taken out of everything the page shows.
    let showAgentContacts: Bool

    public init(templatePath: String?, languageTemplatePaths: [ListingLanguage: String] = [:], imageBaseURL: String? = nil,
                showAgentContacts: Bool = false) throws {
        self.imageBaseURL = imageBaseURL
        self.showAgentContacts = showAgentContacts
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

    public func render(_ result: ListingResult, language: ListingLanguage = .en, publication: ListingPublication) -> String {
        (languageTemplates[language] ?? template).render(Self.context(for: result, language: language, publication: publication,
                                                                      imageBaseURL: imageBaseURL, showAgentContacts: showAgentContacts))
    }

    /// Hash of what the listing says in every language, dates left out: `lastmod` moves only when this changes.
    public func contentHash(of result: ListingResult, languages: [ListingLanguage] = [.en], draft: Bool) -> String {
        ContentHash.sha256(of: languages.map { render(result, language: $0, publication: .undated(draft: draft)) }.joined(separator: "\u{0}"))
    }

    static func title(for result: ListingResult, language: ListingLanguage = .en) -> String {
        result.titles[language.rawValue] ?? ListingWording(language).title(ListingFacts(result))
    }

    static func context(for result: ListingResult, language: ListingLanguage = .en, publication: ListingPublication,
                         imageBaseURL: String? = nil, showAgentContacts: Bool = false) -> [String: Any] {
        let title = title(for: result, language: language)
        let base = imageBaseURL.map { $0.replacingOccurrences(of: "{id}", with: MarkdownText.path(result.propertyId)) }
        let wording = ListingWording(language)
        let facts = ListingFacts(result)
        // The meta description speaks the page's language: its own description's opening, else the
        // title and key facts; never result.json's summary (the agent's raw words, their language).
        let pageDescription = result.descriptions[language.rawValue]
        let summary = PublicText.metaDescription(pageDescription: pageDescription, title: title,
                                                 keyFacts: wording.keyFacts(facts).map { "\($0.label): \($0.value)" },
                                                 showContacts: showAgentContacts)
        let body = pageDescription ?? result.description
        let frontMatter = ListingFrontMatter.fields(result: result, title: title, language: language.rawValue,
                                                    summary: summary, publication: publication, imageBaseURL: base)
        let yaml = Dictionary(frontMatter.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let keyFacts: [[String: String]] = wording.keyFacts(facts).map {
            ["label": $0.label, "value": MarkdownText.escape($0.value)]
        }
        let photos: [[String: String]] = ListingFrontMatter.gallery(of: result, language: language).map { entry in
            ["photo": MarkdownText.path(entry.photo), "thumb": MarkdownText.path(entry.thumb), "alt": MarkdownText.escape(entry.alt)]
        }
        return [
            "front_matter": ListingFrontMatter.block(frontMatter),
            "yaml": yaml,
            "language": language.rawValue,
            "title": MarkdownText.escape(title),
            "description": MarkdownText.escape(showAgentContacts ? body : PublicText.withoutContacts(body)),
            "facts": keyFacts,
            "has_amenities": !result.amenities.isEmpty,
            "amenities": wording.amenities(facts).map(MarkdownText.escape),
            "has_photos": !photos.isEmpty,
            "photos": photos,
            "headings": Dictionary(uniqueKeysWithValues: ListingHeading.allCases.map { ($0.rawValue, wording.heading($0)) }),
        ]
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

