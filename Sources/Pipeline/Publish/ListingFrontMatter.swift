import Foundation
public import PropertyCore

/// What a listing's front matter says about its life on the website, which result.json does not
/// carry: when it first went out, when its content last changed, and whether it is hidden.
public struct ListingPublication: Sendable, Equatable {
    /// ISO 8601, UTC. Kept across re-publishes (`date` in the front matter).
    public var firstPublished: String
    /// ISO 8601, UTC. Moves only when the rendered listing changes (`lastmod`).
    public var contentChanged: String
    public var draft: Bool

    public init(firstPublished: String, contentChanged: String, draft: Bool) {
        self.firstPublished = firstPublished
        self.contentChanged = contentChanged
        self.draft = draft
    }

    /// Fixed dates, for hashing what a listing says without the dates that depend on that hash.
    static func undated(draft: Bool) -> ListingPublication {
        ListingPublication(firstPublished: "1970-01-01T00:00:00Z", contentChanged: "1970-01-01T00:00:00Z", draft: draft)
    }
}

/// The YAML front matter of `listing.md` (and of each language's page): one ordered list of
/// keys, each value a YAML scalar or JSON-style flow collection.
///
/// Keys are chosen so no static-site generator reads one as its own with another meaning:
/// Hugo reserves `type`, `layout`, `url`, `slug`, `weight`, `images`, `published` …; Jekyll
/// `layout`, `permalink`, `published`, `category`; Eleventy `permalink`, `layout`, `tags`,
/// `pagination`. The property's kind is `property_type`, never `type` (which would make Hugo
/// look for `layouts/villa/`). Generator keys are used only for their own meaning: `title`,
/// `date`, `lastmod`, `draft`, `description`, and `images` (absolute URLs for Open Graph).
public enum ListingFrontMatter {
    /// A photo the website shows: usable and not a duplicate (result.json still lists them all).
    public struct GalleryPhoto: Sendable, Equatable {
        public var photo: String
        public var thumb: String
        public var alt: String
        public var isCover: Bool
    }

    /// The photos with their alt text in the page's language: the room the vision model saw
    /// ("ห้องนอน" on the Thai page), else the file's name.
    public static func gallery(of result: ListingResult, language: ListingLanguage = .en) -> [GalleryPhoto] {
        let shown = result.photos.filter { $0.verdict != .unusable && $0.duplicateOf == nil && ($0.photo != nil || $0.thumb != nil) }
        let coverIndex = shown.firstIndex(where: \.cover) ?? shown.startIndex
        return shown.enumerated().map { index, entry in
            let photo = entry.photo ?? entry.thumb ?? entry.source
            // English keeps a room the vocabulary does not know ("balcony"); the others say "photo".
            let room = entry.roomType.map { language == .en ? $0.replacingOccurrences(of: "_", with: " ") : ListingVocabulary.room($0, in: language) }
            return GalleryPhoto(photo: photo, thumb: entry.thumb ?? photo,
                                alt: room ?? (entry.source as NSString).lastPathComponent,
                                isCover: index == coverIndex)
        }
    }

