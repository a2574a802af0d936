import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Signing
import Testing
import Transport

/// `POST /callbacks/:environment/:channel_id` for a Twilio SMS channel, and the answers every channel shares.
@Suite struct TwilioCallbackRouteTests {
    /// Built at run time; looks like nothing real.
    static let authToken = "test-auth-token-" + String(repeating: "7", count: 16)
    static let accountSID = "AC" + String(repeating: "0", count: 32)
    static let messageSID = "SM" + String(repeating: "1", count: 32)
    static let target = "/callbacks/production/sms?dh_message_id=msg_sms_1"
    static let signedURL = CallbackHarness.publicURL + target

    static func harness(authToken: String? = authToken, publicURL: String? = CallbackHarness.publicURL) async throws
        -> CallbackHarness
    {
        let configuration = TwilioConfiguration(
            accountSID: accountSID, authToken: authToken, from: "+15005550006",
            statusCallbackURL: CallbackHarness.publicURL + "/callbacks/production/sms")
        let harness = CallbackHarness(
            [
                CallbackHarness.channel(
                    "sms", type: .sms,
                    provider: TwilioProvider(configuration: configuration, transport: URLTableTransport())),
                CallbackHarness.channel("feed", type: .inAppFeed, provider: SilentProvider()),
            ], publicURL: publicURL)
        try await harness.insertSent(
            "msg_sms_1", channel: "sms", provider: "twilio", type: .sms, providerMessageID: messageSID)
        return harness
    }

    static func parameters(status: String) -> [(name: String, value: String)] {
        [
            ("AccountSid", accountSID), ("ApiVersion", "2010-04-01"), ("From", "+15005550006"),
            ("MessageSid", messageSID), ("MessageStatus", status), ("To", "+14155550100"),
        ]
    }

