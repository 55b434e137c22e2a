import Foundation
import PhotoProcessing
import Testing

struct PhotoInspectorTests {
    @Test(arguments: 0...8)
    func readsOrientationOfEveryFixture(orientation: Int) throws {
        for series in ["Landscape", "Portrait"] {
            let path = TestFiles.orientationFixtures.appendingPathComponent("\(series)_\(orientation).jpg").path
            let info = try PhotoInspector.inspect(fileAt: path)
            #expect(info.format == "jpeg")
            #expect(info.orientation == max(orientation, 1), "\(series)_\(orientation): 0 and missing read as 1")
            // Stored size: 5–8 are stored sideways.
            let upright = series == "Landscape" ? (1800, 1200) : (1200, 1800)
            #expect(info.uprightWidth == upright.0 && info.uprightHeight == upright.1)
            #expect(info.hasGPS == false)
        }
    }

    @Test func zeroByteFileIsEmpty() throws {
        let dir = try TestFiles.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("IMG_0001.jpg").path
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        #expect(throws: PhotoError.self) { try PhotoInspector.inspect(fileAt: path) }
        do { _ = try PhotoInspector.inspect(fileAt: path) } catch { #expect(error.kind == .empty) }
    }

    @Test func textFileNamedJPEGIsNotAnImage() throws {
        let dir = try TestFiles.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("pool.jpg").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("Villa with pool, 3 bedrooms\n".utf8))
        do {
            _ = try PhotoInspector.inspect(fileAt: path)
            Issue.record("a text file was accepted as a photo")
        } catch {
            #expect(error.kind == .notAnImage)
            #expect(error.message.contains("text"))
        }
    }

    @Test func missingFileIsReported() {
        do {
            _ = try PhotoInspector.inspect(fileAt: "/nonexistent/photo.jpg")
            Issue.record("a missing file was accepted")
        } catch {
            // Gone (its folder moved) or unreadable right now is not a verdict on the photo's bytes: tried again later.
            #expect(error.kind == .sourceMissing && error.isTransient)
        }
    }
}
