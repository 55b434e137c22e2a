// The JPEG marker segments we care about, read and written in pure Swift: the EXIF block (for
// libexif), the ICC profile (APP2 "ICC_PROFILE" chunks, which TurboJPEG 2.1 cannot read or write),
// and whether the entropy-coded data ends with EOI.

/// What the marker segments before the first scan hold.
struct JPEGSegments {
    /// The APP1 payload starting at "Exif\0\0", as libexif wants it.
    var exif: ArraySlice<UInt8>?
    /// The reassembled ICC profile, when all of its chunks are present.
    var iccProfile: [UInt8]?
    /// True when the last two bytes are not EOI (FF D9), the usual sign of a cut-off upload.
    var missingEOI: Bool
}

enum JPEGMarkers {
    private static let exifHeader: [UInt8] = Array("Exif\0\0".utf8)
    private static let iccHeader: [UInt8] = Array("ICC_PROFILE\0".utf8)

    /// Walks the segments from SOI up to the first SOS. Malformed lengths end the walk quietly:
    /// whatever was found so far is returned; the decoder has the last word on validity.
    static func scan(_ bytes: [UInt8]) -> JPEGSegments {
        var result = JPEGSegments(exif: nil, iccProfile: nil, missingEOI: true)
        let count = bytes.count
        if count >= 4, bytes[count - 2] == 0xFF, bytes[count - 1] == 0xD9 { result.missingEOI = false }
        guard count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return result }

        var iccChunks: [Int: ArraySlice<UInt8>] = [:]
        var iccChunkCount = 0
        var pos = 2
        while pos + 4 <= count {
            guard bytes[pos] == 0xFF else { break }
            let marker = bytes[pos + 1]
            if marker == 0xFF { pos += 1; continue }  // fill byte
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { pos += 2; continue }
            if marker == 0xDA || marker == 0xD9 { break }  // start of scan / end of image
            let length = Int(bytes[pos + 2]) << 8 | Int(bytes[pos + 3])
            let start = pos + 4, end = pos + 2 + length
            guard length >= 2, end <= count else { break }
            let payload = bytes[start..<end]
            if marker == 0xE1, result.exif == nil, payload.starts(with: exifHeader) {
                result.exif = payload
            } else if marker == 0xE2, payload.starts(with: iccHeader), payload.count > iccHeader.count + 2 {
                let seq = Int(payload[start + iccHeader.count])
                let total = Int(payload[start + iccHeader.count + 1])
                if seq >= 1, total >= 1, seq <= total, iccChunkCount == 0 || iccChunkCount == total {
                    iccChunkCount = total
                    iccChunks[seq] = payload[(start + iccHeader.count + 2)...]
                }
            }
            pos = end
        }
        if iccChunkCount > 0, iccChunks.count == iccChunkCount {
            result.iccProfile = (1...iccChunkCount).flatMap { iccChunks[$0]! }
        }
        return result
    }

    /// Inserts the ICC profile as APP2 chunks right after SOI and any APP0 (JFIF) segment.
    static func insertingICC(_ profile: [UInt8], into jpeg: [UInt8]) -> [UInt8] {
        let maxChunk = 65_533 - 2 - iccHeader.count - 2
        let chunkCount = (profile.count + maxChunk - 1) / maxChunk
        guard !profile.isEmpty, chunkCount <= 255, jpeg.count >= 4, jpeg[0] == 0xFF, jpeg[1] == 0xD8 else {
            return jpeg
        }
        var insertAt = 2
        if jpeg.count >= 6, jpeg[2] == 0xFF, jpeg[3] == 0xE0 {
            insertAt = min(jpeg.count, 4 + (Int(jpeg[4]) << 8 | Int(jpeg[5])))
        }
        var out: [UInt8] = []
        out.reserveCapacity(jpeg.count + profile.count + chunkCount * 18)
        out.append(contentsOf: jpeg[0..<insertAt])
        for index in 0..<chunkCount {
            let piece = profile[(index * maxChunk)..<min(profile.count, (index + 1) * maxChunk)]
            let length = 2 + iccHeader.count + 2 + piece.count
            out.append(contentsOf: [0xFF, 0xE2, UInt8(length >> 8), UInt8(length & 0xFF)])
            out.append(contentsOf: iccHeader)
            out.append(contentsOf: [UInt8(index + 1), UInt8(chunkCount)])
            out.append(contentsOf: piece)
        }
        out.append(contentsOf: jpeg[insertAt...])
        return out
    }
}
