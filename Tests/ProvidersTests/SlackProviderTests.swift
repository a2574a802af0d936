import Foundation
import Providers
import Testing
import Transport

@Suite struct SlackProviderTests {
    static let botToken = "xoxb-test-not-real"
    static let hook = "https://hooks.slack.com/services/T0000TEST/B0000TEST/not-a-real-webhook-secret"
    static let blocks: JSONValue = [
        ["type": "section", "text": ["type": "mrkdwn", "text": "*Order o_1* has shipped."]]
    ]

    static func message(
        _ content: ChatContent = ChatContent(text: "Order o_1 has shipped.", blocks: blocks),
        channelData: JSONValue? = nil
    ) -> OutboundMessage {
        OutboundMessage(
            id: "msg_01slack", channelID: "slack-alerts",
            recipient: Recipient(id: "user-1", channelData: channelData.map { ["slack-alerts": $0] } ?? [:]),
            content: .chat(content))
    }

    static func provider(
        _ transport: MockTransport, botToken: String? = botToken, defaultChannel: String? = "C0123TEST",
        baseURL: String? = nil, sandbox: Bool = false
    ) -> SlackProvider {
        SlackProvider(
            configuration: SlackConfiguration(
                botToken: botToken, defaultChannel: defaultChannel, baseURL: baseURL, isSandbox: sandbox),
            transport: transport, now: { pinnedDate })
    }

