import Engine
import Foundation
import Providers
import Synchronization
import Testing
import Transport

/// Records the URLs it is asked for and answers 200 `ok`.
final class RecordingTransport: HTTPTransport {
    private let urls = Mutex<[String]>([])

    var requested: [String] { urls.withLock { $0 } }

    func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        urls.withLock { $0.append(request.url) }
        return HTTPResponse(status: 200, body: Array(#"{"ok": true, "channel": "C1", "ts": "1.2"}"#.utf8))
    }
}

/// Which client each kind of request takes when channels are built with an ``OutboundGuard``: URLs that
/// messages or channel data choose go to the guard; a `base_url` override or a provider API does not.
@Suite struct OutboundGuardRoutingTests {
    static let hook = "https://hooks.example.test/in"
    static let slackHook = "https://hooks.slack.com/services/T0/B0/xyz"

    /// Sends `content` through channel `id` of a development configuration; returns (main, guard) URLs.
    static func send(_ channels: String, id: String, content: OutboundMessage.Content) async throws -> (
        main: [String], guarded: [String]
    ) {
        let text = #"{"environments": {"development": {"production": false}}, "channels": {\#(channels)}}"#
        let configuration = try ChannelConfiguration.load(
            json: Array(text.utf8), name: "/etc/dh/host.json", registry: .standard,
            environmentVariables: ["TEST_SLACK_TOKEN": "test-token"])
        let main = RecordingTransport()
        let guarded = RecordingTransport()
        let directory = try ChannelDirectory.build(
            from: configuration, registry: .standard, transport: main,
            outboundGuard: OutboundGuard(transport: guarded, policy: .default))
        let channel = try #require(directory.channel(ChannelKey(environment: "development", channelID: id)))
        _ = try await channel.provider.send(
            OutboundMessage(id: "msg_1", channelID: id, recipient: Recipient(id: "user-1"), content: content),
            context: DeliveryContext(
                deadline: .now + .seconds(10), idempotencyKey: "msg_1", environment: "development"))
        return (main.requested, guarded.requested)
    }

    @Test func webhookChannelsSendThroughTheGuard() async throws {
        let result = try await Self.send(
            #""hooks": {"provider": "webhook", "environments": {"development": {"url": "\#(Self.hook)"}}}"#,
            id: "hooks", content: .webhook(WebhookContent(url: "https://other.example.test/x")))
        #expect(result.main == [])
        #expect(result.guarded == ["https://other.example.test/x"])
    }

    @Test func aWebhookBaseURLOverrideSendsThroughTheMainClient() async throws {
        let result = try await Self.send(
            #""hooks": {"provider": "webhook", "environments": {"development": {"url": "\#(Self.hook)", "base_url": "http://127.0.0.1:9000"}}}"#,
            id: "hooks", content: .webhook(WebhookContent()))
        #expect(result.main == ["http://127.0.0.1:9000/in"])
        #expect(result.guarded == [])
    }

    @Test func slackIncomingWebhooksSendThroughTheGuardAndTheWebAPIDoesNot() async throws {
        let slack =
            #""chat": {"provider": "slack", "environments": {"development": {"bot_token": {"$env": "TEST_SLACK_TOKEN"}}}}"#
        let hook = try await Self.send(
            slack, id: "chat", content: .chat(ChatContent(text: "hi", webhookURL: Self.slackHook)))
        #expect(hook.main == [])
        #expect(hook.guarded == [Self.slackHook])
        let api = try await Self.send(slack, id: "chat", content: .chat(ChatContent(text: "hi", channel: "C1")))
        #expect(api.main == ["https://slack.com/api/chat.postMessage"])
        #expect(api.guarded == [])
    }
}
