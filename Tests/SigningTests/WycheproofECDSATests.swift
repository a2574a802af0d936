import Signing
import Testing

/// ECDSA P-256/SHA-256 verification against Wycheproof's P1363 (`r‖s`) vectors, through the ES256 verifier.
@Suite struct WycheproofECDSATests {
    struct File: Decodable {
        struct Group: Decodable {
            var publicKeyPem: String
            var tests: [Case]
        }
        struct Case: Decodable {
            var tcId: Int
            var comment: String
            var msg: String
            var sig: String
            var result: String
        }
        var numberOfTests: Int
        var testGroups: [Group]
    }

    @Test func everyVectorHasTheExpectedResult() throws {
        let file = try Vectors.decode(File.self, from: "wycheproof-ecdsa-p256-sha256-p1363.json")
        var checked = 0
        for group in file.testGroups {
            let verifier = try JWTVerifier(algorithm: .es256, key: PublicKey(pem: group.publicKeyPem))
            for test in group.tests {
                let valid = try verifier.isValidSignature(try Hex.decode(test.sig), for: try Hex.decode(test.msg))
                #expect(valid == (test.result == "valid"), "tcId \(test.tcId): \(test.comment)")
                checked += 1
            }
        }
        #expect(checked == file.numberOfTests)
        #expect(checked == 40)
    }
}