    /// `key: value` pairs in the order they are written.
    /// - Parameters:
    ///   - language: the page's language code (`en`, `th`, `ru`) when the site is multilingual.
    ///   - summary: the page's one-line `description`; result.json's summary when nil.
    ///   - imageBaseURL: where the site serves this listing's folder (`/listings/villa-rawai-12/`
    ///     or `https://…/villa-rawai-12/`); with it, `images` holds URLs Hugo's Open Graph
    ///     template can use. Without it, `images` is left out: bundle-relative paths there
    ///     would become wrong site-root URLs.
    public static func fields(result: ListingResult, title: String, language: String? = nil, summary: String? = nil,
                              publication: ListingPublication, imageBaseURL: String? = nil) -> [(key: String, value: String)] {
        let pageLanguage = language.flatMap(ListingLanguage.init(rawValue:)) ?? .en
        let gallery = gallery(of: result, language: pageLanguage)
        let cover = gallery.first(where: \.isCover)
        var fields: [(key: String, value: String)] = [
            ("title", YAMLScalar.string(title)),
            ("date", YAMLScalar.timestamp(publication.firstPublished)),
            ("lastmod", YAMLScalar.timestamp(publication.contentChanged)),
            ("draft", publication.draft ? "true" : "false"),
        ]
        if let language { fields.append(("language", YAMLScalar.string(language))) }
        let summary = summary ?? result.descriptionSummary
        if !summary.isEmpty { fields.append(("description", YAMLScalar.string(summary))) }
        fields += [
            ("id", YAMLScalar.string(result.propertyId)),
            ("property_type", YAMLScalar.string(result.propertyType == "unknown" ? nil : result.propertyType)),
            ("listing_type", YAMLScalar.string(result.listingType?.rawValue)),
            ("price", YAMLScalar.number(result.price)),
            ("currency", YAMLScalar.string(result.priceCurrency)),
            ("period", YAMLScalar.string(result.pricePeriod?.rawValue)),
            ("bedrooms", YAMLScalar.number(result.bedrooms.map(Double.init))),
            ("bathrooms", YAMLScalar.number(result.bathrooms.map(Double.init))),
            ("area_m2", YAMLScalar.number(result.squareMeters)),
            ("land_m2", YAMLScalar.number(result.landSquareMeters)),
            ("location", YAMLScalar.string(ListingWording(pageLanguage).place(ListingFacts(result)))),
            ("amenities", YAMLScalar.list(result.amenities)),
            ("cover", YAMLScalar.string(cover?.photo)),
            ("cover_thumb", YAMLScalar.string(cover?.thumb)),
            ("gallery", "[" + gallery.map { "{\"photo\": \(YAMLScalar.string($0.photo)), \"thumb\": \(YAMLScalar.string($0.thumb)), \"alt\": \(YAMLScalar.string($0.alt))}" }
                .joined(separator: ", ") + "]"),
        ]
        if let imageBaseURL {
            let base = imageBaseURL.hasSuffix("/") ? imageBaseURL : imageBaseURL + "/"
            // Cover first: Open Graph templates take the first image as the preview.
            let ordered = (cover.map { [$0] } ?? []) + gallery.filter { !$0.isCover }
            fields.append(("images", YAMLScalar.list(ordered.map { base + MarkdownText.path($0.photo) })))
        }
        return fields
    }

    /// The whole block, `---` lines included, ready to start a Markdown file.
    public static func render(result: ListingResult, title: String, language: String? = nil, summary: String? = nil,
                              publication: ListingPublication, imageBaseURL: String? = nil) -> String {
        block(fields(result: result, title: title, language: language, summary: summary, publication: publication,
                     imageBaseURL: imageBaseURL))
    }

    static func block(_ fields: [(key: String, value: String)]) -> String {
        (["---"] + fields.map { "\($0.key): \($0.value)" } + ["---"]).joined(separator: "\n") + "\n"
    }
}

/// YAML scalars for front matter. JSON string and array syntax is a subset of YAML flow style,
/// so a JSON-encoded string is a safely quoted YAML string whatever the agent wrote.
enum YAMLScalar {
    static func string(_ value: String?) -> String {
        guard let value else { return "null" }
        let data = (try? JSONEncoder.sortedWithoutEscapingSlashes.encode(value)) ?? Data("\"\"".utf8)
        // JSON leaves these unescaped, but YAML reads NEL and the Unicode line/paragraph separators
        // as line breaks (folded into a space) and forbids C1 controls and BOMs inside a scalar.
        var quoted = ""
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            if (0x80...0x9F).contains(scalar.value) || [0x2028, 0x2029, 0xFEFF].contains(scalar.value) {
                quoted += String(format: "\\u%04X", scalar.value)
            } else {
                quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func list(_ values: [String]) -> String {
        "[" + values.map { string($0) }.joined(separator: ", ") + "]"
    }

    /// An unquoted YAML timestamp (generators read it as a date, not a string); anything that is
    /// not plainly an ISO 8601 date-time is quoted instead.
    static func timestamp(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "0123456789-:.TZ+")
        return value.unicodeScalars.allSatisfy(allowed.contains) && value.count >= 10 ? value : string(value)
    }
}
