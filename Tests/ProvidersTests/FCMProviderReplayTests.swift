import Foundation
import Providers
import Testing
import Transport

/// The FCM provider against the fixtures in `Fixtures/fcm` (constructed from Google's documentation; FCM
/// is not reachable from here): exchange 1 gets the access token, exchange 2 sends.
@Suite struct FCMProviderReplayTests {
    static func send(_ caseName: String, content: PushContent = FCMProviderTests.content, sandbox: Bool = false)
        async throws -> (Result<DeliveryReceipt, ProviderError>, ReplayTransport)
    {
        let replay = try ReplayTransport(directory: RecordedFixtures.directory("fcm"), case: caseName)
        let settings = ChannelSettings(
            channelID: "android-push", provider: "fcm", environment: "development", isSandbox: sandbox,
            values: ["service_account": .string(try PushTestKeys.serviceAccountJSON())])
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: replay, now: { pinnedDate }))
        let message = pushMessage(content, tokens: [FCMProviderTests.token], channel: "android-push")
        do {
            return (.success(try await provider.send(message, context: .test())), replay)
        } catch let error as ProviderError {
            return (.failure(error), replay)
        }
    }

    @Test func sentReplaysExactly() async throws {
        let (result, replay) = try await Self.send("sent")
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
        let receipt = try result.get()
        #expect(receipt.providerMessageID == "projects/delivery-host-test/messages/0:1700000000000000%8f1b2c3d4e5f6a7b")
        let requests = await replay.requests
        // Volatile in fixture matching, so checked here: the exact assertion, and the granted token in use.
        #expect(
            String(decoding: requests[0].body, as: UTF8.self).hasSuffix(
                "&assertion=\(FCMProviderTests.expectedAssertion)"))
        #expect(requests[1].headers["authorization"] == "Bearer <redacted>")
    }

    @Test func silentAndValidateOnlyReplayExactly() async throws {
        let silent = PushContent(data: ["sync": "orders"], priority: .normal, silent: true)
        let (silentResult, silentReplay) = try await Self.send("silent", content: silent)
        #expect(await silentReplay.mismatches.isEmpty)
        #expect(try silentResult.get().outcome == .sent)

        let (result, replay) = try await Self.send("validate-only", sandbox: true)
        #expect(await replay.mismatches.isEmpty)
        #expect(try result.get().providerMessageID == "projects/delivery-host-test/messages/fake_message_id")
    }

    @Test(
        arguments: [
            ("unregistered", "invalidRecipient", 404, "UNREGISTERED", nil),
            ("invalid-token", "invalidRecipient", 400, "INVALID_ARGUMENT", nil),
            ("invalid-argument", "rejected", 400, "INVALID_ARGUMENT", nil),
            ("access-token-expired", "reauthenticate", 401, "UNAUTHENTICATED", nil),
            ("third-party-auth-error", "misconfigured", 401, "THIRD_PARTY_AUTH_ERROR", nil),
            ("sender-id-mismatch", "misconfigured", 403, "SENDER_ID_MISMATCH", nil),
            ("permission-denied", "misconfigured", 403, "PERMISSION_DENIED", nil),
            ("quota-exceeded", "rateLimited", 429, "QUOTA_EXCEEDED", 60),
            ("unavailable", "unavailable", 503, "UNAVAILABLE", 120),
            ("internal", "unavailable", 500, "INTERNAL", nil),
            ("invalid-grant", "misconfigured", 400, "invalid_grant", nil),
            ("token-server-error", "unavailable", 503, "temporarily_unavailable", nil),
        ] as [(String, String, Int, String, Int?)])
    func refusalsAreClassified(caseName: String, code: String, status: Int, providerCode: String, retryAfter: Int?)
        async throws
    {
        let (result, replay) = try await Self.send(caseName)
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
        guard case .failure(let error) = result else {
            Issue.record("expected \(caseName) to fail")
            return
        }
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == providerCode)
        #expect(error.retryAfter == retryAfter.map { .seconds($0) })
    }
}
