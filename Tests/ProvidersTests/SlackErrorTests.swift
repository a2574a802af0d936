import Foundation
import Providers
import Testing
import Transport

/// How Slack's answers are classified: Web API `{"ok": false, "error": …}` (HTTP 200) and incoming-webhook statuses.
@Suite struct SlackErrorTests {
    static func send(_ response: HTTPResponse, webhook: Bool = false) async throws -> ProviderError {
        let transport = MockTransport([.response(response)])
        let content = ChatContent(text: "hi", webhookURL: webhook ? SlackProviderTests.hook : nil)
        return try await #require(throws: ProviderError.self) {
            try await SlackProviderTests.provider(transport).send(SlackProviderTests.message(content), context: .test())
        }
    }

    @Test(arguments: [
        ("ratelimited", "rateLimited"), ("rate_limited", "rateLimited"), ("invalid_auth", "misconfigured"),
        ("not_authed", "misconfigured"), ("account_inactive", "misconfigured"), ("token_revoked", "misconfigured"),
        ("missing_scope", "misconfigured"), ("channel_not_found", "misconfigured"), ("not_in_channel", "misconfigured"),
        ("is_archived", "misconfigured"), ("msg_too_long", "rejected"), ("no_text", "rejected"),
        ("invalid_blocks", "rejected"), ("internal_error", "unavailable"), ("fatal_error", "unavailable"),
        ("service_unavailable", "unavailable"), ("request_timeout", "unavailable"), ("brand_new_error", "rejected"),
    ])
    func webAPIErrorsAreClassified(slackError: String, code: String) async throws {
        let body = Array(#"{"ok":false,"error":"\#(slackError)"}"#.utf8)
        let error = try await Self.send(HTTPResponse(status: 200, headers: ["Retry-After": "4"], body: body))
        #expect(error.code.description == code)
        #expect(error.providerCode == slackError)
        #expect(error.retryAfter == (error.code.isRetryable ? .seconds(4) : nil))
        #expect(!error.description.contains(SlackProviderTests.botToken))
    }

    @Test(arguments: [
        (429, "", "rateLimited"), (500, "", "unavailable"), (503, "<html>down</html>", "unavailable"),
        (200, "<html>proxy</html>", "unavailable"), (401, "", "misconfigured"), (404, "", "misconfigured"),
        (400, "", "rejected"),
    ])
    func webAPIStatusesAreClassified(status: Int, body: String, code: String) async throws {
        let error = try await Self.send(HTTPResponse(status: status, body: Array(body.utf8)))
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
    }

    @Test(arguments: [
        (400, "invalid_payload", "rejected"), (400, "user_not_found", "misconfigured"),
        (403, "action_prohibited", "misconfigured"), (404, "channel_not_found", "misconfigured"),
        (404, "no_service", "misconfigured"), (410, "channel_is_archived", "misconfigured"),
        (500, "rollup_error", "unavailable"), (429, "rate_limited", "rateLimited"), (404, "", "misconfigured"),
        (410, "<html>gone</html>", "misconfigured"), (400, "something_new", "rejected"),
    ])
    func incomingWebhookErrorsAreClassified(status: Int, body: String, code: String) async throws {
        let error = try await Self.send(HTTPResponse(status: status, body: Array(body.utf8)), webhook: true)
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(!error.description.contains("not-a-real-webhook-secret"))
    }

    @Test func theDefinitionBuildsFromSettings() async throws {
        let settings = ChannelSettings(
            channelID: "slack-alerts", provider: "slack", environment: "development",
            values: ["bot_token": .string(SlackProviderTests.botToken), "default_channel": "C0123TEST"])
        let transport = MockTransport([SlackProviderTests.ok()])
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: transport))
        let receipt = try await provider.send(SlackProviderTests.message(), context: .test())
        #expect(receipt.providerMessageID == "C0123TEST:1795428000.000100")
    }

    @Test(arguments: [(TransportError.Code.timeout, "timeout"), (.tls, "connectionFailed"), (.cancelled, "cancelled")])
    func transportFailuresAreClassified(failure: TransportError.Code, code: String) async throws {
        let transport = MockTransport([.failure(TransportError(failure, "simulated"))])
        let error = try await #require(throws: ProviderError.self) {
            try await SlackProviderTests.provider(transport).send(SlackProviderTests.message(), context: .test())
        }
        #expect(error.code.description == code)
    }
}
