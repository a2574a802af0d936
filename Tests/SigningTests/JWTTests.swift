import Foundation
import Signing
import Testing

@Suite struct JWTTests {
    struct JOSE: Decodable {
        struct Example: Decodable {
            var private_key_pem_pkcs8: String
            var public_key_pem_spki: String
            var protected_header: String
            var signing_input: String
            var signature_b64u: String
            var compact_jws: String
        }
        struct Derived: Decodable {
            var name: String
            var alg: String
            var signing_input: String
            var signature_b64u: String
            var expected_valid: Bool
        }
        struct Payload: Decodable {
            var bytes_utf8: String
            var b64u: String
        }
        var payload: Payload
        var rs256: Example
        var es256: Example
        var derived_cases: [Derived]
    }

    static func jose() throws -> JOSE { try Vectors.decode(JOSE.self, from: "jose.json") }

    @Test func rs256ReproducesRFC7515AppendixA2ByteForByte() throws {
        let vector = try Self.jose()
        let signer = try JWTSigner(algorithm: .rs256, key: PrivateKey(pem: vector.rs256.private_key_pem_pkcs8))
        let header = JWTHeader(algorithm: .rs256)
        #expect(String(decoding: header.jsonBytes, as: UTF8.self) == vector.rs256.protected_header)
        let token = try signer.sign(payload: Array(vector.payload.bytes_utf8.utf8), header: header)
        #expect(token == vector.rs256.compact_jws)
        let signature = try signer.signature(for: Array(vector.rs256.signing_input.utf8))
        #expect(Base64URL.encode(signature) == vector.rs256.signature_b64u)
    }

    @Test func rs256AcceptsThePKCS1FormOfTheSameKey() throws {
        let vector = try Self.jose()
        let key = try PrivateKey(pem: TestKeys.text("rfc7515-a2-rsa-pkcs1.pem"))
        #expect(key.keyDescription == "RSA 2048-bit")
        let token = try JWTSigner(algorithm: .rs256, key: key)
            .sign(payload: Array(vector.payload.bytes_utf8.utf8), header: JWTHeader(algorithm: .rs256))
        #expect(token == vector.rs256.compact_jws)
    }

    @Test func verifiesBothRFC7515Examples() throws {
        let vector = try Self.jose()
        let rs = try JWTVerifier(algorithm: .rs256, key: PublicKey(pem: vector.rs256.public_key_pem_spki))
        let es = try JWTVerifier(algorithm: .es256, key: PublicKey(pem: vector.es256.public_key_pem_spki))
        let rsToken = try rs.verifySignature(vector.rs256.compact_jws)
        #expect(rsToken.payload == Array(vector.payload.bytes_utf8.utf8))
        let esToken = try es.verifySignature(vector.es256.compact_jws)
        #expect(esToken.header.algorithm == .es256)
        #expect(esToken.signature.count == 64)
    }

    @Test func derivedJOSECasesHaveTheExpectedValidity() throws {
        let vector = try Self.jose()
        #expect(vector.derived_cases.count == 5)
        let verifiers = [
            "RS256": try JWTVerifier(algorithm: .rs256, key: PublicKey(pem: vector.rs256.public_key_pem_spki)),
            "ES256": try JWTVerifier(algorithm: .es256, key: PublicKey(pem: vector.es256.public_key_pem_spki)),
        ]
        for item in vector.derived_cases {
            let verifier = try #require(verifiers[item.alg])
            let valid = try verifier.isValidSignature(
                try Base64URL.decode(item.signature_b64u), for: Array(item.signing_input.utf8))
            #expect(valid == item.expected_valid, "\(item.name)")
            let compact = item.signing_input + "." + item.signature_b64u
            if item.expected_valid {
                #expect(throws: Never.self) { try verifier.verifySignature(compact) }
            } else {
                let error = try #require(throws: SigningError.self) { try verifier.verifySignature(compact) }
                #expect(error.code == .signatureMismatch, "\(item.name)")
            }
        }
    }

    @Test(arguments: ["pkcs8", "sec1"])
    func es256SignsRawSignaturesThatVerify(keyForm: String) throws {
        let vector = try Self.jose()
        let pem = keyForm == "pkcs8" ? vector.es256.private_key_pem_pkcs8 : try TestKeys.text("rfc7515-a3-ec-sec1.pem")
        let signer = try JWTSigner(algorithm: .es256, key: PrivateKey(pem: pem))
        let verifier = try JWTVerifier(algorithm: .es256, key: PublicKey(pem: vector.es256.public_key_pem_spki))
        struct Claims: Codable, Equatable { var iss: String; var iat: Int }
        for _ in 0..<16 {
            let token = try signer.sign(Claims(iss: "TEAM123456", iat: 1_700_000_000), keyID: "KEY1234567")
            let parts = token.split(separator: ".")
            #expect(
                String(decoding: try Base64URL.decode(String(parts[0])), as: UTF8.self)
                    == #"{"alg":"ES256","kid":"KEY1234567"}"#)
            #expect(
                String(decoding: try Base64URL.decode(String(parts[1])), as: UTF8.self)
                    == #"{"iat":1700000000,"iss":"TEAM123456"}"#)
            #expect(try Base64URL.decode(String(parts[2])).count == 64)
            try verifier.verify(token, now: Date(timeIntervalSince1970: 1_700_000_000))
        }
    }

