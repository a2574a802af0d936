import Foundation
import Signing
import Testing

@Suite struct StandardWebhookSignatureTests {
    struct VectorFile: Decodable {
        var sign_vectors: [SignVector]
        var verify_vectors: [VerifyVector]
    }

    struct SignVector: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var secret: String
        var msg_id: String
        var timestamp: Int64
        var payload: String
        var expected_signature: String
        var headers: [String: String]
        var secret_bytes_length: Int?
        var testDescription: String { name }
    }

    struct VerifyVector: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var secret: String
        var msg_id: String
        var timestamp: Int64
        var payload: String
        var webhook_signature: String
        var now: Int64
        var tolerance_seconds: Int64
        var expected_valid: Bool
        var testDescription: String { name }
    }

    static func vectors() throws -> VectorFile {
        try Vectors.decode(VectorFile.self, from: "standard-webhooks.json")
    }

    /// The code each invalid verify vector must fail with; an invalid vector not listed here fails.
    static let expectedCodes: [String: SigningError.Code] = [
        "last-character-changed": .signatureMismatch,
        "valid-mac-wrong-version-prefix": .unsupportedAlgorithm,
        "timestamp-too-old": .timestampOutOfTolerance,
        "timestamp-too-new": .timestampOutOfTolerance,
        "payload-changed": .signatureMismatch,
    ]

    static let secretText = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let otherSecretText = "whsec_rqSuGjTyzjy7ZD/Y/U/jDO4HS2kPbChy9L9EOoPi2TQ="
    static let id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    static let body = Array(#"{"test": 2432232314}"#.utf8)
    static let signedAt = Date(seconds: 1_614_265_330)

    static func signature(_ texts: String...) throws -> StandardWebhookSignature {
        try StandardWebhookSignature(secrets: texts.map(StandardWebhookSecret.init))
    }

    @Test func vectorFileHasEveryCase() throws {
        let file = try Self.vectors()
        #expect(file.sign_vectors.count == 4)
        #expect(file.verify_vectors.count == 8)
        #expect(file.verify_vectors.filter(\.expected_valid).count == 3)
    }

    @Test(arguments: try StandardWebhookSignatureTests.vectors().sign_vectors)
    func signMatchesVector(_ vector: SignVector) throws {
        let secret = try StandardWebhookSecret(vector.secret)
        #expect(secret.text == vector.secret)
        if let length = vector.secret_bytes_length {
            #expect(try Base64.decode(String(vector.secret.dropFirst(6))).count == length)
        }
        let signer = StandardWebhookSignature(secret: secret)
        let timestamp = Date(seconds: vector.timestamp)
        #expect(
            signer.sign(id: vector.msg_id, timestamp: timestamp, body: vector.payload.utf8) == vector.expected_signature
        )

        let headers = signer.headers(id: vector.msg_id, timestamp: timestamp, body: vector.payload.utf8)
        #expect(headers.map(\.name) == ["webhook-id", "webhook-timestamp", "webhook-signature"])
        #expect(Dictionary(uniqueKeysWithValues: headers.map { ($0.name, $0.value) }) == vector.headers)
    }

    @Test(arguments: try StandardWebhookSignatureTests.vectors().verify_vectors)
    func verifyMatchesVector(_ vector: VerifyVector) throws {
        let verifier = StandardWebhookSignature(secret: try StandardWebhookSecret(vector.secret))
        #expect(vector.tolerance_seconds == 300)
        let verify = {
            try verifier.verify(
                id: vector.msg_id, timestamp: String(vector.timestamp), signatureHeader: vector.webhook_signature,
                body: vector.payload.utf8, now: Date(seconds: vector.now))
        }
        if vector.expected_valid {
            try verify()
        } else {
            let expected = try #require(Self.expectedCodes[vector.name], "no expected code for \(vector.name)")
            let error = try #require(throws: SigningError.self) { try verify() }
            #expect(error.code == expected)
        }
    }

    @Test func rotationSignsWithEverySecretAndVerifiesWithAny() throws {
        let both = try Self.signature(Self.secretText, Self.otherSecretText)
        let header = both.sign(id: Self.id, timestamp: Self.signedAt, body: Self.body)
        let entries = header.split(separator: " ")
        #expect(entries.count == 2)
        #expect(entries.first == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        for receiver in [try Self.signature(Self.secretText), try Self.signature(Self.otherSecretText), both] {
            try receiver.verify(
                id: Self.id, timestamp: "1614265330", signatureHeader: header, body: Self.body, now: Self.signedAt)
        }
        // A receiver holding old and new secrets accepts a message signed with only the old one.
        let oldOnly = try Self.signature(Self.secretText).sign(id: Self.id, timestamp: Self.signedAt, body: Self.body)
        #expect(
            both.isValid(
                id: Self.id, timestamp: "1614265330", signatureHeader: oldOnly, body: Self.body, now: Self.signedAt))
        let stranger = try Self.signature("whsec_" + Base64.encode(Array(repeating: UInt8(7), count: 32)))
        let error = try #require(throws: SigningError.self) {
            try stranger.verify(
                id: Self.id, timestamp: "1614265330", signatureHeader: header, body: Self.body, now: Self.signedAt)
        }
        #expect(error.code == .signatureMismatch)
    }

    @Test func rejectsTamperedMessagesAndWrongSecret() throws {
        let signer = try Self.signature(Self.secretText)
        let header = signer.sign(id: Self.id, timestamp: Self.signedAt, body: Self.body)
        let cases: [(StandardWebhookSignature, String, String, [UInt8])] = [
            (signer, Self.id, "1614265330", Self.body + [0x20]),  // body
            (signer, Self.id + "x", "1614265330", Self.body),  // id
            (signer, Self.id, "1614265331", Self.body),  // timestamp (within tolerance)
            (try Self.signature(Self.otherSecretText), Self.id, "1614265330", Self.body),  // secret
        ]
        for (verifier, id, timestamp, body) in cases {
            let error = try #require(throws: SigningError.self) {
                try verifier.verify(
                    id: id, timestamp: timestamp, signatureHeader: header, body: body, now: Self.signedAt)
            }
            #expect(error.code == .signatureMismatch)
        }
    }

    @Test(arguments: [(-301, false), (-300, true), (0, true), (300, true), (301, false), (86_400, false)])
    func toleranceIsInclusiveInBothDirections(offsetSeconds: Int64, valid: Bool) throws {
        let signer = try Self.signature(Self.secretText)
        let header = signer.sign(id: Self.id, timestamp: Self.signedAt, body: Self.body)
        let now = Date(seconds: 1_614_265_330 + offsetSeconds)
        let verify = {
            try signer.verify(id: Self.id, timestamp: "1614265330", signatureHeader: header, body: Self.body, now: now)
        }
        if valid {
            try verify()
        } else {
            #expect(try #require(throws: SigningError.self) { try verify() }.code == .timestampOutOfTolerance)
        }
    }

    @Test(arguments: [
        ("", "1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "empty id"),
        (StandardWebhookSignatureTests.id, "", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "empty timestamp"),
        (
            StandardWebhookSignatureTests.id, "1614265330.5", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            "fractional timestamp"
        ),
        (
            StandardWebhookSignatureTests.id, "2021-02-25T15:02:10Z", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            "ISO timestamp"
        ),
        (StandardWebhookSignatureTests.id, "1614265330", "", "empty signature header"),
        (StandardWebhookSignatureTests.id, "1614265330", "   ", "blank signature header"),
        (StandardWebhookSignatureTests.id, "1614265330", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "no version"),
    ])
    func rejectsMalformedHeaders(id: String, timestamp: String, signatureHeader: String, problem: String) throws {
        let verifier = try Self.signature(Self.secretText)
        let error = try #require(throws: SigningError.self, "\(problem)") {
            try verifier.verify(
                id: id, timestamp: timestamp, signatureHeader: signatureHeader, body: Self.body, now: Self.signedAt)
        }
        #expect(error.code == .malformedHeader, "\(problem)")
    }

    @Test func ignoresUnparseableAndOtherVersionEntries() throws {
        let verifier = try Self.signature(Self.secretText)
        let header = "v1a,AAAA v1,not-base64! junk v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        try verifier.verify(
            id: Self.id, timestamp: "1614265330", signatureHeader: header, body: Self.body, now: Self.signedAt)
    }

    @Test func parsesSecretsWithOrWithoutPrefixAndPadding() throws {
        let key = try StandardWebhookSecret(Self.otherSecretText).text
        #expect(try StandardWebhookSecret(String(Self.otherSecretText.dropFirst(6))).text == key)
        #expect(try StandardWebhookSecret(String(Self.otherSecretText.dropLast())).text == key)
        for bad in ["whsec_", "", "whsec_not base64", "whsec_A", "whsec_@@@@"] {
            #expect(try #require(throws: SigningError.self) { try StandardWebhookSecret(bad) }.code == .invalidKey)
        }
        #expect(
            try #require(throws: SigningError.self) { try StandardWebhookSignature(secrets: []) }.code == .invalidKey)
    }

    @Test func neverRevealsTheSecretSignatureOrBody() throws {
        let secret = try StandardWebhookSecret(Self.secretText)
        let signer = StandardWebhookSignature(secret: secret)
        let header = signer.sign(id: Self.id, timestamp: Self.signedAt, body: Self.body)
        var texts: [String] = []
        for (body, now) in [(Self.body + [0x20], Self.signedAt), (Self.body, Self.signedAt.addingTimeInterval(900))] {
            texts.append(
                String(
                    describing: try #require(throws: SigningError.self) {
                        try signer.verify(
                            id: Self.id, timestamp: "1614265330", signatureHeader: header, body: body, now: now)
                    }))
        }
        for value in [secret as Any, signer as Any] {
            var dumped = ""
            dump(value, to: &dumped)
            texts += [String(describing: value), String(reflecting: value), dumped]
        }
        for text in texts {
            #expect(!text.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
            #expect(!text.contains(String(header.dropFirst(3))))
            #expect(!text.contains("2432232314"))
        }
    }
}
