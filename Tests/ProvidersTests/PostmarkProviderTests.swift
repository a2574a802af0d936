import Foundation
import Providers
import Testing
import Transport

@Suite struct PostmarkProviderTests {
    static let token = "postmark-test-token-not-real"

    static func message(_ content: EmailContent? = nil, email: String? = "ada@example.test") -> OutboundMessage {
        OutboundMessage(
            id: "msg_01postmark", channelID: "transactional-email",
            recipient: Recipient(id: "user-1", email: email),
            content: .email(
                content
                    ?? EmailContent(
                        subject: "Your order has shipped", html: "<p>Order <b>o_1</b> has shipped.</p>",
                        text: "Order o_1 has shipped.", headers: ["X-Entity-Ref-ID": "o_1"],
                        attachments: [
                            .init(filename: "receipt.txt", contentType: "text/plain", content: Array("Thank you!".utf8))
                        ])),
            workflowKey: "order-shipped")
    }

    static func provider(
        _ transport: MockTransport, sandbox: Bool = false, from: String? = "Acme <hello@acme.example>",
        baseURL: String? = nil
    ) -> PostmarkProvider {
        PostmarkProvider(
            configuration: PostmarkConfiguration(
                serverToken: token, from: from, trackOpens: true, trackLinks: "HtmlOnly", baseURL: baseURL,
                isSandbox: sandbox),
            transport: transport, now: { pinnedDate })
    }

    static let accepted =
        #"{"To":"ada@example.test","SubmittedAt":"2026-11-23T05:00:00-05:00","MessageID":"b7bc2f4a-e38e-4336-af7d-e6c392c2f817","ErrorCode":0,"Message":"OK"}"#

