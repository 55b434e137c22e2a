import Foundation
import Testing
import TestSupport

/// A missing translation is a build error, not a sentence silently left in English: the
/// PropertyCore sources are type-checked with one Thai case taken out of the catalog, and the
/// compiler must refuse them. (The unchanged sources are type-checked too, so the refusal is the
/// removed case's, not a broken command.)
struct CatalogExhaustivenessTests {
    static let removedCase = #"        case .tooDark: "มืดเกินไป ถ่ายใหม่ในที่ที่มีแสงมากขึ้น""#

    func typecheck(_ sources: URL) throws -> ProcessRunner.Output {
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map(\.path).sorted()
        return try ProcessRunner.run("swiftc", ["-typecheck", "-parse-as-library", "-module-name", "PropertyCore", "-swift-version", "6",
                                                "-enable-upcoming-feature", "ExistentialAny",
                                                "-enable-upcoming-feature", "MemberImportVisibility",
                                                "-enable-upcoming-feature", "InternalImportsByDefault"] + files)
    }

    @Test func removingAThaiCaseFromTheCatalogFailsTheBuild() throws {
        let copy = try TemporaryDirectory("pi-catalog")
        let sources = copy.appending("PropertyCore")
        try FileManager.default.copyItem(at: Repository.file("Sources/PropertyCore"), to: sources)
        let intact = try typecheck(sources)
        #expect(intact.status == 0, "\(intact.combined)")

        let thai = sources.appendingPathComponent("Messages/ThaiCatalog.swift")
        let text = try String(contentsOf: thai, encoding: .utf8)
        #expect(text.contains(Self.removedCase + "\n"))
        try text.replacingOccurrences(of: Self.removedCase + "\n", with: "").write(to: thai, atomically: true, encoding: .utf8)
        let broken = try typecheck(sources)
        #expect(broken.status != 0)
        #expect(broken.combined.contains("ThaiCatalog.swift") && broken.combined.contains("switch must be exhaustive"), "\(broken.combined)")
    }
}
