import Foundation
import Signing
import Testing

/// Known-answer tests for ``SigV4Signer`` against AWS's own test suite (`Fixtures/vectors/aws-sigv4`).
///
/// Each case is a raw `.req`; the signer must reproduce its `.creq`, `.sts` and `.authz` byte for byte.
@Suite struct SigV4SignerTests {
    @Test func suiteHasEveryCase() throws {
        let names = try SigV4Suite.caseNames()
        #expect(names.count == SigV4Suite.caseCount)
        // README.md says 7, but the folder has 8 cases: top level 24 + normalize-path 8 + post-sts-token 2.
        #expect(names.filter { $0.hasPrefix("normalize-path/") }.count == 8)
        #expect(names.filter { $0.hasPrefix("post-sts-token/") }.count == 2)
    }

    @Test(arguments: try SigV4Suite.caseNames())
    func signsSuiteCase(_ name: String) throws {
        let raw = try RawHTTPRequest(parsing: SigV4Suite.text(of: name, "req"))
        let signed = try SigV4Suite.signer(for: name).sign(raw.sigV4Request, date: SigV4Suite.date)

        #expect(signed.canonicalRequest == (try SigV4Suite.text(of: name, "creq")))
        #expect(signed.stringToSign == (try SigV4Suite.text(of: name, "sts")))
        #expect(signed.authorization == (try SigV4Suite.text(of: name, "authz")))
    }

    /// The headers of the signed request are those of the `.sreq` (compared as a multiset).
    ///
    /// `get-vanilla-with-session-token.sreq` carries `get-vanilla`'s signature (a known error in the
    /// published suite), so its `Authorization` is left out; the `.authz` check above covers it.
    @Test(arguments: try SigV4Suite.caseNames())
    func signedRequestMatchesSreq(_ name: String) throws {
        let raw = try RawHTTPRequest(parsing: SigV4Suite.text(of: name, "req"))
        let expected = try RawHTTPRequest(parsing: SigV4Suite.text(of: name, "sreq"))
        let signed = try SigV4Suite.signer(for: name).sign(raw.sigV4Request, date: SigV4Suite.date)

        let skipsAuthorization = name == "get-vanilla-with-session-token"
        func normalized(_ headers: [SigV4Request.Header]) -> [String] {
            headers
                .filter { !(skipsAuthorization && $0.name.lowercased() == "authorization") }
                .map {
                    "\($0.name.lowercased()):\($0.value.split(whereSeparator: \.isWhitespace).joined(separator: " "))"
                }
                .sorted()
        }
        #expect(normalized(signed.request.headers) == normalized(expected.headers))
        #expect(signed.request.method == expected.method)
        #expect(signed.request.path == expected.path)
        #expect(signed.request.payload == .bytes(expected.body))
    }

    @Test func signsSessionTokenBeforeOrAfter() throws {
        let request = SigV4Request(method: "POST", path: "/", headers: [.init("Host", "example.amazonaws.com")])

        let before = try SigV4Suite.signer(for: "post-sts-token/post-sts-header-before")
            .sign(request, date: SigV4Suite.date)
        #expect(before.signedHeaders == "host;x-amz-date;x-amz-security-token")

        let after = try SigV4Suite.signer(for: "post-sts-token/post-sts-header-after")
            .sign(request, date: SigV4Suite.date)
        #expect(after.signedHeaders == "host;x-amz-date")
        #expect(!after.canonicalRequest.contains("x-amz-security-token"))
        #expect(after.addedHeaders.map(\.name) == ["X-Amz-Date", "X-Amz-Security-Token", "Authorization"])
        #expect(after.addedHeaders[1].value == SigV4Suite.stsSessionToken)
    }

    @Test func replacesHeadersItSets() throws {
        let signer = try SigV4Suite.signer(for: "post-sts-token/post-sts-header-before")
        let request = SigV4Request(
            method: "GET",
            path: "/",
            headers: [
                .init("Host", "example.amazonaws.com"),
                .init("authorization", "stale"),
                .init("X-AMZ-DATE", "19700101T000000Z"),
                .init("x-amz-security-token", "stale"),
            ]
        )
        let signed = try signer.sign(request, date: SigV4Suite.date)
        #expect(signed.request.headers.map(\.name) == ["Host"] + signed.addedHeaders.map(\.name))
        #expect(signed.amzDate == "20150830T123600Z")
        #expect(signed.credentialScope == "20150830/us-east-1/service/aws4_request")
    }
}
