import ContentHash
import Foundation
import Testing
import TestSupport

struct ContentHashTests {
    // FIPS 180-2 test vectors.
    @Test func stringsAndBytesMatchTheStandardVectors() {
        #expect(ContentHash.sha256(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentHash.sha256(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.sha256(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(ContentHash.digest(of: Data("abc".utf8)).count == 32)
    }

    // RFC 4231 test cases 1 and 2 (the rebuild hook's webhook signature).
    @Test func hmacMatchesTheStandardVectors() {
        #expect(ContentHash.hmacSHA256(key: Data(repeating: 0x0b, count: 20), data: Data("Hi There".utf8))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(ContentHash.hmacSHA256(key: Data("Jefe".utf8), data: Data("what do ya want for nothing?".utf8))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// A file larger than the 1 MiB read buffer hashes the same as coreutils' sha256sum says.
    @Test func aFileSpanningManyReadsMatchesSha256sum() throws {
        let directory = try TemporaryDirectory("content-hash")
        let file = directory.appending("big.bin")
        var bytes = [UInt8](repeating: 0, count: 3 * (1 << 20) + 12_345)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
        try Data(bytes).write(to: file)
        let expected = try ProcessRunner.run("sha256sum", [file.path]).stdout.split(separator: " ").first.map(String.init)
        #expect(try ContentHash.sha256(ofFileAt: file.path) == expected)
        #expect(try ContentHash.sha256(ofFileAt: file.path) == ContentHash.sha256(of: Data(bytes)))
    }

    /// Inputs are never read through a link: a symlink planted in a folder must not make us hash
    /// (and so read) a file outside it.
    @Test func refusesSymlinksAndMissingFiles() throws {
        let directory = try TemporaryDirectory("content-hash")
        let target = directory.appending("target.txt")
        try Data("secret".utf8).write(to: target)
        let link = directory.appending("link.txt")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        do {
            _ = try ContentHash.sha256(ofFileAt: link.path)
            Issue.record("a symlink was followed")
        } catch { #expect(error.errno == ELOOP) }
        do {
            _ = try ContentHash.sha256(ofFileAt: directory.appending("missing").path)
            Issue.record("a missing file hashed")
        } catch { #expect(error.errno == ENOENT) }
    }
}
