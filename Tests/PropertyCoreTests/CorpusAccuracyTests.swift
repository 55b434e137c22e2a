import Foundation
import PropertyCore
import Testing

/// Runs the offline extractor over the labelled corpus (Corpus/corpus.json: EN, TH, RU and mixed
/// descriptions, labelled by hand from the text) and reports per-field accuracy.
@Suite struct CorpusAccuracyTests {
    struct Entry: Decodable {
        let id: String
        let language: String
        let text: String
        let expected: Expected
    }

    struct Expected: Decodable {
        let property_type: String?
        let listing_type: String?
        let bedrooms: Int?
        let bathrooms: Int?
        let area_m2: Double?
        let price: Double?
        let currency: String?
        let price_period: String?
    }

    /// One row of the report: the labelled and the extracted value, both as text so that a miss
    /// prints readably. Numbers are compared to the unit (areas and prices are whole numbers).
    struct Field: Sendable {
        let name: String
        /// Gated fields fail the test below 90 % overall.
        let isGated: Bool
        let expected: @Sendable (Expected) -> String?
        let actual: @Sendable (OfflineExtraction) -> String?
    }

    static let fields: [Field] = [
        Field(name: "type", isGated: true, expected: \.property_type, actual: \.propertyType),
        Field(name: "listing", isGated: false, expected: \.listing_type, actual: { $0.listingType?.rawValue }),
        Field(name: "bedrooms", isGated: true, expected: { $0.bedrooms.map(String.init) }, actual: { $0.bedrooms.map(String.init) }),
        Field(name: "bathrooms", isGated: true, expected: { $0.bathrooms.map(String.init) }, actual: { $0.bathrooms.map(String.init) }),
        Field(name: "area", isGated: true, expected: { whole($0.area_m2) }, actual: { whole($0.areaSquareMeters) }),
        Field(name: "price", isGated: true, expected: { whole($0.price) }, actual: { whole($0.price) }),
        Field(name: "currency", isGated: true, expected: \.currency, actual: \.currency),
        Field(name: "period", isGated: true, expected: \.price_period, actual: { $0.pricePeriod?.rawValue }),
    ]

    static let minimumAccuracy = 0.9

    static func whole(_ value: Double?) -> String? { value.map { String(format: "%.0f", $0) } }

    static func loadCorpus() throws -> [Entry] {
        let url = try #require(Bundle.module.url(forResource: "corpus", withExtension: "json", subdirectory: "Corpus"))
        return try JSONDecoder().decode([Entry].self, from: Data(contentsOf: url))
    }

    @Test func corpusIsBalancedAndLarge() throws {
        let corpus = try Self.loadCorpus()
        #expect(Set(corpus.map(\.id)).count == corpus.count, "ids must be unique")
        for language in ["en", "th", "ru"] {
            #expect(corpus.filter { $0.language == language }.count >= 30, "at least 30 \(language) texts")
        }
    }

    @Test func perFieldAccuracyIsAtLeastNinetyPercent() throws {
        let corpus = try Self.loadCorpus()
        let languages = ["en", "th", "ru"]
        // correct[field][language or "all"]
        var correct: [String: [String: Int]] = [:]
        var misses: [String] = []
        for entry in corpus {
            let extraction = OfflineExtractor.extract(entry.text)
            for field in Self.fields {
                let expected = field.expected(entry.expected)
                let actual = field.actual(extraction)
                if expected == actual {
                    correct[field.name, default: [:]][entry.language, default: 0] += 1
                    correct[field.name, default: [:]]["all", default: 0] += 1
                } else {
                    misses.append("  \(entry.id) \(field.name): expected \(expected ?? "nil"), got \(actual ?? "nil")")
                }
            }
        }
        let totals = Dictionary(grouping: corpus, by: \.language).mapValues(\.count)
            .merging(["all": corpus.count]) { $1 }
        func accuracy(_ field: String, _ column: String) -> Double {
            Double(correct[field]?[column] ?? 0) / Double(max(1, totals[column] ?? 0))
        }

        var report = "Offline extractor accuracy on \(corpus.count) labelled descriptions\n"
        report += "| field | " + languages.map { "\($0) (\(totals[$0] ?? 0))" }.joined(separator: " | ") + " | all |\n"
        report += "|---|" + String(repeating: "---|", count: languages.count + 1) + "\n"
        for field in Self.fields {
            let cells = (languages + ["all"]).map { String(format: "%.1f%%", accuracy(field.name, $0) * 100) }
            report += "| \(field.name) | " + cells.joined(separator: " | ") + " |\n"
        }
        print(report)
        if !misses.isEmpty { print("Misses:\n" + misses.joined(separator: "\n")) }

        for field in Self.fields where field.isGated {
            #expect(
                accuracy(field.name, "all") >= Self.minimumAccuracy,
                "\(field.name) accuracy \(accuracy(field.name, "all")) is under \(Self.minimumAccuracy)")
        }
    }
}
