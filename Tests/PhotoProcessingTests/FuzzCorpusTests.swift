import Foundation
@testable import PhotoProcessing
import Testing
import TestSupport

/// Every saved fuzz input (seeds, the shapes, any crash once found) goes through everything the
/// fuzzer drives, once, on every `swift test`: a fixed crash stays fixed.
struct FuzzCorpusTests {
    static let corpus = Repository.file("Fuzz/corpus")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func theCorpusHoldsTheShapes() {
        #expect(Self.files.count >= 50)
        #expect(Self.files.contains("heic-420-67x45.heic"))
    }

    @Test func everyCorpusInputRunsThroughTheFuzzedPaths() throws {
        for name in Self.files {
            PhotoFuzzing.exercise([UInt8](try Data(contentsOf: Self.corpus.appendingPathComponent(name))))
        }
    }
}
