import Foundation
import Signing
import Testing

@Suite struct SlackRequestVerifierTests {
    struct VectorFile: Decodable {
        var sign_vectors: [SignVector]
        var verify_vectors: [VerifyVector]
    }

    struct SignVector: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var signing_secret: String
        var timestamp: String
        var body: String
        var expected_signature: String
        var headers: [String: String]
        var testDescription: String { name }
    }

    struct VerifyVector: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var signing_secret: String
        var timestamp: String
        var body: String
        var x_slack_signature: String
        var now: Int64
        var tolerance_seconds: Int64
        var expected_valid: Bool
        var testDescription: String { name }
    }

    static func vectors() throws -> VectorFile {
        try Vectors.decode(VectorFile.self, from: "slack-signature.json")
    }

    /// The code each invalid verify vector must fail with; an invalid vector not listed here fails.
    static let expectedCodes: [String: SigningError.Code] = [
        "body-with-suffix": .signatureMismatch,
        "stale-timestamp": .timestampOutOfTolerance,
        "future-timestamp": .timestampOutOfTolerance,
        "wrong-secret": .signatureMismatch,
    ]

    static let secret = "deliveryhost-slack-signing-secret-1"
    static let body = Array(#"{"type":"event_callback","event":{"text":"Hello world"}}"#.utf8)
    static let signedAt = Date(seconds: 1_700_000_000)

    @Test func vectorFileHasEveryCase() throws {
        let file = try Self.vectors()
        #expect(file.sign_vectors.count == 3)
        #expect(file.verify_vectors.count == 6)
        #expect(file.verify_vectors.filter(\.expected_valid).count == 2)
    }

    @Test(arguments: try SlackRequestVerifierTests.vectors().sign_vectors)
    func signMatchesVector(_ vector: SignVector) throws {
        let signer = SlackRequestVerifier(signingSecret: vector.signing_secret)
        let timestamp = Date(seconds: try #require(Int64(vector.timestamp)))
        #expect(signer.sign(body: vector.body.utf8, timestamp: timestamp) == vector.expected_signature)
        let headers = signer.headers(body: vector.body.utf8, timestamp: timestamp)
        #expect(headers.map(\.name) == ["X-Slack-Request-Timestamp", "X-Slack-Signature"])
        #expect(Dictionary(uniqueKeysWithValues: headers.map { ($0.name, $0.value) }) == vector.headers)
    }

    @Test(arguments: try SlackRequestVerifierTests.vectors().verify_vectors)
    func verifyMatchesVector(_ vector: VerifyVector) throws {
        let verifier = SlackRequestVerifier(signingSecret: vector.signing_secret)
        #expect(vector.tolerance_seconds == 300)
        let verify = {
            try verifier.verify(
                body: vector.body.utf8, timestamp: vector.timestamp, signature: vector.x_slack_signature,
                now: Date(seconds: vector.now))
        }
        if vector.expected_valid {
            try verify()
        } else {
            let expected = try #require(Self.expectedCodes[vector.name], "no expected code for \(vector.name)")
            let error = try #require(throws: SigningError.self) { try verify() }
            #expect(error.code == expected)
        }
    }

    @Test func rejectsTamperedBodyTimestampAndWrongSecret() throws {
        let signer = SlackRequestVerifier(signingSecret: Self.secret)
        let signature = signer.sign(body: Self.body, timestamp: Self.signedAt)
        let cases: [(SlackRequestVerifier, String, [UInt8])] = [
            (signer, "1700000000", Self.body + [0x20]),
            (signer, "1700000001", Self.body),
            (SlackRequestVerifier(signingSecret: Self.secret + "x"), "1700000000", Self.body),
        ]
        for (verifier, timestamp, body) in cases {
            let error = try #require(throws: SigningError.self) {
                try verifier.verify(body: body, timestamp: timestamp, signature: signature, now: Self.signedAt)
            }
            #expect(error.code == .signatureMismatch)
            #expect(!verifier.isValid(body: body, timestamp: timestamp, signature: signature, now: Self.signedAt))
        }
        #expect(signer.isValid(body: Self.body, timestamp: "1700000000", signature: signature, now: Self.signedAt))
        // The hex is compared as bytes, so upper case is accepted.
        #expect(
            signer.isValid(
                body: Self.body, timestamp: "1700000000", signature: "v0=" + signature.dropFirst(3).uppercased(),
                now: Self.signedAt))
    }

    @Test(arguments: [(-301, false), (-300, true), (0, true), (300, true), (301, false), (86_400, false)])
    func toleranceIsInclusiveInBothDirections(offsetSeconds: Int64, valid: Bool) throws {
        let signer = SlackRequestVerifier(signingSecret: Self.secret)
        let signature = signer.sign(body: Self.body, timestamp: Self.signedAt)
        let now = Date(seconds: 1_700_000_000 + offsetSeconds)
        let verify = { try signer.verify(body: Self.body, timestamp: "1700000000", signature: signature, now: now) }
        if valid {
            try verify()
        } else {
            #expect(try #require(throws: SigningError.self) { try verify() }.code == .timestampOutOfTolerance)
        }
        try signer.verify(
            body: Self.body, timestamp: "1700000000", signature: signature, now: now, tolerance: .seconds(86_400))
    }

    @Test(arguments: [
        ("", "v0=ae1b1f36abde83705ee8838c00b01e3424aaa05e2036cac6fa58cec27a1628f8", SigningError.Code.malformedHeader),
        ("17e8", "v0=ae1b1f36abde83705ee8838c00b01e3424aaa05e2036cac6fa58cec27a1628f8", .malformedHeader),
        (" 1700000000", "v0=ae1b1f36abde83705ee8838c00b01e3424aaa05e2036cac6fa58cec27a1628f8", .malformedHeader),
        ("1700000000", "", .malformedHeader),
        ("1700000000", "ae1b1f36abde83705ee8838c00b01e3424aaa05e2036cac6fa58cec27a1628f8", .malformedHeader),
        ("1700000000", "v0=", .malformedHeader),
        ("1700000000", "v0=not-hex", .malformedHeader),
        ("1700000000", "v0=abc", .malformedHeader),
        ("1700000000", "v1=ae1b1f36abde83705ee8838c00b01e3424aaa05e2036cac6fa58cec27a1628f8", .unsupportedAlgorithm),
    ])
    func rejectsMalformedHeaders(timestamp: String, signature: String, code: SigningError.Code) throws {
        let verifier = SlackRequestVerifier(signingSecret: Self.secret)
        let error = try #require(throws: SigningError.self) {
            try verifier.verify(body: Self.body, timestamp: timestamp, signature: signature, now: Self.signedAt)
        }
        #expect(error.code == code)
    }

    @Test func neverRevealsTheSecretSignatureOrBody() throws {
        let verifier = SlackRequestVerifier(signingSecret: Self.secret)
        let signature = verifier.sign(body: Self.body, timestamp: Self.signedAt)
        var texts: [String] = []
        for (body, now) in [(Self.body + [0x20], Self.signedAt), (Self.body, Self.signedAt.addingTimeInterval(900))] {
            let error = try #require(throws: SigningError.self) {
                try verifier.verify(body: body, timestamp: "1700000000", signature: signature, now: now)
            }
            texts.append(String(describing: error))
        }
        var dumped = ""
        dump(verifier, to: &dumped)
        texts += [String(describing: verifier), String(reflecting: verifier), dumped]
        for text in texts {
            #expect(!text.contains(Self.secret))
            #expect(!text.contains(signature.dropFirst(3)))
            #expect(!text.contains("Hello world"))
        }
    }
}
