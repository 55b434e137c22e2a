// Choices over a folder's rendered photos: which are duplicates, and which is the cover.
// Pure functions of the render results, so the pipeline can re-run them without touching pixels.

public enum PhotoSelection {
    /// For each photo, the index of the earlier photo it repeats (same picture re-saved, resized,
    /// lightly cropped or retouched), or nil. Photos without a hash (not rendered) are never
    /// duplicates and never originals. A duplicate always points at an original, never at
    /// another duplicate.
    public static func duplicates(of hashes: [PerceptualHash?],
                                  maxDistance: Int = PerceptualHash.nearDuplicateDistance) -> [Int?] {
        var originals: [(index: Int, hash: PerceptualHash)] = []
        return hashes.enumerated().map { index, hash in
            guard let hash else { return nil }
            if let original = originals.first(where: { PerceptualHash.isNearDuplicate($0.hash, hash, maxDistance: maxDistance) }) {
                return original.index
            }
            originals.append((index, hash))
            return nil
        }
    }

    /// Flags that make a photo a poor cover.
    static let coverBlockingFlags: Set<String> = ["too_dark", "blurry", "truncated"]

    /// The cover photo's index: never a duplicate; a photo that is not dark, blurry or cut short
    /// when there is one; then landscape over portrait, large enough over too small, sharper over
    /// softer, and earlier over later. Nil only when nothing rendered.
    public static func chooseCover(_ photos: [RenderedPhoto?], duplicateOf: [Int?]) -> Int? {
        func rank(_ photo: RenderedPhoto) -> (Int, Int, Int, Double) {
            (coverBlockingFlags.isDisjoint(with: photo.flags) ? 1 : 0, photo.isLandscape ? 1 : 0,
             photo.flags.contains("too_small") ? 0 : 1, photo.sharpness)
        }
        var best: (index: Int, rank: (Int, Int, Int, Double))?
        for (index, photo) in photos.enumerated() {
            guard let photo, index >= duplicateOf.count || duplicateOf[index] == nil else { continue }
            let candidate = rank(photo)
            if best == nil || candidate > best!.rank { best = (index, candidate) }
        }
        return best?.index
    }
}
