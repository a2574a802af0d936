import Foundation
import Providers
import Signing
import TestSupport
import Testing
import Transport

@Suite struct SESProviderTests {
    /// AWS's documentation example key pair (botocore's SigV4 test suite): not a real credential.
    static let credentials = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    static func configuration(
        credentials: AWSCredentials = credentials, baseURL: String? = nil, sandbox: Bool = false
    ) -> SESConfiguration {
        SESConfiguration(
            region: "eu-west-1", credentials: credentials, from: "Acme <hello@acme.example>",
            configurationSet: "delivery-host", baseURL: baseURL, isSandbox: sandbox)
    }

    static func provider(_ transport: any HTTPTransport, _ configuration: SESConfiguration = configuration())
        throws -> SESProvider
    {
        try SESProvider(configuration: configuration, transport: transport, now: { pinnedDate })
    }

    static func email(attachments: [EmailContent.Attachment] = []) -> EmailContent {
        EmailContent(
            cc: ["Grace Hopper <grace@example.com>"], bcc: ["audit@acme.example"], replyTo: ["support@acme.example"],
            subject: "Your order has shipped", html: "<p>Hi Ada</p>", text: "Hi Ada",
            headers: ["List-Unsubscribe": "<https://acme.example/u/1>"], attachments: attachments)
    }

    static func message(_ email: EmailContent = email(), recipientEmail: String? = "Ada Lovelace <ada@example.com>")
        -> OutboundMessage
    {
        OutboundMessage(
            id: "msg_2Xk9", channelID: "transactional-email", recipient: Recipient(id: "user-1", email: recipientEmail),
            content: .email(email), workflowKey: "order-shipped")
    }

    static let accepted = #"{"MessageId":"010201900f1e2d3c-5b7a9e2f-1c4d-4e8b-9f3a-6d2c1b0a9e8f-000000"}"#

    static let expectedBody =
        #"{"FromEmailAddress":"\"Acme\" <hello@acme.example>","Destination":{"ToAddresses":["\"Ada Lovelace\" <ada@example.com>"],"#
        + #""CcAddresses":["\"Grace Hopper\" <grace@example.com>"],"BccAddresses":["audit@acme.example"]},"#
        + #""ReplyToAddresses":["support@acme.example"],"Content":{"Simple":{"Subject":{"Data":"Your order has shipped","Charset":"UTF-8"},"#
        + #""Body":{"Text":{"Data":"Hi Ada","Charset":"UTF-8"},"Html":{"Data":"<p>Hi Ada</p>","Charset":"UTF-8"}},"#
        + #""Headers":[{"Name":"List-Unsubscribe","Value":"<https://acme.example/u/1>"}]}},"#
        + #""EmailTags":[{"Name":"delivery_host_message_id","Value":"msg_2Xk9"},{"Name":"delivery_host_workflow","Value":"order-shipped"}],"#
        + #""ConfigurationSetName":"delivery-host"}"#

    @Test func sendsTheExactSignedSendEmailRequest() async throws {
        let transport = MockTransport(status: 200, body: Self.accepted)
        let receipt = try await Self.provider(transport).send(Self.message(), context: .test())
        #expect(
            receipt
                == DeliveryReceipt(
                    providerMessageID: "010201900f1e2d3c-5b7a9e2f-1c4d-4e8b-9f3a-6d2c1b0a9e8f-000000", outcome: .sent,
                    httpStatus: 200, detail: "HTTP 200"))

