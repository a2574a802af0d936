import Foundation
import Providers
import Testing
import Transport

/// Sends through the providers' real sandboxes. Each test runs only when its credentials are in the
/// environment, so CI (which has none) and ordinary runs never touch the network; a skipped test names the
/// variables it needs.
@Suite struct LiveSandboxTests {
    static let environment = ProcessInfo.processInfo.environment

    static func send(_ settings: ChannelSettings, _ message: OutboundMessage) async throws -> DeliveryReceipt {
        let client = try CurlHTTPClient()
        do {
            let provider = try ProviderRegistry.standard.makeProvider(
                for: settings, dependencies: ProviderDependencies(transport: client))
            let receipt = try await provider.send(message, context: .test())
            await client.shutdown()
            return receipt
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Postmark's test mode: the POSTMARK_API_TEST token validates the request and delivers nothing, so only a
    /// sender is needed (the server token is required by the settings but not sent in sandbox mode).
    @Test(
        .enabled(
            if: environment["DELIVERYHOST_LIVE_POSTMARK_FROM"] != nil,
            "set DELIVERYHOST_LIVE_POSTMARK_FROM (and optionally DELIVERYHOST_LIVE_POSTMARK_TOKEN) to run"))
    func postmarkSandboxAcceptsAnEmail() async throws {
        let settings = ChannelSettings(
            channelID: "email", provider: "postmark", environment: "live-test", isSandbox: true,
            values: [
                "server_token": .string(Self.environment["DELIVERYHOST_LIVE_POSTMARK_TOKEN"] ?? "unused-in-sandbox"),
                "from": .string(Self.environment["DELIVERYHOST_LIVE_POSTMARK_FROM"] ?? ""),
            ])
        let message = OutboundMessage(
            id: "msg_live_postmark", channelID: "email",
            recipient: Recipient(id: "live-test", email: "test@blackhole.postmarkapp.com"),
            content: .email(EmailContent(subject: "DeliveryHost live sandbox test", text: "Not delivered.")))
        let receipt = try await Self.send(settings, message)
        #expect(receipt.providerMessageID != nil)
    }

    /// Twilio's test credentials: validated like live ones, never sent or charged; the magic numbers give
    /// known answers.
    @Test(
        .enabled(
            if: environment["DELIVERYHOST_LIVE_TWILIO_TEST_ACCOUNT_SID"] != nil
                && environment["DELIVERYHOST_LIVE_TWILIO_TEST_AUTH_TOKEN"] != nil,
            "set DELIVERYHOST_LIVE_TWILIO_TEST_ACCOUNT_SID and DELIVERYHOST_LIVE_TWILIO_TEST_AUTH_TOKEN to run"))
    func twilioTestCredentialsAnswerTheMagicNumbers() async throws {
        let sid = Self.environment["DELIVERYHOST_LIVE_TWILIO_TEST_ACCOUNT_SID"] ?? ""
        let token = Self.environment["DELIVERYHOST_LIVE_TWILIO_TEST_AUTH_TOKEN"] ?? ""
        let settings = ChannelSettings(
            channelID: "sms", provider: "twilio", environment: "live-test", isSandbox: true,
            values: [
                "account_sid": .string(sid), "auth_token": .string(token), "from": "+15005550006",
                "test_account_sid": .string(sid), "test_auth_token": .string(token),
            ])
        func message(_ to: String) -> OutboundMessage {
            OutboundMessage(
                id: "msg_live_twilio", channelID: "sms", recipient: Recipient(id: "live-test", phoneNumber: to),
                content: .sms(SMSContent(text: "DeliveryHost live sandbox test")))
        }
        let receipt = try await Self.send(settings, message("+14155552671"))
        #expect(receipt.providerMessageID?.hasPrefix("SM") == true)
        let error = try await #require(throws: ProviderError.self) {
            try await Self.send(settings, message("+15005550001"))
        }
        #expect(error.code == .invalidRecipient)
        #expect(error.providerCode == "21211")
    }

    /// Slack has no test mode: this posts a real message to the given channel.
    @Test(
        .enabled(
            if: environment["DELIVERYHOST_LIVE_SLACK_BOT_TOKEN"] != nil
                && environment["DELIVERYHOST_LIVE_SLACK_CHANNEL"] != nil,
            "set DELIVERYHOST_LIVE_SLACK_BOT_TOKEN and DELIVERYHOST_LIVE_SLACK_CHANNEL to run (posts a real message)"))
    func slackPostsToAChannel() async throws {
        let settings = ChannelSettings(
            channelID: "slack", provider: "slack", environment: "live-test",
            values: [
                "bot_token": .string(Self.environment["DELIVERYHOST_LIVE_SLACK_BOT_TOKEN"] ?? ""),
                "default_channel": .string(Self.environment["DELIVERYHOST_LIVE_SLACK_CHANNEL"] ?? ""),
            ])
        let message = OutboundMessage(
            id: "msg_live_slack", channelID: "slack", recipient: Recipient(id: "live-test"),
            content: .chat(ChatContent(text: "DeliveryHost live test")))
        let receipt = try await Self.send(settings, message)
        #expect(receipt.providerMessageID != nil)
    }
}
