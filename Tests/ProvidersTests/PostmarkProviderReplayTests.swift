import Foundation
import Providers
import Testing
import Transport

/// The Postmark provider, built from settings by the registry, against the fixtures in `Fixtures/postmark/`
/// (constructed from Postmark's documentation; see each file's notes). Each replay also checks the exact
/// outgoing request: method, URL, headers and JSON body.
@Suite struct PostmarkProviderReplayTests {
    static let settings = ChannelSettings(
        channelID: "transactional-email", provider: "postmark", environment: "development",
        values: [
            "server_token": "postmark-test-token-not-real", "from": "Acme <hello@acme.example>", "track_opens": true,
            "track_links": "HtmlOnly",
        ])

    static func send(_ caseName: String, sandbox: Bool = false, email: String = "ada@example.test") async throws -> (
        Result<DeliveryReceipt, ProviderError>, ReplayTransport
    ) {
        let replay = try ReplayTransport(directory: RecordedFixtures.directory("postmark"), case: caseName)
        var settings = Self.settings
        settings.isSandbox = sandbox
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: replay, now: { pinnedDate }))
        let message = PostmarkProviderTests.message(email: email)
        do {
            return (.success(try await provider.send(message, context: .test())), replay)
        } catch let error as ProviderError {
            return (.failure(error), replay)
        }
    }

    @Test func sentReplaysExactly() async throws {
        let (result, replay) = try await Self.send("sent")
        let receipt = try result.get()
        #expect(receipt.providerMessageID == "b7bc2f4a-e38e-4336-af7d-e6c392c2f817")
        #expect(receipt.outcome == .sent)
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
        #expect(await replay.requests.first?.headers["X-Postmark-Server-Token"] == "postmark-test-token-not-real")
    }

    @Test func sandboxReplaysWithTheTestToken() async throws {
        let (result, replay) = try await Self.send("sandbox", sandbox: true)
        #expect(try result.get().providerMessageID == "00000000-0000-0000-0000-000000000000")
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.requests.first?.headers["X-Postmark-Server-Token"] == "POSTMARK_API_TEST")
    }

    @Test(
        arguments: [
            ("invalid-token", "misconfigured", 401, "10"), ("inactive-recipient", "invalidRecipient", 422, "406"),
            ("invalid-to", "invalidRecipient", 422, "300"), ("invalid-from", "misconfigured", 422, "300"),
            ("sender-not-confirmed", "misconfigured", 422, "401"), ("account-pending", "misconfigured", 422, "412"),
            ("forbidden-attachment", "rejected", 422, "411"), ("invalid-json", "internalFailure", 422, "402"),
            ("rate-limited", "rateLimited", 429, "429"), ("server-error", "unavailable", 500, nil),
            ("service-unavailable", "unavailable", 503, nil),
        ] as [(String, String, Int, String?)])
    func errorCasesAreClassified(caseName: String, code: String, status: Int, providerCode: String?) async throws {
        let (result, replay) = try await Self.send(
            caseName, email: caseName == "invalid-to" ? "ada.example.test" : "ada@example.test")
        guard case .failure(let error) = result else {
            Issue.record("expected \(caseName) to fail")
            return
        }
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == providerCode)
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
        if caseName == "rate-limited" { #expect(error.retryAfter == .seconds(30)) }
        if caseName == "service-unavailable" { #expect(error.retryAfter == .seconds(120)) }
    }

    @Test func theDefinitionRefusesHalfTheWebhookCredentials() throws {
        var settings = Self.settings
        settings.values["webhook_username"] = "postmark"
        let error = try #require(throws: ProviderError.self) {
            try ProviderRegistry.standard.makeProvider(
                for: settings, dependencies: ProviderDependencies(transport: MockTransport(status: 200)))
        }
        #expect(error.code == .misconfigured)
        settings.values["webhook_username"] = "post:mark"
        settings.values["webhook_password"] = "hook-password-not-real"
        #expect(throws: ProviderError.self) {
            try ProviderRegistry.standard.makeProvider(
                for: settings, dependencies: ProviderDependencies(transport: MockTransport(status: 200)))
        }
    }
}
