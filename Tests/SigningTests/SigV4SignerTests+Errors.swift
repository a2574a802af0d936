import Foundation
import Signing
import Testing

extension SigV4SignerTests {
    private static let host = SigV4Request.Header("Host", "example.amazonaws.com")

    @Test func credentialsNeverPrintSecrets() {
        let credentials = AWSCredentials(
            accessKeyID: SigV4Suite.accessKeyID,
            secretAccessKey: SigV4Suite.secretAccessKey,
            sessionToken: SigV4Suite.stsSessionToken
        )
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [credentials.description, credentials.debugDescription, "\(credentials)", dumped] {
            #expect(text.contains(SigV4Suite.accessKeyID))
            #expect(!text.contains(SigV4Suite.secretAccessKey))
            #expect(!text.contains(SigV4Suite.stsSessionToken))
        }
    }

    @Test func signingKeyAndResultNeverPrintSecrets() throws {
        let signer = try SigV4Suite.signer(for: "post-sts-token/post-sts-header-before")
        let key = signer.signingKey(for: SigV4Suite.date)
        let signed = try signer.sign(
            SigV4Request(method: "GET", path: "/", headers: [Self.host]), date: SigV4Suite.date)
        var dumped = ""
        dump(key, to: &dumped)
        dump(signed, to: &dumped)
        for text in [key.description, "\(key)", signed.description, "\(signed)", dumped] {
            #expect(!text.contains(SigV4Suite.signingKeyHex))
            #expect(!text.contains(SigV4Suite.stsSessionToken))
            #expect(!text.contains(SigV4Suite.secretAccessKey))
        }
    }

    @Test(arguments: [
        ("", "service"), ("us-east-1", ""), ("us east 1", "service"), ("us-east-1", "ser/vice"),
    ])
    func rejectsBadScope(region: String, service: String) throws {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: SigV4Suite.secretAccessKey)
        let error = try #require(throws: SigningError.self) {
            try SigV4Signer(credentials: credentials, region: region, service: service)
        }
        #expect(error.code == .invalidRequest)
    }

    @Test(arguments: [
        AWSCredentials(accessKeyID: "", secretAccessKey: SigV4Suite.secretAccessKey),
        AWSCredentials(accessKeyID: "AKID/X", secretAccessKey: SigV4Suite.secretAccessKey),
        AWSCredentials(accessKeyID: "AKID", secretAccessKey: ""),
        AWSCredentials(accessKeyID: "AKID", secretAccessKey: SigV4Suite.secretAccessKey, sessionToken: ""),
        AWSCredentials(accessKeyID: "AKID", secretAccessKey: SigV4Suite.secretAccessKey, sessionToken: "a\r\nb"),
    ])
    func rejectsBadCredentials(_ credentials: AWSCredentials) throws {
        let error = try #require(throws: SigningError.self) {
            try SigV4Signer(credentials: credentials, region: "us-east-1", service: "ses")
        }
        #expect(error.code == .invalidRequest)
        #expect(!error.description.contains(SigV4Suite.secretAccessKey))
    }

    @Test(arguments: [
        SigV4Request(method: "GET", path: "/"),  // no Host
        SigV4Request(method: "", path: "/", headers: [host]),
        SigV4Request(method: "G T", path: "/", headers: [host]),
        SigV4Request(method: "GET", path: "relative", headers: [host]),
        SigV4Request(method: "GET", path: "/", headers: [host, .init("Bad Name", "x")]),
        SigV4Request(method: "GET", path: "/", headers: [host, .init("", "x")]),
        SigV4Request(method: "GET", path: "/", headers: [host, .init("X-Inject", "a\r\nEvil: 1")]),
        SigV4Request(method: "GET", path: "/", headers: [host, .init("X-Nul", "a\u{0}b")]),
        SigV4Request(method: "GET", path: "/", query: [.init("a", "%zz")], headers: [host]),
        SigV4Request(method: "GET", path: "/", query: [.init("%4", "")], headers: [host]),
    ])
    func rejectsBadRequest(_ request: SigV4Request) throws {
        let signer = try SigV4Suite.signer(for: "get-vanilla")
        let error = try #require(throws: SigningError.self) {
            try signer.sign(request, date: SigV4Suite.date)
        }
        #expect(error.code == .invalidRequest)
        #expect(!error.message.isEmpty)
    }

    @Test func rejectsKeyForAnotherDay() throws {
        let signer = try SigV4Suite.signer(for: "get-vanilla")
        let staleKey = signer.signingKey(for: SigV4Suite.date.addingTimeInterval(-86_400))
        let request = SigV4Request(method: "GET", path: "/", headers: [Self.host])
        let error = try #require(throws: SigningError.self) {
            try signer.sign(request, date: SigV4Suite.date, signingKey: staleKey)
        }
        #expect(error.code == .invalidKey)
    }

    @Test func rejectsMalformedPrecomputedHash() throws {
        #expect(throws: SigningError.self) { try SigV4Request.Payload.precomputedSHA256(hex: "abc") }
        let hash = String(repeating: "AB", count: 32)
        #expect(try SigV4Request.Payload.precomputedSHA256(hex: hash).contentHash == hash.lowercased())
    }
}