    @Test func verifyChecksExpiryAndNotBefore() throws {
        let vector = try Self.jose()
        let signer = try JWTSigner(algorithm: .rs256, key: PrivateKey(pem: vector.rs256.private_key_pem_pkcs8))
        let verifier = try JWTVerifier(algorithm: .rs256, key: PublicKey(pem: vector.rs256.public_key_pem_spki))
        struct Claims: Encodable { var exp: Int; var nbf: Int }
        let token = try signer.sign(Claims(exp: 2_000, nbf: 1_000), type: "JWT")
        try verifier.verify(token, now: Date(timeIntervalSince1970: 1_500), leeway: 0)
        try verifier.verify(token, now: Date(timeIntervalSince1970: 2_030), leeway: 60)
        let expired = try #require(throws: SigningError.self) {
            try verifier.verify(token, now: Date(timeIntervalSince1970: 2_000), leeway: 0)
        }
        #expect(expired.code == .tokenExpired)
        let early = try #require(throws: SigningError.self) {
            try verifier.verify(token, now: Date(timeIntervalSince1970: 999), leeway: 0)
        }
        #expect(early.code == .tokenExpired)
        // The RFC example's exp (2011) has long passed.
        let rfc = try #require(throws: SigningError.self) { try verifier.verify(vector.rs256.compact_jws, now: Date()) }
        #expect(rfc.code == .tokenExpired)
    }

    @Test func theTokenCannotChooseTheAlgorithm() throws {
        let vector = try Self.jose()
        let es = try JWTVerifier(algorithm: .es256, key: PublicKey(pem: vector.es256.public_key_pem_spki))
        let mismatch = try #require(throws: SigningError.self) { try es.verifySignature(vector.rs256.compact_jws) }
        #expect(mismatch.code == .unsupportedAlgorithm)
        let none = Base64URL.encode(#"{"alg":"none"}"#.utf8) + "." + vector.payload.b64u + "."
        let unsigned = try #require(throws: SigningError.self) { try es.verifySignature(none) }
        #expect(unsigned.code == .unsupportedAlgorithm)
        let hs = Base64URL.encode(#"{"alg":"HS256"}"#.utf8) + "." + vector.payload.b64u + ".c2ln"
        #expect(throws: SigningError.self) { try es.verifySignature(hs) }
    }

    @Test(arguments: ["a.b", "a.b.c.d", "!!!.e30.c2ln", "e30.e30.c2ln", "bm90IGpzb24.e30.c2ln"])
    func malformedTokensAreRejectedClearly(token: String) throws {
        let vector = try Self.jose()
        let verifier = try JWTVerifier(algorithm: .rs256, key: PublicKey(pem: vector.rs256.public_key_pem_spki))
        let error = try #require(throws: SigningError.self) { try verifier.verifySignature(token) }
        #expect(error.code == .malformedToken)
    }

    @Test func keysMustFitTheAlgorithm() throws {
        let vector = try Self.jose()
        let cases: [(JWTAlgorithm, String, String)] = [
            (.es256, vector.rs256.private_key_pem_pkcs8, "EC P-256"),
            (.rs256, vector.es256.private_key_pem_pkcs8, "RSA"),
            (.es256, try TestKeys.text("test-only-ec-p384.pem"), "EC P-256"),
            (.rs256, try TestKeys.text("test-only-rsa-1024.pem"), "2048 bits"),
        ]
        for (algorithm, pem, expected) in cases {
            let error = try #require(throws: SigningError.self) {
                try JWTSigner(algorithm: algorithm, key: PrivateKey(pem: pem))
            }
            #expect(error.code == .invalidKey)
            #expect(error.message.contains(expected), "\(error)")
        }
    }

    @Test func badPEMGetsAClearErrorAndNoPrompt() throws {
        let inputs = [
            "", "hello", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----",
            try TestKeys.text("test-only-encrypted.pem"), try Self.jose().rs256.public_key_pem_spki,
        ]
        for input in inputs {
            let error = try #require(throws: SigningError.self) { try PrivateKey(pem: input) }
            #expect(error.code == .invalidKey)
        }
        let encrypted = try #require(throws: SigningError.self) {
            try PrivateKey(pem: TestKeys.text("test-only-encrypted.pem"))
        }
        #expect(encrypted.message.contains("encrypted"))
    }

    @Test func aPEMPastedWithLiteralNewlinesLoads() throws {
        let pem = try Self.jose().es256.private_key_pem_pkcs8.replacingOccurrences(of: "\n", with: "\\n")
        #expect(try PrivateKey(pem: pem).keyDescription == "EC P-256")
    }

    @Test func descriptionsNeverShowKeyMaterial() throws {
        let vector = try Self.jose()
        let key = try PrivateKey(pem: vector.rs256.private_key_pem_pkcs8)
        #expect(key.description == "PrivateKey(RSA 2048-bit)")
        #expect(!String(reflecting: key).contains("MIIE"))
    }
}
