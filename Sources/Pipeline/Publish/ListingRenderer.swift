import Foundation
import ContentHash
import Mustache
public import PropertyCore

/// Renders `listing.md` from a Mustache template (built in, or the operator's own from config).
///
/// The front matter comes whole from `ListingFrontMatter` (`{{{front_matter}}}`; each value also as
/// `{{{yaml.<key>}}}` for an operator's own template), so any text an agent writes — colons,
/// quotes, Thai — reaches the site generator intact. The body has no H1: themes print the title.
public struct ListingRenderer: Sendable {
    let template: MustacheTemplate
    /// Hash of the template text; part of the publish fingerprint so a new template re-renders.
    public let templateHash: String

    /// Where the site serves a listing's folder, `{id}` standing for the listing id (`[site] image_base_url`).
    let imageBaseURL: String?

    public init(templatePath: String?, imageBaseURL: String? = nil) throws {
        self.imageBaseURL = imageBaseURL
        let text: String
        if let templatePath {
            do {
                text = try String(contentsOfFile: templatePath, encoding: .utf8)
            } catch {
                throw PipelineError(.template, "cannot read the listing template \(templatePath): \(error.localizedDescription)")
            }
        } else {
            // Compiled into the binary (Resources/listing.md.mustache): never missing from an installation.
            text = String(decoding: PackageResources.listing_md_mustache, as: UTF8.self)
        }
        do {
            template = try MustacheTemplate(string: text)
        } catch {
            throw PipelineError(.template, "the listing template has a syntax error: \(error)")
        }
        templateHash = ContentHash.sha256(of: text)
    }

    public func render(_ result: ListingResult, publication: ListingPublication) -> String {
        template.render(Self.context(for: result, publication: publication, imageBaseURL: imageBaseURL))
    }

    /// Hash of what the listing says, dates left out: `lastmod` moves only when this changes.
    public func contentHash(of result: ListingResult, draft: Bool) -> String {
        ContentHash.sha256(of: render(result, publication: .undated(draft: draft)))
    }

    static func title(for result: ListingResult) -> String {
        let type = result.propertyType == "unknown" ? "Property" : result.propertyType.capitalizedFirst
        var title = type
        if let bedrooms = result.bedrooms, bedrooms > 0 { title = "\(bedrooms)-bedroom \(result.propertyType == "unknown" ? "property" : result.propertyType)".capitalizedFirst }
        if let listing = result.listingType { title += listing == .rent ? " for rent" : " for sale" }
        if let location = result.location { title += " in \(location)" }
        return title
    }

    static func context(for result: ListingResult, publication: ListingPublication, imageBaseURL: String? = nil) -> [String: Any] {
        let title = title(for: result)
        let base = imageBaseURL.map { $0.replacingOccurrences(of: "{id}", with: MarkdownText.path(result.propertyId)) }
        let frontMatter = ListingFrontMatter.fields(result: result, title: title, publication: publication, imageBaseURL: base)
        let yaml = Dictionary(frontMatter.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        var facts: [[String: String]] = []
        facts.append(["label": "Type", "value": result.propertyType == "unknown" ? "—" : result.propertyType.capitalizedFirst])
        if let listing = result.listingType { facts.append(["label": "Offer", "value": listing == .rent ? "For rent" : "For sale"]) }
        if let price = result.price {
            let period = result.pricePeriod.map { " / \($0.rawValue)" } ?? ""
            facts.append(["label": "Price", "value": "\(PriceFormat.number(price)) \(result.priceCurrency)\(period)"])
        }
        if let value = result.bedrooms { facts.append(["label": "Bedrooms", "value": String(value)]) }
        if let value = result.bathrooms { facts.append(["label": "Bathrooms", "value": String(value)]) }
        if let value = result.squareMeters { facts.append(["label": "Living area", "value": "\(PriceFormat.number(value)) m²"]) }
        if let value = result.landSquareMeters { facts.append(["label": "Land", "value": "\(PriceFormat.number(value)) m²"]) }
        if let value = result.location { facts.append(["label": "Location", "value": MarkdownText.escape(value)]) }
        let photos: [[String: String]] = ListingFrontMatter.gallery(of: result).map { entry in
            ["photo": MarkdownText.path(entry.photo), "thumb": MarkdownText.path(entry.thumb), "alt": MarkdownText.escape(entry.alt)]
        }
        return [
            "front_matter": ListingFrontMatter.block(frontMatter),
            "yaml": yaml,
            "title": MarkdownText.escape(title),
            "description": MarkdownText.escape(result.description),
            "facts": facts,
            "has_amenities": !result.amenities.isEmpty,
            "amenities": result.amenities.map { $0.replacingOccurrences(of: "_", with: " ") },
            "has_photos": !photos.isEmpty,
            "photos": photos,
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

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
