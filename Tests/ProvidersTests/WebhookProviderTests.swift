import Foundation
import Providers
import Signing
import Testing
import Transport

@Suite struct WebhookProviderTests {
    static let secret = "knock_test_webhook_secret_1"

    static func message(_ content: WebhookContent = WebhookContent()) -> OutboundMessage {
        OutboundMessage(
            id: "msg_2Xk9", channelID: "orders-webhook", recipient: Recipient(id: "user-1", email: "ada@example.test"),
            content: .webhook(content), workflowKey: "order-shipped")
    }

    static func provider(
        _ transport: MockTransport, signing: WebhookConfiguration.Signing? = nil, production: Bool = false,
        url: String? = "https://hooks.example.test/deliveries?source=dh", baseURL: String? = nil
    ) -> WebhookProvider {
        WebhookProvider(
            configuration: WebhookConfiguration(
                url: url, baseURL: baseURL, headers: [("X-Team", "ops")], body: ["event": "order.shipped"],
                signing: signing, requiresHTTPS: production),
            transport: transport, now: { pinnedDate })
    }

    @Test func sendsTheExactKnockSignedRequest() async throws {
        let transport = MockTransport(status: 200, body: "ok")
        let provider = Self.provider(transport, signing: .knock(KnockWebhookSignature(secret: Self.secret)))
        let receipt = try await provider.send(Self.message(), context: .test())
        #expect(receipt == DeliveryReceipt(outcome: .delivered, httpStatus: 200, detail: "HTTP 200"))

        let request = try #require(await transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://hooks.example.test/deliveries?source=dh")
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"event":"order.shipped"}"#)
        let expectedMAC = HMAC.authenticationCode(
            for: Array("1700000000000.".utf8) + request.body, key: Array(Self.secret.utf8), using: .sha256)
        #expect(
            request.headers.fields.map { [$0.name, $0.value] } == [
                ["X-Team", "ops"],
                ["Content-Type", "application/json"],
                ["x-webhook-signature", "t=1700000000000,s=\(Base64.encode(expectedMAC))"],
            ])
    }

    @Test func signsWithStandardWebhooks() async throws {
        let transport = MockTransport(status: 204)
        let secret = try StandardWebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let signer = StandardWebhookSignature(secret: secret)
        let provider = Self.provider(transport, signing: .standardWebhooks(signer))
        _ = try await provider.send(Self.message(), context: .test())
        let request = try #require(await transport.requests.first)
        #expect(request.headers["webhook-id"] == "msg_2Xk9")
        #expect(request.headers["webhook-timestamp"] == "1700000000")
        let signature = try #require(request.headers["webhook-signature"])
        #expect(signature.hasPrefix("v1,"))
        try signer.verify(
            id: "msg_2Xk9", timestamp: "1700000000", signatureHeader: signature, body: request.body, now: pinnedDate)
    }

    @Test func theMessageOverridesMethodURLBodyAndHeaders() async throws {
        let transport = MockTransport(status: 200)
        let content = WebhookContent(
            method: "put", url: "https://other.example.test/x", headers: ["X-Team": "billing", "X-Extra": "1"],
            body: ["id": 7])
        _ = try await Self.provider(transport).send(Self.message(content), context: .test())
        let request = try #require(await transport.requests.first)
        #expect(request.method == .put)
        #expect(request.url == "https://other.example.test/x")
        #expect(request.headers["X-Team"] == "billing")
        #expect(request.headers["X-Extra"] == "1")
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"id":7}"#)
    }

    @Test func aGETCarriesNoBody() async throws {
        let transport = MockTransport(status: 200)
        _ = try await Self.provider(transport).send(Self.message(WebhookContent(method: "GET")), context: .test())
        let request = try #require(await transport.requests.first)
        #expect(request.body.isEmpty)
        #expect(request.headers["Content-Type"] == nil)
    }

    @Test func withoutAnyBodyTheMessageIsDescribed() async throws {
        let transport = MockTransport(status: 200)
        let provider = WebhookProvider(
            configuration: WebhookConfiguration(url: "https://hooks.example.test/"), transport: transport)
        _ = try await provider.send(Self.message(), context: .test())
        let body = try #require(await transport.requests.first?.body)
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"message_id":"msg_2Xk9","channel_id":"orders-webhook","recipient":{"id":"user-1"},"workflow":"order-shipped"}"#
        )
    }

    @Test func aBaseURLRebasesTheTarget() async throws {
        let transport = MockTransport(status: 200)
        _ = try await Self.provider(transport, baseURL: "http://127.0.0.1:8080/").send(Self.message(), context: .test())
        #expect(await transport.requests.first?.url == "http://127.0.0.1:8080/deliveries?source=dh")
    }

    @Test(arguments: [
        (301, "unavailable"), (302, "unavailable"), (400, "unavailable"), (401, "misconfigured"),
        (403, "misconfigured"), (404, "misconfigured"), (405, "misconfigured"), (409, "unavailable"),
        (410, "unavailable"), (422, "unavailable"), (429, "rateLimited"), (500, "unavailable"), (502, "unavailable"),
        (503, "unavailable"),
    ])
    func responsesAreClassifiedAsKnocksWebhookChannel(status: Int, code: String) async throws {
        let transport = MockTransport(status: status, headers: ["Retry-After": "7"])
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(), context: .test())
        }
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.code.isRetryable == (code != "misconfigured"))
        if status == 429 || status >= 500 { #expect(error.retryAfter == .seconds(7)) }
    }

    @Test(arguments: [
        (TransportError.Code.timeout, "timeout"), (.connectFailed, "connectionFailed"), (.tls, "connectionFailed"),
        (.dns, "misconfigured"), (.cancelled, "cancelled"), (.protocolError, "unavailable"),
    ])
    func transportFailuresAreClassified(failure: TransportError.Code, code: String) async throws {
        let transport = MockTransport([.failure(TransportError(failure, "simulated"))])
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(), context: .test())
        }
        #expect(error.code.description == code)
    }

    @Test(arguments: [
        ("http://hooks.example.test/x", true, "must use https"),
        ("not a url", false, "not an absolute http(s) URL"),
        ("ftp://hooks.example.test/x", false, "not an absolute http(s) URL"),
    ])
    func badURLsAreFinalAndNothingIsSent(url: String, production: Bool, reason: String) async throws {
        let transport = MockTransport(status: 200)
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport, production: production, url: url).send(Self.message(), context: .test())
        }
        #expect(error.code == .misconfigured)
        #expect(error.message.contains(reason))
        #expect(await transport.requests.isEmpty)
    }

    @Test func otherContentIsRefused() async throws {
        let transport = MockTransport(status: 200)
        var message = Self.message()
        message.content = .sms(SMSContent(text: "hi"))
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(message, context: .test())
        }
        #expect(error.code == .misconfigured)
    }

    @Test func theDefinitionBuildsFromSettings() async throws {
        let settings = ChannelSettings(
            channelID: "orders-webhook", provider: "webhook", environment: "production", isProduction: true,
            values: [
                "url": "https://hooks.example.test/in", "method": "PATCH",
                "signing": ["scheme": "standard_webhooks", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
            ])
        let transport = MockTransport(status: 200)
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: transport, now: { pinnedDate }))
        _ = try await provider.send(Self.message(), context: .test())
        let request = try #require(await transport.requests.first)
        #expect(request.method == .patch)
        #expect(request.headers["webhook-signature"] != nil)

        var bad = settings
        bad.values["signing"] = ["scheme": "standard_webhooks", "secret": "not-base64!"]
        let error = try #require(throws: ProviderError.self) {
            try ProviderRegistry.standard.makeProvider(
                for: bad, dependencies: ProviderDependencies(transport: transport))
        }
        #expect(error.code == .misconfigured)
        #expect(!error.description.contains("not-base64!"))
    }
}

