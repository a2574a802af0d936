import Foundation
import Providers
import Testing
import Transport

/// The Twilio provider, built from settings by the registry, against the fixtures in `Fixtures/twilio/`
/// (constructed from Twilio's documentation, including the test-credential magic numbers).
@Suite struct TwilioProviderReplayTests {
    static let settings = ChannelSettings(
        channelID: "sms", provider: "twilio", environment: "development",
        values: [
            "account_sid": .string(TwilioProviderTests.live), "auth_token": .string(TwilioProviderTests.authToken),
            "from": "+15557122661", "status_callback_url": "https://hooks.acme.example/twilio/status",
            "test_account_sid": .string(TwilioProviderTests.test), "test_auth_token": "twilio-test-token-not-real",
        ])

    static func send(_ caseName: String, to: String = "+14155550100", sandbox: Bool = false) async throws -> (
        Result<DeliveryReceipt, ProviderError>, ReplayTransport
    ) {
        let replay = try ReplayTransport(directory: RecordedFixtures.directory("twilio"), case: caseName)
        var settings = Self.settings
        settings.isSandbox = sandbox
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: replay, now: { pinnedDate }))
        do {
            return (.success(try await provider.send(TwilioProviderTests.message(to: to), context: .test())), replay)
        } catch let error as ProviderError {
            return (.failure(error), replay)
        }
    }

    @Test(arguments: [("sent", false), ("sandbox-sent", true)])
    func sentReplaysExactly(caseName: String, sandbox: Bool) async throws {
        let (result, replay) = try await Self.send(caseName, sandbox: sandbox)
        #expect(try result.get().providerMessageID == "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
        let account = sandbox ? TwilioProviderTests.test : TwilioProviderTests.live
        let password = sandbox ? "twilio-test-token-not-real" : TwilioProviderTests.authToken
        let basic = "Basic " + Data("\(account):\(password)".utf8).base64EncodedString()
        #expect(await replay.requests.first?.headers["Authorization"] == basic)
    }

    @Test(arguments: [
        ("sandbox-invalid-number", "+15005550001", "invalidRecipient", 400, "21211"),
        ("sandbox-cannot-route", "+15005550002", "rejected", 400, "21612"),
        ("sandbox-no-international-permission", "+15005550003", "rejected", 400, "21408"),
        ("sandbox-blocked", "+15005550004", "invalidRecipient", 400, "21610"),
        ("sandbox-not-sms-capable", "+15005550009", "invalidRecipient", 400, "21614"),
        ("authentication-failed", "+14155550100", "misconfigured", 401, "20003"),
        ("from-not-valid", "+14155550100", "misconfigured", 400, "21606"),
        ("rate-limited", "+14155550100", "rateLimited", 429, "20429"),
        ("server-error", "+14155550100", "unavailable", 503, "20503"),
    ])
    func errorCasesAreClassified(caseName: String, to: String, code: String, status: Int, twilioCode: String)
        async throws
    {
        let (result, replay) = try await Self.send(caseName, to: to, sandbox: caseName.hasPrefix("sandbox-"))
        guard case .failure(let error) = result else {
            Issue.record("expected \(caseName) to fail")
            return
        }
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == twilioCode)
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
        if caseName == "rate-limited" { #expect(error.retryAfter == .seconds(5)) }
    }

    @Test(
        arguments: [
            (["api_key_sid": "SK1"], "set both api_key_sid and api_key_secret"),
            (["auth_token": nil, "api_key_sid": "SK1", "api_key_secret": "key-secret-not-real"], "needs auth_token"),
            (["test_auth_token": nil], "sandbox mode sends with Twilio's test credentials"),
        ] as [([String: JSONValue?], String)])
    func theDefinitionChecksWhatTheSchemaCannot(changes: [String: JSONValue?], reason: String) throws {
        var settings = Self.settings
        settings.isSandbox = reason.hasPrefix("sandbox")
        for (key, value) in changes { settings.values[key] = value }
        let error = try #require(throws: ProviderError.self) {
            try ProviderRegistry.standard.makeProvider(
                for: settings, dependencies: ProviderDependencies(transport: MockTransport(status: 201)))
        }
        #expect(error.code == .misconfigured)
        #expect(error.message.contains(reason))
        #expect(!error.description.contains("not-real"))
    }
}
