import Foundation
import Signing
import Testing

extension SigV4SignerTests {
    @Test func derivesSigningKey() throws {
        let signer = try SigV4Suite.signer(for: "get-vanilla")
        let key = signer.signingKey(for: SigV4Suite.date)
        #expect(Hex.encode(key.bytes) == SigV4Suite.signingKeyHex)
        #expect(key.scope == "20150830/us-east-1/service/aws4_request")

        // The same UTC day gives the same key; a cached key signs like a fresh one.
        let lateThatDay = SigV4Suite.date.addingTimeInterval(11 * 3600)
        #expect(signer.signingKey(for: lateThatDay) == key)
        let request = try RawHTTPRequest(parsing: SigV4Suite.text(of: "get-vanilla", "req")).sigV4Request
        #expect(
            try signer.sign(request, date: SigV4Suite.date, signingKey: key)
                == signer.sign(request, date: SigV4Suite.date))
    }

    @Test func formatsDatesInUTC() throws {
        let signer = try SigV4Suite.signer(for: "get-vanilla")
        let request = SigV4Request(method: "GET", path: "/", headers: [.init("Host", "example.amazonaws.com")])
        // 2024-02-29 23:59:59.9 UTC (leap day, fraction dropped) and 1969-12-31 23:59:59 UTC.
        #expect(
            try signer.sign(request, date: Date(timeIntervalSince1970: 1_709_251_199.9)).amzDate == "20240229T235959Z")
        #expect(try signer.sign(request, date: Date(timeIntervalSince1970: -1)).amzDate == "19691231T235959Z")
    }

    @Test func signsUnsignedPayloadLiterally() throws {
        let signer = try SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: SigV4Suite.accessKeyID, secretAccessKey: SigV4Suite.secretAccessKey),
            region: "us-east-1",
            service: "s3",
            options: .s3
        )
        let request = SigV4Request(
            method: "PUT",
            path: "/my-object//example//photo%20one.jpg",
            headers: [.init("Host", "bucket.s3.amazonaws.com")],
            payload: .unsignedPayload
        )
        let signed = try signer.sign(request, date: SigV4Suite.date)
        let lines = signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "UNSIGNED-PAYLOAD")
        #expect(lines[1] == "/my-object//example//photo%20one.jpg")  // S3: not normalised, encoded once
        #expect(signed.canonicalRequest.contains("x-amz-content-sha256:UNSIGNED-PAYLOAD\n"))
        #expect(signed.signedHeaders == "host;x-amz-content-sha256;x-amz-date")
        #expect(signed.addedHeaders.contains(.init("x-amz-content-sha256", "UNSIGNED-PAYLOAD")))
    }

    @Test func encodesPathTwiceExceptForS3() throws {
        let request = SigV4Request(
            method: "GET",
            path: "/a%20b/./c//d~e$",
            query: SigV4Request.queryItems(parsing: "b=%7e&a=x+y&a=%41&flag"),
            headers: [.init("Host", "example.amazonaws.com")]
        )
        let standard = try SigV4Suite.signer(for: "get-vanilla").sign(request, date: SigV4Suite.date)
        let standardLines = standard.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(standardLines[1] == "/a%2520b/c/d~e%24")
        #expect(standardLines[2] == "a=A&a=x%2By&b=~&flag=")
    }

    /// An Amazon SES v2 `SendEmail` request, checked against botocore 1.43.11.
    ///
    /// Re-derive the expected header by running this with `python3` (botocore installed):
    ///
    /// ```python
    /// import datetime
    /// import botocore.auth
    /// from botocore.auth import SigV4Auth
    /// from botocore.awsrequest import AWSRequest
    /// from botocore.credentials import Credentials
    ///
    /// botocore.auth.get_current_datetime = lambda: datetime.datetime(
    ///     2026, 3, 14, 9, 26, 53, tzinfo=datetime.timezone.utc)
    /// body = '{"FromEmailAddress":"sender@example.com","Destination":{"ToAddresses":["recipient@example.com"]},' \
    ///        '"Content":{"Simple":{"Subject":{"Data":"Hello"},"Body":{"Text":{"Data":"Hi there"}}}}}'
    /// request = AWSRequest(method="POST", url="https://email.us-east-1.amazonaws.com/v2/email/outbound-emails",
    ///                      data=body.encode(), headers={"Content-Type": "application/json"})
    /// SigV4Auth(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    ///           "ses", "us-east-1").add_auth(request)
    /// print(request.headers["Authorization"])
    /// ```
    @Test func signsSESv2SendEmailLikeBotocore() throws {
        let body =
            #"{"FromEmailAddress":"sender@example.com","Destination":{"ToAddresses":["recipient@example.com"]},"#
            + #""Content":{"Simple":{"Subject":{"Data":"Hello"},"Body":{"Text":{"Data":"Hi there"}}}}}"#
        let url = try #require(URL(string: "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails"))
        let request = try SigV4Request(
            method: "POST",
            url: url,
            headers: [.init("Content-Type", "application/json")],
            payload: .bytes(Array(body.utf8))
        )
        let signer = try SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: SigV4Suite.accessKeyID, secretAccessKey: SigV4Suite.secretAccessKey),
            region: "us-east-1",
            service: "ses"
        )
        // 2026-03-14 09:26:53 UTC
        let signed = try signer.sign(request, date: Date(timeIntervalSince1970: 1_773_480_413))

        #expect(request.headers.first == .init("Host", "email.us-east-1.amazonaws.com"))
        #expect(signed.amzDate == "20260314T092653Z")
        #expect(
            signed.authorization
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260314/us-east-1/ses/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=fb5a6f61e88d751b7a4929a467fb2df289bbefb86298f44968f2baa4ecafcfc5")
        #expect(signed.canonicalRequest.hasSuffix("\n80ff1ca05d964acbc7465481349213977c453a815703498096cf4c3552059a41"))
    }
}
