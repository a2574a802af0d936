import Foundation
import Signing
import Testing

@Suite struct SNSMessageVerifierTests {
    struct File: Decodable {
        struct Certificate: Decodable { var pem: String }
        struct Case: Decodable {
            var name: String
            var message: [String: String?]
            var string_to_sign: String?
            var expected_valid: Bool
        }
        struct Generated: Decodable {
            var certificate_pem: String
            var cases: [Case]
        }
        var aws_signing_certificate: Certificate
        var aws_cases: [Case]
        var generated: Generated
    }

    static func file() throws -> File { try Vectors.decode(File.self, from: "sns-message.json") }

    static func json(_ message: [String: String?]) throws -> [UInt8] {
        let object = message.mapValues { $0 as Any? ?? NSNull() }
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    /// The published messages: signature arithmetic only (the AWS certificate expired in 2022).
    @Test func awsSignedMessagesVerifyOrFailAsPublished() throws {
        let file = try Self.file()
        #expect(file.aws_cases.count == 10)
        let certificate = try Certificate(pem: file.aws_signing_certificate.pem)
        #expect(certificate.subject == "CN=sns.amazonaws.com")
        for vector in file.aws_cases {
            let message = try SNSMessage(json: Self.json(vector.message))
            if let expected = vector.string_to_sign {
                #expect(message.stringToSign == expected, "\(vector.name)")
            }
            if vector.expected_valid {
                #expect(throws: Never.self, "\(vector.name)") {
                    try SNSMessageVerifier.verifySignature(of: message, with: certificate)
                }
            } else {
                let error = try #require(throws: SigningError.self, "\(vector.name)") {
                    try SNSMessageVerifier.verifySignature(of: message, with: certificate)
                }
                let expected: SigningError.Code =
                    vector.name.contains("unsupported") ? .unsupportedAlgorithm : .signatureMismatch
                #expect(error.code == expected, "\(vector.name)")
            }
        }
    }

    @Test func generatedSubscriptionConfirmationsVerify() throws {
        let file = try Self.file()
        #expect(file.generated.cases.count == 3)
        let certificate = try Certificate(pem: file.generated.certificate_pem)
        for vector in file.generated.cases {
            let message = try SNSMessage(json: Self.json(vector.message))
            #expect(message.type == "SubscriptionConfirmation")
            if let expected = vector.string_to_sign {
                #expect(message.stringToSign == expected, "\(vector.name)")
            }
            let valid = (try? SNSMessageVerifier.verifySignature(of: message, with: certificate)) != nil
            #expect(valid == vector.expected_valid, "\(vector.name)")
        }
    }

    // MARK: - Certificate trust

    static let june2026 = Date(timeIntervalSince1970: 1_780_300_800)  // 2026-06-01

    static func chainFixture() throws -> (message: SNSMessage, root: Certificate, intermediate: Certificate) {
        let message = try SNSMessage(json: Array(TestKeys.text("sns-chain/notification.json").utf8))
        return (
            message, try Certificate(pem: TestKeys.text("sns-chain/root.pem")),
            try Certificate(pem: TestKeys.text("sns-chain/intermediate.pem"))
        )
    }

    @Test func aMessageSignedByATrustedChainVerifies() throws {
        let (message, root, intermediate) = try Self.chainFixture()
        let leaf = try TestKeys.text("sns-chain/leaf.pem")
        let verifier = SNSMessageVerifier(trust: .roots([root]), intermediates: [intermediate])
        try verifier.verify(message, certificatePEM: leaf, now: Self.june2026)
        // The intermediate may instead come with the served PEM.
        try SNSMessageVerifier(trust: .roots([root]))
            .verify(message, certificatePEM: TestKeys.text("sns-chain/leaf-with-chain.pem"), now: Self.june2026)
    }

    @Test func untrustedChainsAreRejected() throws {
        let (message, root, intermediate) = try Self.chainFixture()
        let leaf = try TestKeys.text("sns-chain/leaf.pem")
        let cases: [(String, SNSMessageVerifier, Date, String)] = [
            ("system store", SNSMessageVerifier(intermediates: [intermediate]), Self.june2026, "system trust store"),
            ("missing intermediate", SNSMessageVerifier(trust: .roots([root])), Self.june2026, "issuer"),
            (
                "expired", SNSMessageVerifier(trust: .roots([root]), intermediates: [intermediate]),
                Date(timeIntervalSince1970: 2_100_000_000), "expired"
            ),
            (
                "not yet valid", SNSMessageVerifier(trust: .roots([root]), intermediates: [intermediate]),
                Date(timeIntervalSince1970: 1_700_000_000), "not yet valid"
            ),
        ]
        for (name, verifier, now, reason) in cases {
            let error = try #require(throws: SigningError.self, "\(name)") {
                try verifier.verify(message, certificatePEM: leaf, now: now)
            }
            #expect(error.code == .untrustedCertificate, "\(name)")
            #expect(error.message.contains(reason), "\(name): \(error.message)")
        }
    }

    @Test func aCertificateForAnotherHostIsRejected() throws {
        let (_, root, intermediate) = try Self.chainFixture()
        let message = try SNSMessage(json: Array(TestKeys.text("sns-chain/notification-other-host.json").utf8))
        let other = try TestKeys.text("sns-chain/other-host-leaf.pem")
        let verifier = SNSMessageVerifier(trust: .roots([root]), intermediates: [intermediate])
        let error = try #require(throws: SigningError.self) {
            try verifier.verify(message, certificatePEM: other, now: Self.june2026)
        }
        #expect(error.code == .untrustedCertificate)
        #expect(error.message.contains("sns.amazonaws.com"))
        // Its signature is fine: only the name is wrong.
        try SNSMessageVerifier.verifySignature(of: message, with: Certificate(pem: other))
    }

    @Test func aTamperedMessageFromATrustedChainIsRejected() throws {
        var (message, root, intermediate) = try Self.chainFixture()
        message.message = #"{"eventType":"Bounce"}"#
        let verifier = SNSMessageVerifier(trust: .roots([root]), intermediates: [intermediate])
        let error = try #require(throws: SigningError.self) {
            try verifier.verify(message, certificatePEM: TestKeys.text("sns-chain/leaf.pem"), now: Self.june2026)
        }
        #expect(error.code == .signatureMismatch)
    }

    @Test(arguments: [
        ("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", true),
        ("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem", true),
        ("http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", false),
        ("https://sns.us-east-1.amazonaws.com.evil.example/x.pem", false),
        ("https://evil.example/sns.us-east-1.amazonaws.com/x.pem", false),
        ("https://sns.us-east-1.amazonaws.com/x.txt", false),
        ("https://sns.us-east-1.amazonaws.com:8443/x.pem", false),
        ("https://user:pw@sns.us-east-1.amazonaws.com/x.pem", false),
        ("https://s3.us-east-1.amazonaws.com/x.pem", false),
        ("https://sns.a.amazonaws.com/x.pem", false),
        ("not a url", false),
    ])
    func signingCertURLsAreCheckedStrictly(url: String, allowed: Bool) {
        let accepted = (try? SNSMessageVerifier.checkSigningCertURL(url)) != nil
        #expect(accepted == allowed)
    }

    @Test func malformedMessagesNameTheMissingField() throws {
        let cases: [(String, String)] = [
            (#"[]"#, "not a JSON object"),
            (#"{"Type":"Notification"}"#, "'MessageId'"),
            (#"{"Type":"Other"}"#, "is not one of"),
            (#"{"Type":"Notification","MessageId":5}"#, "'MessageId' is not a string"),
        ]
        for (body, expected) in cases {
            let error = try #require(throws: SigningError.self) { try SNSMessage(json: Array(body.utf8)) }
            #expect(error.message.contains(expected), "\(error.message)")
        }
        var confirmation = try Self.file().generated.cases[0].message
        confirmation["Token"] = nil
        let error = try #require(throws: SigningError.self) { try SNSMessage(json: Self.json(confirmation)) }
        #expect(error.code == .malformedMessage)
        #expect(error.message.contains("'Token'"))
    }
}