    /// Sends a Twilio status callback signed over `signedURL` with `key`.
    static func post(
        _ harness: CallbackHarness, status: String = "delivered", target: String = target,
        signedURL: String = signedURL,
        key: String = authToken, extraHeaders: [(name: String, value: String)] = []
    ) async -> HTTPServerResponse {
        let parameters = parameters(status: status)
        let signature = TwilioRequestValidator(authToken: key).sign(url: signedURL, parameters: parameters)
        let body = parameters.map { "\($0.name)=\($0.value.replacingOccurrences(of: "+", with: "%2B"))" }
            .joined(separator: "&")
        return await harness.post(
            target,
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"), ("X-Twilio-Signature", signature),
            ] + extraHeaders, body: Array(body.utf8))
    }

    @Test func aSignedDeliveredCallbackMovesTheSentMessageToDelivered() async throws {
        let harness = try await Self.harness()
        let response = await Self.post(harness)
        #expect(response.status == 200)
        #expect(
            try HostTestSupport.json(response)
                == ["status": "accepted", "applied": ["msg_sms_1"], "duplicates": [], "ignored": [], "unknown": []])
        #expect(await harness.status("msg_sms_1") == .delivered)
        #expect(harness.counter(HostMetrics.callbacks, provider: "twilio", result: "accepted") == 1)
        #expect(harness.counter(HostMetrics.callbackUpdates, provider: "twilio", result: "applied") == 1)

        // The same callback again is a duplicate: answered 200, nothing changes.
        let again = await Self.post(harness)
        #expect(again.status == 200)
        #expect(try HostTestSupport.json(again)["duplicates"] == ["msg_sms_1"])
        #expect(harness.counter(HostMetrics.callbackUpdates, provider: "twilio", result: "duplicate") == 1)
    }

    @Test func anIntermediateStatusChangesNothing() async throws {
        let harness = try await Self.harness()
        let response = await Self.post(harness, status: "sending")
        #expect(response.status == 200)
        #expect(try HostTestSupport.json(response)["applied"] == [])
        #expect(await harness.status("msg_sms_1") == .sent)
    }

    @Test func aForgedCallbackIsRefusedWithKnocksErrorAndChangesNothing() async throws {
        let harness = try await Self.harness()
        let events = await harness.eventCount("msg_sms_1")
        let response = await Self.post(harness, key: "another-token-" + String(repeating: "9", count: 18))
        #expect(response.status == 401)
        #expect(
            try HostTestSupport.json(response)
                == [
                    "code": "invalid_callback_credentials",
                    "message": "twilio callback refused: X-Twilio-Signature is invalid: signatureMismatch",
                    "status": 401, "type": "authentication_error",
                ])
        #expect(await harness.status("msg_sms_1") == .sent)
        #expect(await harness.eventCount("msg_sms_1") == events)
        #expect(harness.counter(HostMetrics.callbacks, provider: "twilio", result: "rejected") == 1)
        #expect(harness.counter(HostMetrics.callbacks, provider: "twilio", result: "accepted") == nil)
        #expect(harness.collector.lines.contains { $0.contains("callback rejected") && $0.contains("forgedCallback") })
    }

    @Test func theSignatureCoversThePublicURLNotTheAddressTheHostSees() async throws {
        let harness = try await Self.harness()
        let local = "http://127.0.0.1:8080" + Self.target
        let response = await Self.post(harness, signedURL: local)
        #expect(response.status == 401)
        #expect(await harness.status("msg_sms_1") == .sent)
        // A changed query (another message id) breaks the signature too.
        let tampered = await Self.post(harness, target: "/callbacks/production/sms?dh_message_id=msg_other")
        #expect(tampered.status == 401)
    }

    @Test func withoutAPublicURLTheHostHeaderIsUsed() async throws {
        let harness = try await Self.harness(publicURL: nil)
        let response = await Self.post(
            harness, signedURL: "http://hooks.internal.test:8080" + Self.target,
            extraHeaders: [("Host", "hooks.internal.test:8080")])
        #expect(response.status == 200)
        #expect(await harness.status("msg_sms_1") == .delivered)
    }

    @Test func aChannelWithoutTheAuthTokenCannotVerifyAndSaysWhichSettingIsMissing() async throws {
        let harness = try await Self.harness(authToken: nil)
        let response = await Self.post(harness)
        #expect(response.status == 403)
        #expect(try HostTestSupport.json(response)["code"] == "callbacks_not_configured")
        #expect(
            try HostTestSupport.json(response)["message"]?.stringValue?.contains("set auth_token on the channel")
                == true)
        #expect(await harness.status("msg_sms_1") == .sent)
    }

    @Test func unknownChannelsEnvironmentsAndProvidersWithoutCallbacksAre404() async throws {
        let harness = try await Self.harness()
        let unknownChannel = await Self.post(harness, target: "/callbacks/production/nope")
        #expect(unknownChannel.status == 404)
        #expect(
            try HostTestSupport.json(unknownChannel)["message"]
                == "No channel 'nope' is configured and enabled in environment 'production'")
        let unknownEnvironment = await Self.post(harness, target: "/callbacks/staging/sms")
        #expect(unknownEnvironment.status == 404)
        #expect(try HostTestSupport.json(unknownEnvironment)["code"] == "resource_missing")
        let silent = await Self.post(harness, target: "/callbacks/production/feed")
        #expect(silent.status == 404)
        #expect(
            try HostTestSupport.json(silent)["message"]
                == .string(
                    "Channel 'feed' uses the silent provider, which takes no status callbacks; callback URLs exist "
                        + "for channels whose provider reports delivery (twilio, postmark, ses)"))
        #expect(await harness.status("msg_sms_1") == .sent)
    }

    @Test func onlyPostIsRouted() async throws {
        let harness = try await Self.harness()
        let response = await harness.router.handle(
            HTTPServerRequest(method: "GET", path: "/callbacks/production/sms"))
        #expect(response.status == 405)
        #expect(HostTestSupport.header(response, "Allow") == "POST")
    }
}