        let request = try #require(await transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails")
        #expect(String(decoding: request.body, as: UTF8.self) == Self.expectedBody)
        // The signature is botocore's for the same body, credentials, region, service and time.
        #expect(
            request.headers.fields.map { [$0.name, $0.value] } == [
                ["Content-Type", "application/json"],
                ["X-Amz-Date", "20231114T221320Z"],
                [
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/eu-west-1/ses/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, Signature=\(Self.expectedSignature)",
                ],
            ])
    }

    /// botocore 1.43.11 `SigV4Auth("ses", "eu-west-1").add_auth` over ``expectedBody`` with the clock pinned
    /// to ``pinnedDate``: an implementation independent of ``SigV4Signer``.
    static let expectedSignature = "4185582633426d16362c8c32e3a60a289a1a25b64751181ff9a4e892a3c7ff26"

    @Test func sendsTheSessionTokenOfTemporaryCredentials() async throws {
        let transport = MockTransport(status: 200, body: Self.accepted)
        var credentials = Self.credentials
        credentials.sessionToken = "session-token-not-real"
        _ = try await Self.provider(transport, Self.configuration(credentials: credentials))
            .send(Self.message(), context: .test())
        let request = try #require(await transport.requests.first)
        #expect(request.headers["X-Amz-Security-Token"] == "session-token-not-real")
        #expect(
            request.headers["Authorization"]?.contains(
                "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token") == true)
    }

    @Test func aBaseURLReplacesTheRegionalEndpoint() async throws {
        let transport = MockTransport(status: 200, body: Self.accepted)
        _ = try await Self.provider(transport, Self.configuration(baseURL: "http://127.0.0.1:4566/"))
            .send(Self.message(), context: .test())
        #expect(await transport.requests.first?.url == "http://127.0.0.1:4566/v2/email/outbound-emails")
    }

    @Test func attachmentsAreSentAsARawMIMEMessage() async throws {
        let transport = MockTransport(status: 200, body: Self.accepted)
        let pdf: [UInt8] = Array("%PDF-1.4 test".utf8)
        let email = Self.email(attachments: [.init(filename: "reçu.pdf", contentType: "application/pdf", content: pdf)])
        _ = try await Self.provider(transport).send(Self.message(email), context: .test())
        let request = try #require(await transport.requests.first)
        let body = try JSONValue.parse(request.body)
        #expect(body["Content"]?["Simple"] == nil)
        #expect(body["Destination"]?["BccAddresses"] == ["audit@acme.example"])
        let data = try #require(body["Content"]?["Raw"]?["Data"]?.stringValue)
        let mime = try ParsedMIME(String(decoding: try Base64.decode(data), as: UTF8.self))
        #expect(mime.header("From") == "\"Acme\" <hello@acme.example>")
        #expect(mime.header("To") == "\"Ada Lovelace\" <ada@example.com>")
        #expect(mime.header("Cc") == "\"Grace Hopper\" <grace@example.com>")
        #expect(mime.header("Bcc") == nil)
        #expect(mime.header("Reply-To") == "support@acme.example")
        #expect(mime.header("Message-ID") == "<msg_2Xk9@acme.example>")
        #expect(mime.header("Date") == "Tue, 14 Nov 2023 22:13:20 +0000")
        #expect(mime.header("List-Unsubscribe") == "<https://acme.example/u/1>")
        let parts = try mime.parts()
        #expect(parts.count == 2)
        let alternatives = try parts[0].parts()
        #expect(alternatives.map(\.mediaType) == ["text/plain", "text/html"])
        #expect(try parts[1].decodedBody() == pdf)
        #expect(parts[1].header("Content-Disposition")?.contains("filename*=UTF-8''re%C3%A7u.pdf") == true)
    }

    @Test func sandboxRedirectsRecipientsToTheMailboxSimulator() async throws {
        let transport = MockTransport(status: 200, body: Self.accepted)
        var email = Self.email()
        email.bcc = ["bounce@simulator.amazonses.com", "audit@acme.example"]
        let receipt = try await Self.provider(transport, Self.configuration(sandbox: true))
            .send(Self.message(email), context: .test())
        let body = try JSONValue.parse(try #require(await transport.requests.first).body)
        #expect(
            body["Destination"]
                == [
                    "ToAddresses": ["success@simulator.amazonses.com"],
                    "BccAddresses": ["bounce@simulator.amazonses.com"],
                ])
        #expect(receipt.outcome == .sent)
        #expect(receipt.detail == "sandbox: recipients replaced by success@simulator.amazonses.com; HTTP 200")
        #expect(receipt.providerMessageID != nil)
    }

    @Test func tagValuesAreReducedToWhatSESAccepts() async throws {
        let transport = MockTransport(status: 200, body: Self.accepted)
        var message = Self.message()
        message.workflowKey = "order.shipped/v2 ünicode"
        message.id = String(repeating: "a", count: 300)
        _ = try await Self.provider(transport).send(message, context: .test())
        let body = try JSONValue.parse(try #require(await transport.requests.first).body)
        #expect(body["EmailTags"]?.arrayValue?[1]["Value"] == "order_shipped_v2__nicode")
        #expect(body["EmailTags"]?.arrayValue?[0]["Value"]?.stringValue?.count == 255)
    }

    @Test func anAcceptedSendWithoutAMessageIdIsStillSent() async throws {
        let transport = MockTransport(status: 200, body: "{}")
        let receipt = try await Self.provider(transport).send(Self.message(), context: .test())
        #expect(receipt.providerMessageID == nil)
        #expect(receipt.outcome == .sent)
    }

    @Test func addressProblemsAreClassifiedBeforeSending() async throws {
        let transport = MockTransport([])
        let provider = try Self.provider(
            transport, SESConfiguration(region: "eu-west-1", credentials: Self.credentials))
        let noSender = try await #require(throws: ProviderError.self) {
            try await provider.send(Self.message(), context: .test())
        }
        #expect(noSender.code == .misconfigured)
        let configured = try Self.provider(transport)
        let noAddress = try await #require(throws: ProviderError.self) {
            try await configured.send(Self.message(recipientEmail: nil), context: .test())
        }
        #expect(noAddress.code == .invalidRecipient)
        let badAddress = try await #require(throws: ProviderError.self) {
            try await configured.send(Self.message(recipientEmail: "ada@example.com>\r\nBcc: x@y"), context: .test())
        }
        #expect(badAddress.code == .invalidRecipient)
        var email = Self.email()
        email.headers = ["X-Evil": "a\r\nBcc: everyone@example.com"]
        let injected = try await #require(throws: ProviderError.self) {
            try await configured.send(Self.message(email), context: .test())
        }
        #expect(injected.code == .rejected)
        #expect(await transport.requests.isEmpty)
    }

    @Test func credentialsThatCannotSignAreMisconfigured() throws {
        let bad = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "")
        let error = try #require(throws: ProviderError.self) {
            try Self.provider(MockTransport([]), Self.configuration(credentials: bad))
        }
        #expect(error.code == .misconfigured)
    }
}
