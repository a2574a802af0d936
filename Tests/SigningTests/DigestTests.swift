import Foundation
import Signing
import Testing

@Suite struct DigestTests {
    @Test func hashesKnownAnswers() {
        // FIPS 180 "abc" examples.
        #expect(Hex.encode(Digest.sha1("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(
            Hex.encode(Digest.sha256("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Hex.encode(Digest.sha512("abc".utf8))
                == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        #expect(
            Hex.encode(Digest.sha256([UInt8]()))
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    struct RFC4231: Decodable {
        struct Case: Decodable {
            var id: Int
            var key_hex: String
            var data_hex: String
            var truncate_to_bytes: Int?
            var hmac_sha256_hex: String
            var hmac_sha512_hex: String
        }
        var cases: [Case]
    }

    struct RFC2202: Decodable {
        struct Case: Decodable {
            var id: Int
            var key_hex: String
            var data_hex: String
            var hmac_sha1_hex: String
        }
        var cases: [Case]
    }

    @Test func hmacSHA256AndSHA512MatchRFC4231() throws {
        let vectors = try Vectors.decode(RFC4231.self, from: "hmac-rfc4231.json")
        #expect(vectors.cases.count == 7)
        for vector in vectors.cases {
            let key = try Hex.decode(vector.key_hex)
            let data = try Hex.decode(vector.data_hex)
            let length = vector.truncate_to_bytes
            let sha256 = HMAC.authenticationCode(for: data, key: key, using: .sha256)
            let sha512 = HMAC.authenticationCode(for: data, key: key, using: .sha512)
            #expect(Hex.encode(sha256.prefix(length ?? 32)) == vector.hmac_sha256_hex, "case \(vector.id)")
            #expect(Hex.encode(sha512.prefix(length ?? 64)) == vector.hmac_sha512_hex, "case \(vector.id)")
        }
    }

    @Test func hmacSHA1MatchesRFC2202() throws {
        let vectors = try Vectors.decode(RFC2202.self, from: "hmac-sha1-rfc2202.json")
        #expect(vectors.cases.count == 7)
        for vector in vectors.cases {
            let mac = HMAC.authenticationCode(
                for: try Hex.decode(vector.data_hex), key: try Hex.decode(vector.key_hex), using: .sha1)
            let expected = vector.hmac_sha1_hex
            #expect(Hex.encode(mac.prefix(expected.count / 2)) == expected, "case \(vector.id)")
        }
    }

    @Test func hmacAcceptsAnEmptyKeyAndMessage() {
        // Python: hmac.new(b"", b"", "sha256").hexdigest()
        #expect(
            Hex.encode(HMAC.authenticationCode(for: [UInt8](), key: [UInt8](), using: .sha256))
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func hmacValidationIsExact() {
        let key = Array("key".utf8)
        let message = Array("The quick brown fox jumps over the lazy dog".utf8)
        let mac = HMAC.authenticationCode(for: message, key: key, using: .sha256)
        #expect(Hex.encode(mac) == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
        #expect(HMAC.isValidAuthenticationCode(mac, for: message, key: key, using: .sha256))
        var tampered = mac
        tampered[31] ^= 1
        #expect(!HMAC.isValidAuthenticationCode(tampered, for: message, key: key, using: .sha256))
        #expect(!HMAC.isValidAuthenticationCode(mac.prefix(16), for: message, key: key, using: .sha256))
    }

    @Test func constantTimeComparison() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([UInt8](), []))
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abc", "abd"))
    }
}
