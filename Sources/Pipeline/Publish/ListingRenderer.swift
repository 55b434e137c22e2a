import Foundation
import ContentHash
import Mustache
public import PropertyCore

/// Renders `listing.md` from a Mustache template (built in, or the operator's own from config).
///
/// Front-matter values are pre-rendered as YAML scalars (JSON-quoted strings are valid YAML),
/// so any text an agent writes — colons, quotes, Thai — reaches the site generator intact.
public struct ListingRenderer: Sendable {
    let template: MustacheTemplate
    /// Hash of the template text; part of the publish fingerprint so a new template re-renders.
    public let templateHash: String

    public init(templatePath: String?) throws {
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

    public func render(_ result: ListingResult) -> String {
        template.render(Self.context(for: result))
    }

    static func title(for result: ListingResult) -> String {
        let type = result.propertyType == "unknown" ? "Property" : result.propertyType.capitalizedFirst
        var title = type
        if let bedrooms = result.bedrooms, bedrooms > 0 { title = "\(bedrooms)-bedroom \(result.propertyType == "unknown" ? "property" : result.propertyType)".capitalizedFirst }
        if let listing = result.listingType { title += listing == .rent ? " for rent" : " for sale" }
        if let location = result.location { title += " in \(location)" }
        return title
    }

    static func context(for result: ListingResult) -> [String: Any] {
        let usable = result.photos.filter { $0.quality != "unusable" && $0.duplicateOf == nil }
        let images = usable.map { $0.photo ?? $0.source }
        let cover = usable.first(where: \.cover).map { $0.photo ?? $0.source } ?? images.first
        let title = title(for: result)
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
        let photos: [[String: String]] = usable.map { entry in
            let name = (entry.source as NSString).lastPathComponent
            return ["photo": MarkdownText.path(entry.photo ?? entry.source),
                    "thumb": MarkdownText.path(entry.thumb ?? entry.photo ?? entry.source),
                    "alt": MarkdownText.escape(entry.roomType.map { $0.replacingOccurrences(of: "_", with: " ") } ?? name)]
        }
        return [
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

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
