// What the daemon and a photo worker process say to each other over their socket: one request,
// one response, each a length-prefixed frame. The JSON part is small; the encoded JPEGs follow it
// as raw bytes so a large photo is not base64-inflated.
import Foundation
import PhotoProcessing

/// One photo job for a worker.
enum PhotoWorkerRequest: Codable, Sendable, Equatable {
    /// The upright web copy and thumbnail of the file at `path` (`PhotoRenderer.render`).
    case render(path: String, options: RenderOptions)
    /// A vision model's copy (`ModelImage.render`).
    case modelImage(path: String, width: Int, height: Int, quality: Int)
}

/// A worker's answer. `blobSizes` are the byte counts of the JPEGs that follow the JSON.
struct PhotoWorkerResponse: Codable, Sendable {
    var photo: RenderedPhoto?
    var modelSize: [Int]?
    var error: PhotoError?
    var blobSizes: [Int] = []
}

/// Frames over a stream socket: a 4-byte little-endian length, then that many bytes. A response
/// frame holds a 4-byte JSON length, the JSON, then the blobs back to back.
enum PhotoWorkerFrame {
    /// Refused above this (a confused peer, not a photo): the largest JPEGs are a few MB.
    static let maxFrame = 512 << 20

    static func encode(_ response: PhotoWorkerResponse, blobs: [[UInt8]]) throws -> [UInt8] {
        let json = try JSONEncoder().encode(response)
        var body = littleEndian(json.count) + [UInt8](json)
        for blob in blobs { body += blob }
        return littleEndian(body.count) + body
    }

    static func encode(_ request: PhotoWorkerRequest) throws -> [UInt8] {
        let json = try JSONEncoder().encode(request)
        return littleEndian(json.count) + [UInt8](json)
    }

    static func decodeResponse(_ body: [UInt8]) throws -> (PhotoWorkerResponse, [[UInt8]]) {
        guard body.count >= 4 else { throw CocoaError(.coderReadCorrupt) }
        let jsonLength = readLittleEndian(body, at: 0)
        guard jsonLength >= 0, 4 + jsonLength <= body.count else { throw CocoaError(.coderReadCorrupt) }
        let response = try JSONDecoder().decode(PhotoWorkerResponse.self, from: Data(body[4..<(4 + jsonLength)]))
        var blobs: [[UInt8]] = [], offset = 4 + jsonLength
        for size in response.blobSizes {
            guard size >= 0, offset + size <= body.count else { throw CocoaError(.coderReadCorrupt) }
            blobs.append(Array(body[offset..<(offset + size)]))
            offset += size
        }
        return (response, blobs)
    }

    static func littleEndian(_ value: Int) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    static func readLittleEndian(_ bytes: [UInt8], at offset: Int) -> Int {
        (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }
}