    @Test func sendsTheExactRequest() async throws {
        let transport = MockTransport(status: 200, body: Self.accepted)
        let receipt = try await Self.provider(transport).send(Self.message(), context: .test())
        #expect(
            receipt
                == DeliveryReceipt(
                    providerMessageID: "b7bc2f4a-e38e-4336-af7d-e6c392c2f817", outcome: .sent, httpStatus: 200,
                    detail: "Postmark: OK"))
        let request = try #require(await transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://api.postmarkapp.com/email")
        #expect(
            request.headers.fields.map { [$0.name, $0.value] } == [
                ["Accept", "application/json"], ["Content-Type", "application/json"],
                ["X-Postmark-Server-Token", Self.token],
            ])
        let expected = """
            {"From":"Acme <hello@acme.example>","To":"ada@example.test","Subject":"Your order has shipped",\
            "HtmlBody":"<p>Order <b>o_1</b> has shipped.</p>","TextBody":"Order o_1 has shipped.",\
            "Headers":[{"Name":"X-Entity-Ref-ID","Value":"o_1"}],\
            "Attachments":[{"Name":"receipt.txt","Content":"VGhhbmsgeW91IQ==","ContentType":"text/plain"}],\
            "Tag":"order-shipped","Metadata":{"dh_message_id":"msg_01postmark","dh_recipient_id":"user-1"},\
            "MessageStream":"outbound","TrackOpens":true,"TrackLinks":"HtmlOnly"}
            """
        #expect(String(decoding: request.body, as: UTF8.self) == expected)
    }

    @Test func theMessageNamesSenderAndRecipients() async throws {
        let transport = MockTransport(status: 200, body: Self.accepted)
        let content = EmailContent(
            from: "Billing <billing@acme.example>", to: ["a@example.test", "B <b@example.test>"],
            cc: ["c@example.test"], bcc: ["d@example.test", "e@example.test"], replyTo: ["help@acme.example"],
            subject: "Invoice", text: "Attached.")
        _ = try await Self.provider(transport).send(Self.message(content), context: .test())
        let body = try JSONValue.parse(try #require(await transport.requests.first).body)
        #expect(body["From"] == "Billing <billing@acme.example>")
        #expect(body["To"] == "a@example.test, B <b@example.test>")
        #expect(body["Cc"] == "c@example.test")
        #expect(body["Bcc"] == "d@example.test, e@example.test")
        #expect(body["ReplyTo"] == "help@acme.example")
        #expect(body["HtmlBody"] == nil)
        #expect(body["Headers"] == nil)
        #expect(body["Attachments"] == nil)
    }

    @Test func sandboxSendsPostmarksTestToken() async throws {
        let transport = MockTransport(
            status: 200,
            body: #"{"MessageID":"00000000-0000-0000-0000-000000000000","ErrorCode":0,"Message":"Test job accepted"}"#)
        let receipt = try await Self.provider(transport, sandbox: true).send(Self.message(), context: .test())
        #expect(receipt.detail == "sandbox (POSTMARK_API_TEST): Postmark: Test job accepted")
        #expect(await transport.requests.first?.headers["X-Postmark-Server-Token"] == "POSTMARK_API_TEST")
    }

    @Test func aBaseURLReplacesTheOrigin() async throws {
        let transport = MockTransport(status: 200, body: Self.accepted)
        _ = try await Self.provider(transport, baseURL: "http://127.0.0.1:8080/").send(Self.message(), context: .test())
        #expect(await transport.requests.first?.url == "http://127.0.0.1:8080/email")
    }

    @Test func withoutSenderOrRecipientNothingIsSent() async throws {
        let transport = MockTransport(status: 200, body: Self.accepted)
        let noSender = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport, from: nil).send(Self.message(), context: .test())
        }
        #expect(noSender.code == .misconfigured)
        let noAddress = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(email: nil), context: .test())
        }
        #expect(noAddress.code == .invalidRecipient)
        #expect(await transport.requests.isEmpty)
    }

    @Test(arguments: [
        (401, 10, "misconfigured"), (422, 10, "misconfigured"), (422, 100, "unavailable"), (422, 400, "misconfigured"),
        (422, 401, "misconfigured"), (422, 402, "internalFailure"), (422, 403, "internalFailure"),
        (422, 405, "misconfigured"), (422, 406, "invalidRecipient"), (422, 409, "internalFailure"),
        (422, 411, "rejected"), (422, 412, "misconfigured"), (422, 413, "misconfigured"), (422, 429, "rateLimited"),
        (422, 999, "rejected"), (429, 429, "rateLimited"), (500, 0, "unavailable"), (503, 100, "unavailable"),
    ])
    func errorCodesAreClassified(status: Int, errorCode: Int, code: String) async throws {
        let transport = MockTransport(
            status: status, headers: ["Retry-After": "7"], body: #"{"ErrorCode":\#(errorCode),"Message":"m"}"#)
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(), context: .test())
        }
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == (errorCode == 0 ? nil : String(errorCode)))
        #expect(error.retryAfter == (error.code.isRetryable ? .seconds(7) : nil))
        #expect(!error.description.contains(Self.token))
    }

    @Test(arguments: [
        (403, "misconfigured"), (404, "misconfigured"), (413, "rejected"), (400, "rejected"), (302, "unavailable"),
        (502, "unavailable"),
    ])
    func statusesWithoutAnErrorCodeAreClassified(status: Int, code: String) async throws {
        let transport = MockTransport(status: status, body: "<html>nope</html>")
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(), context: .test())
        }
        #expect(error.code.description == code)
        #expect(error.providerCode == nil)
    }

    @Test(arguments: [
        ("Error parsing 'To': Illegal email address 'x'. It must contain the '@' symbol.", "invalidRecipient"),
        ("Error parsing 'Cc': Illegal email address 'x'.", "invalidRecipient"),
        ("Zero recipients specified", "invalidRecipient"),
        ("Invalid 'From' address: 'x@acme.example' is not a verified sender signature.", "misconfigured"),
        ("The 'From' address you supplied is not a Sender Signature on your account.", "misconfigured"),
        ("Provide either email TextBody or HtmlBody or both.", "rejected"),
    ])
    func invalidEmailRequestsAreSplitByField(message: String, code: String) async throws {
        let body = JSONValue.object(["ErrorCode": 300, "Message": .string(message)]).encoded()
        let transport = MockTransport(status: 422, body: body)
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(), context: .test())
        }
        #expect(error.code.description == code)
        #expect(error.providerCode == "300")
    }

    @Test func transportFailuresAreClassified() async throws {
        let transport = MockTransport([.failure(TransportError(.timeout, "simulated"))])
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(), context: .test())
        }
        #expect(error.code == .timeout)
    }
}
