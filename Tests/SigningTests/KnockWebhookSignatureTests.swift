import Foundation
import Signing
import Testing

@Suite struct KnockWebhookSignatureTests {
    struct VectorFile: Decodable {
        var sign_vectors: [SignVector]
        var verify_vectors: [VerifyVector]
    }

    struct SignVector: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var secret: String
        var timestamp_ms: Int64
        var body: String
        var signature: String
        var x_knock_signature: String
        var testDescription: String { name }
    }

    struct VerifyVector: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var secret: String
        var body: String
        var x_knock_signature: String
        var now_ms: Int64
        var expected_valid: Bool
        var testDescription: String { name }
    }

    static func vectors() throws -> VectorFile {
        try Vectors.decode(VectorFile.self, from: "knock-signature.json")
    }

    /// The code each invalid verify vector must fail with; an invalid vector not listed here fails.
    static let expectedCodes: [String: SigningError.Code] = [
        "body-changed": .signatureMismatch,
        "wrong-secret": .signatureMismatch,
        "stale-timestamp": .timestampOutOfTolerance,
        "seconds-timestamp-rejected": .timestampOutOfTolerance,
    ]

    static let secret = "knock_test_webhook_secret_1"
    static let body = Array(#"{"type":"message.sent","data":{"id":"2bHdLbVMRLpG8I3lDZ1SpfYdyQx"}}"#.utf8)
    static let signedAt = Date(milliseconds: 1_700_000_000_000)

    @Test func vectorFileHasEveryCase() throws {
        let file = try Self.vectors()
        #expect(file.sign_vectors.count == 4)
        #expect(file.verify_vectors.count == 5)
        #expect(file.verify_vectors.filter(\.expected_valid).count == 1)
    }

    @Test(arguments: try KnockWebhookSignatureTests.vectors().sign_vectors)
    func signMatchesVector(_ vector: SignVector) throws {
        let signer = KnockWebhookSignature(secret: vector.secret)
        let header = signer.sign(body: vector.body.utf8, timestamp: Date(milliseconds: vector.timestamp_ms))
        #expect(header == vector.x_knock_signature)
        #expect(header.hasSuffix(",s=" + vector.signature))
        try signer.verify(body: vector.body.utf8, header: header, now: Date(milliseconds: vector.timestamp_ms))
    }

    @Test(arguments: try KnockWebhookSignatureTests.vectors().verify_vectors)
    func verifyMatchesVector(_ vector: VerifyVector) throws {
        let verifier = KnockWebhookSignature(secret: vector.secret)
        let now = Date(milliseconds: vector.now_ms)
        #expect(
            verifier.isValid(body: vector.body.utf8, header: vector.x_knock_signature, now: now)
                == vector.expected_valid)
        if vector.expected_valid {
            try verifier.verify(body: vector.body.utf8, header: vector.x_knock_signature, now: now)
        } else {
            let expected = try #require(Self.expectedCodes[vector.name], "no expected code for \(vector.name)")
            let error = try #require(throws: SigningError.self) {
                try verifier.verify(body: vector.body.utf8, header: vector.x_knock_signature, now: now)
            }
            #expect(error.code == expected)
        }
    }

    @Test func acceptsPartsInAnyOrderAndWithSpaces() throws {
        let signer = KnockWebhookSignature(secret: Self.secret)
        let header = signer.sign(body: Self.body, timestamp: Self.signedAt)
        let parts = header.split(separator: ",")
        let reordered = "\(parts[1]) , \(parts[0])"
        try signer.verify(body: Self.body, header: reordered, now: Self.signedAt)
        try signer.verify(body: Self.body, header: header + ",v=2", now: Self.signedAt)
    }

    @Test(arguments: [
        ("", "empty"),
        ("s=qLaXvYeAByy95wgdq58cDINTtELvbSED46SPalnV2vU=", "no t"),
        ("t=1700000000000", "no s"),
        ("t=1700000000000,s=", "empty s"),
        ("t=abc,s=qLaXvYeAByy95wgdq58cDINTtELvbSED46SPalnV2vU=", "non-numeric t"),
        ("t=-1700000000000,s=qLaXvYeAByy95wgdq58cDINTtELvbSED46SPalnV2vU=", "negative t"),
        ("t=99999999999999999999,s=qLaXvYeAByy95wgdq58cDINTtELvbSED46SPalnV2vU=", "t overflows"),
        ("t=1700000000000,s=not base64!", "non-base64 s"),
        ("t=1700000000000;s=qLaXvYeAByy95wgdq58cDINTtELvbSED46SPalnV2vU=", "wrong separator"),
        ("t=1700000000000,t=1700000000000,s=qLaXvYeAByy95wgdq58cDINTtELvbSED46SPalnV2vU=", "repeated t"),
        ("t=1700000000000,s=qLaXvYeAByy95wgdq58cDINTtELvbSED46SPalnV2vU=,s=AAAA", "repeated s"),
    ])
    func rejectsMalformedHeader(header: String, problem: String) throws {
        let verifier = KnockWebhookSignature(secret: Self.secret)
        let error = try #require(throws: SigningError.self, "\(problem)") {
            try verifier.verify(body: Self.body, header: header, now: Self.signedAt)
        }
        #expect(error.code == .malformedHeader, "\(problem)")
    }

    @Test func rejectsTamperedBodyAndWrongSecret() throws {
        let header = KnockWebhookSignature(secret: Self.secret).sign(body: Self.body, timestamp: Self.signedAt)
        let tampered = try #require(throws: SigningError.self) {
            try KnockWebhookSignature(secret: Self.secret).verify(
                body: Self.body + [0x20], header: header, now: Self.signedAt)
        }
        #expect(tampered.code == .signatureMismatch)
        let wrongSecret = try #require(throws: SigningError.self) {
            try KnockWebhookSignature(secret: Self.secret + "x").verify(
                body: Self.body, header: header, now: Self.signedAt)
        }
        #expect(wrongSecret.code == .signatureMismatch)
    }

    @Test(arguments: [
        (-300_000, false), (-299_999, true), (0, true), (299_999, true), (300_000, false), (3_600_000, false),
    ])
    func toleranceIsExclusiveInBothDirections(offsetMilliseconds: Int64, valid: Bool) {
        let signer = KnockWebhookSignature(secret: Self.secret)
        let header = signer.sign(body: Self.body, timestamp: Self.signedAt)
        let now = Date(milliseconds: 1_700_000_000_000 + offsetMilliseconds)
        #expect(signer.isValid(body: Self.body, header: header, now: now) == valid)
        if !valid {
            #expect(throws: SigningError.self) { try signer.verify(body: Self.body, header: header, now: now) }
        }
    }

    /// The exclusive boundary holds for any signing millisecond, not only for whole seconds.
    ///
    /// A `Date` holds most millisecond counts only approximately (about 0.1 µs off at today's
    /// epoch), so comparing the header's milliseconds with an unrounded `now` let a timestamp
    /// exactly 300 000 ms away through, or not, depending on that error. Found by
    /// `scripts/crosscheck/signing.py`.
    @Test(
        arguments: [1_773_480_413_275, 1_773_480_413_704, 1_700_000_000_001] as [Int64],
        [(-300_000, false), (-299_999, true), (299_999, true), (300_000, false)] as [(Int64, Bool)]
    )
    func toleranceBoundaryIsExactAtEveryMillisecond(signedMilliseconds: Int64, offset: (Int64, Bool)) {
        let signer = KnockWebhookSignature(secret: Self.secret)
        let header = signer.sign(body: Self.body, timestamp: Date(milliseconds: signedMilliseconds))
        #expect(header.hasPrefix("t=\(signedMilliseconds),"))
        let now = Date(milliseconds: signedMilliseconds + offset.0)
        #expect(signer.isValid(body: Self.body, header: header, now: now) == offset.1)
    }

    @Test func futureAndStaleTimestampsThrowOutOfTolerance() throws {
        let signer = KnockWebhookSignature(secret: Self.secret)
        let header = signer.sign(body: Self.body, timestamp: Self.signedAt)
        for now in [Self.signedAt.addingTimeInterval(-301), Self.signedAt.addingTimeInterval(301)] {
            let error = try #require(throws: SigningError.self) {
                try signer.verify(body: Self.body, header: header, now: now)
            }
            #expect(error.code == .timestampOutOfTolerance)
        }
        // A custom tolerance widens the window.
        try signer.verify(
            body: Self.body, header: header, now: Self.signedAt.addingTimeInterval(301), tolerance: .seconds(600))
    }

    @Test func neverRevealsTheSecretSignatureOrBody() throws {
        let signer = KnockWebhookSignature(secret: Self.secret)
        let header = signer.sign(body: Self.body, timestamp: Self.signedAt)
        let signature = String(try #require(header.split(separator: "s=").last))
        var errors: [SigningError] = []
        for (body, now) in [(Self.body + [0x20], Self.signedAt), (Self.body, Self.signedAt.addingTimeInterval(900))] {
            errors.append(
                try #require(throws: SigningError.self) { try signer.verify(body: body, header: header, now: now) })
        }
        var dumped = ""
        dump(signer, to: &dumped)
        let texts =
            errors.map(String.init(describing:)) + [String(describing: signer), String(reflecting: signer), dumped]
        for text in texts {
            #expect(!text.contains(Self.secret))
            #expect(!text.contains(signature))
            #expect(!text.contains("message.sent"))
        }
    }
}