    static func ok(_ channel: String = "C0123TEST") -> MockTransport.Reply {
        .response(
            HTTPResponse(
                status: 200, headers: ["Content-Type": "application/json"],
                body: Array(#"{"ok":true,"channel":"\#(channel)","ts":"1795428000.000100"}"#.utf8)))
    }

    @Test func postsTheExactRequestToTheDefaultChannel() async throws {
        let transport = MockTransport([Self.ok()])
        let receipt = try await Self.provider(transport).send(Self.message(), context: .test())
        #expect(
            receipt
                == DeliveryReceipt(
                    providerMessageID: "C0123TEST:1795428000.000100", outcome: .sent, httpStatus: 200,
                    detail: "posted to 1 of 1 Slack target",
                    targets: [.init(target: "channel:C0123TEST", providerMessageID: "C0123TEST:1795428000.000100")]))
        let request = try #require(await transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://slack.com/api/chat.postMessage")
        #expect(
            request.headers.fields.map { [$0.name, $0.value] } == [
                ["Authorization", "Bearer \(Self.botToken)"], ["Content-Type", "application/json; charset=utf-8"],
            ])
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"channel":"C0123TEST","text":"Order o_1 has shipped.","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*Order o_1* has shipped."}}]}"#
        )
    }

    @Test func theMessageChannelWinsAndUsesTheChannelDataToken() async throws {
        let transport = MockTransport([Self.ok("C0999TEST")])
        let message = Self.message(
            ChatContent(text: "hi", channel: "C0999TEST"),
            channelData: ["token": ["access_token": "xoxb-tenant-not-real"], "connections": [["channel_id": "C1"]]])
        _ = try await Self.provider(transport).send(message, context: .test())
        let request = try #require(await transport.requests.first)
        #expect(request.headers["Authorization"] == "Bearer xoxb-tenant-not-real")
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"channel":"C0999TEST","text":"hi"}"#)
    }

    @Test func everyConnectionGetsTheMessageWithItsOwnToken() async throws {
        let transport = MockTransport([
            Self.ok("C0456TEST"), Self.ok("D0789TEST"),
            .response(HTTPResponse(status: 200, headers: ["Content-Type": "text/html"], body: Array("ok".utf8))),
        ])
        let data: JSONValue = [
            "connections": [
                ["channel_id": "C0456TEST", "access_token": "xoxb-own-not-real"], ["user_id": "U0789TEST"],
                ["incoming_webhook": ["url": .string(Self.hook)]],
            ]
        ]
        let receipt = try await Self.provider(transport).send(Self.message(channelData: data), context: .test())
        let requests = await transport.requests
        #expect(
            requests.map(\.url) == [
                "https://slack.com/api/chat.postMessage", "https://slack.com/api/chat.postMessage", Self.hook,
            ])
        #expect(
            requests.map { $0.headers["Authorization"] } == [
                "Bearer xoxb-own-not-real", "Bearer \(Self.botToken)", nil,
            ])
        #expect(String(decoding: requests[1].body, as: UTF8.self).hasPrefix(#"{"channel":"U0789TEST","#))
        #expect(
            String(decoding: requests[2].body, as: UTF8.self).hasPrefix(#"{"text":"Order o_1 has shipped.","blocks":"#))
        #expect(receipt.providerMessageID == "C0456TEST:1795428000.000100")
        #expect(
            receipt.targets.map(\.target) == [
                "channel:C0456TEST", "channel:U0789TEST",
                "incoming_webhook:hooks.slack.com/services/T0000TEST/B0000TEST/<redacted>",
            ])
        #expect(receipt.targets[2].providerMessageID == nil)
        #expect(!"\(receipt)".contains("not-a-real-webhook-secret"))
    }

    @Test func aPartialFailureIsReportedPerTarget() async throws {
        let transport = MockTransport([
            Self.ok("C0456TEST"),
            .response(HTTPResponse(status: 200, body: Array(#"{"ok":false,"error":"channel_not_found"}"#.utf8))),
        ])
        let data: JSONValue = ["connections": [["channel_id": "C0456TEST"], ["channel_id": "C0GONE"], ["team": "x"]]]
        let receipt = try await Self.provider(transport).send(Self.message(channelData: data), context: .test())
        #expect(receipt.detail == "posted to 1 of 3 Slack targets")
        #expect(
            receipt.targets[1]
                == .init(target: "channel:C0GONE", errorCode: .misconfigured, reason: "channel_not_found"))
        #expect(receipt.targets[2] == .init(target: "connections[2]", errorCode: .invalidRecipient))
        #expect(receipt.invalidTargets == ["connections[2]"])
        #expect(await transport.requests.count == 2)
    }

    @Test func whenEveryTargetFailsTheRetryableErrorIsThrown() async throws {
        let transport = MockTransport([
            .response(HTTPResponse(status: 200, body: Array(#"{"ok":false,"error":"is_archived"}"#.utf8))),
            .response(
                HTTPResponse(
                    status: 429, headers: ["Retry-After": "12"],
                    body: Array(#"{"ok":false,"error":"ratelimited"}"#.utf8))),
        ])
        let data: JSONValue = ["connections": [["channel_id": "C1"], ["channel_id": "C2"]]]
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(channelData: data), context: .test())
        }
        #expect(error.code == .rateLimited)
        #expect(error.retryAfter == .seconds(12))
    }

    @Test func sandboxResolvesAndBuildsButSendsNothing() async throws {
        let transport = MockTransport([])
        let receipt = try await Self.provider(transport, sandbox: true).send(Self.message(), context: .test())
        #expect(receipt == DeliveryReceipt(outcome: .sent, detail: "sandbox"))
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport, botToken: nil, sandbox: true).send(Self.message(), context: .test())
        }
        #expect(error.code == .misconfigured)
        #expect(await transport.requests.isEmpty)
    }

    @Test(arguments: [
        "http://hooks.slack.com/services/T/B/x", "https://evil.example/services/T/B/x", "not a url",
    ])
    func incomingWebhooksMustBeSlacks(url: String) async throws {
        let transport = MockTransport([])
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(
                Self.message(ChatContent(text: "hi", webhookURL: url)), context: .test())
        }
        #expect(error.code == .misconfigured)
        #expect(!error.description.contains("/x"))
        #expect(await transport.requests.isEmpty)
    }

    @Test func aBaseURLRebasesTheWebAPIAndIncomingWebhooks() async throws {
        let transport = MockTransport([
            Self.ok(), .response(HTTPResponse(status: 200, body: Array("ok".utf8))),
        ])
        let provider = Self.provider(transport, baseURL: "http://127.0.0.1:8080/")
        _ = try await provider.send(Self.message(), context: .test())
        _ = try await provider.send(Self.message(ChatContent(text: "hi", webhookURL: Self.hook)), context: .test())
        #expect(
            await transport.requests.map(\.url) == [
                "http://127.0.0.1:8080/api/chat.postMessage",
                "http://127.0.0.1:8080/services/T0000TEST/B0000TEST/not-a-real-webhook-secret",
            ])
    }

    @Test func withoutAnyTargetTheRecipientIsInvalid() async throws {
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(MockTransport([]), defaultChannel: nil).send(Self.message(), context: .test())
        }
        #expect(error.code == .invalidRecipient)
    }
}
