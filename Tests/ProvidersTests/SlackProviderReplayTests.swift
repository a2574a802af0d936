import Foundation
import Providers
import Testing
import Transport

/// The Slack provider, built from settings by the registry, against the fixtures in `Fixtures/slack/`
/// (constructed from Slack's documentation), checking each outgoing request exactly.
@Suite struct SlackProviderReplayTests {
    static let settings = ChannelSettings(
        channelID: "slack-alerts", provider: "slack", environment: "development",
        values: ["bot_token": .string(SlackProviderTests.botToken), "default_channel": "C0123TEST"])

    static func send(_ caseName: String, content: ChatContent? = nil, channelData: JSONValue? = nil) async throws -> (
        Result<DeliveryReceipt, ProviderError>, ReplayTransport
    ) {
        let replay = try ReplayTransport(directory: RecordedFixtures.directory("slack"), case: caseName)
        let provider = try ProviderRegistry.standard.makeProvider(
            for: Self.settings, dependencies: ProviderDependencies(transport: replay, now: { pinnedDate }))
        let content = content ?? ChatContent(text: "Order o_1 has shipped.", blocks: SlackProviderTests.blocks)
        let message = SlackProviderTests.message(content, channelData: channelData)
        do {
            return (.success(try await provider.send(message, context: .test())), replay)
        } catch let error as ProviderError {
            return (.failure(error), replay)
        }
    }

    static var webhookContent: ChatContent {
        ChatContent(
            text: "Order o_1 has shipped.", blocks: SlackProviderTests.blocks, webhookURL: SlackProviderTests.hook)
    }

    @Test func postedReplaysExactly() async throws {
        let (result, replay) = try await Self.send("posted")
        #expect(try result.get().providerMessageID == "C0123TEST:1795428000.000100")
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.requests.first?.headers["Authorization"] == "Bearer \(SlackProviderTests.botToken)")
    }

    @Test func anIncomingWebhookReplaysExactly() async throws {
        let (result, replay) = try await Self.send("incoming-webhook", content: Self.webhookContent)
        let receipt = try result.get()
        #expect(receipt.providerMessageID == nil)
        #expect(receipt.targets.count == 1)
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.requests.first?.headers["Authorization"] == nil)
    }

    @Test(
        arguments: [
            ("channel-not-found", "misconfigured", 200, "channel_not_found"),
            ("invalid-auth", "misconfigured", 200, "invalid_auth"), ("msg-too-long", "rejected", 200, "msg_too_long"),
            ("unknown-error", "rejected", 200, "some_future_error"),
            ("internal-error", "unavailable", 200, "internal_error"),
            ("rate-limited", "rateLimited", 429, "ratelimited"), ("server-error", "unavailable", 503, nil),
            ("webhook-invalid-payload", "rejected", 400, "invalid_payload"),
            ("webhook-action-prohibited", "misconfigured", 403, "action_prohibited"),
            ("webhook-no-service", "misconfigured", 404, "no_service"),
            ("webhook-channel-archived", "misconfigured", 410, "channel_is_archived"),
        ] as [(String, String, Int, String?)])
    func errorCasesAreClassified(caseName: String, code: String, status: Int, slackError: String?) async throws {
        let content = caseName.hasPrefix("webhook-") ? Self.webhookContent : nil
        let (result, replay) = try await Self.send(caseName, content: content)
        guard case .failure(let error) = result else {
            Issue.record("expected \(caseName) to fail")
            return
        }
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == slackError)
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
        if caseName == "rate-limited" { #expect(error.retryAfter == .seconds(30)) }
    }

    @Test func twoConnectionsReplayInOrderWithPerTargetResults() async throws {
        let data: JSONValue = [
            "connections": [
                ["channel_id": "C0456TEST"], ["incoming_webhook": ["url": .string(SlackProviderTests.hook)]],
            ]
        ]
        let (result, replay) = try await Self.send("two-connections", channelData: data)
        let receipt = try result.get()
        #expect(receipt.providerMessageID == "C0456TEST:1795428000.000100")
        #expect(receipt.targets.map(\.errorCode) == [nil, .misconfigured])
        #expect(receipt.targets.map(\.reason) == [nil, "channel_is_archived"])
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
    }
}