extension WebhookProviderTests {
    @Test func sandboxBuildsButNeverSends() async throws {
        let transport = MockTransport(status: 200)
        let provider = WebhookProvider(
            configuration: WebhookConfiguration(url: "https://hooks.example.test/x", isSandbox: true),
            transport: transport)
        let receipt = try await provider.send(Self.message(), context: .test())
        #expect(
            receipt
                == DeliveryReceipt(outcome: .sent, detail: "sandbox: POST https://hooks.example.test/x built, not sent")
        )
        #expect(await transport.requests.isEmpty)
    }
}

extension WebhookProviderTests {
    @Test func statusWebhooksCanSignWithXKnockSignature() async throws {
        let settings = ChannelSettings(
            channelID: "ops-events", provider: "webhook", environment: "production",
            values: [
                "url": "https://ops.example.test/events",
                "signing": ["scheme": "knock", "secret": .string(Self.secret), "header": "x-knock-signature"],
            ])
        let transport = MockTransport(status: 200)
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: transport, now: { pinnedDate }))
        _ = try await provider.send(Self.message(), context: .test())
        let request = try #require(await transport.requests.first)
        #expect(request.headers["x-webhook-signature"] == nil)
        let header = try #require(request.headers["x-knock-signature"])
        try KnockWebhookSignature(secret: Self.secret).verify(body: request.body, header: header, now: pinnedDate)
    }
}
