import Foundation
import Providers
import Signing
import Testing
import Transport

/// The APNs provider against the fixtures in `Fixtures/apns` (constructed from Apple's documentation;
/// APNs is not reachable from here). Every request must match its fixture exactly.
@Suite struct APNSProviderReplayTests {
    static func send(_ caseName: String, content: PushContent = APNSProviderTests.content) async throws -> (
        Result<DeliveryReceipt, ProviderError>, ReplayTransport
    ) {
        let replay = try ReplayTransport(directory: RecordedFixtures.directory("apns"), case: caseName)
        let settings = ChannelSettings(
            channelID: "ios-push", provider: "apns", environment: "development", isSandbox: true,
            values: [
                "team_id": "TEAMID1234", "key_id": "KEYID56789", "bundle_id": "com.example.deliveryhost",
                "signing_key": .string(try PushTestKeys.text("apns-test-key.p8")),
            ])
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: replay, now: { pinnedDate }))
        let message = pushMessage(content, tokens: [APNSProviderTests.token], channel: "ios-push")
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
        #expect(receipt.providerMessageID == "de56df48-eed1-5b08-a7ae-36e16df7189f")
        #expect(receipt.outcome == .sent)
        #expect(receipt.invalidTargets.isEmpty)

        // apns-id and authorization are volatile in fixture matching: check them here.
        let fixture = try HTTPFixture.load(path: RecordedFixtures.directory("apns") + "/sent.json")
        let request = try #require(await replay.requests.first)
        #expect(request.headers["apns-id"] == fixture.request.headers.first { $0.name == "apns-id" }?.value)
        #expect(request.version == .http2Required)
        let jwt = try #require(request.headers["authorization"]?.split(separator: " ").last.map(String.init))
        try JWTVerifier(algorithm: .es256, key: PushTestKeys.apnsPublicKey()).verifySignature(jwt)
    }

    @Test func silentReplaysExactly() async throws {
        let silent = PushContent(data: ["sync": "orders"], silent: true)
        let (result, replay) = try await Self.send("silent", content: silent)
        #expect(await replay.mismatches.isEmpty)
        #expect(try result.get().outcome == .sent)
    }

    @Test(arguments: [
        ("unregistered", "invalidRecipient", 410), ("bad-device-token", "invalidRecipient", 400),
        ("device-token-not-for-topic", "invalidRecipient", 400), ("expired-provider-token", "reauthenticate", 403),
        ("invalid-provider-token", "reauthenticate", 403), ("bad-topic", "misconfigured", 400),
        ("topic-disallowed", "misconfigured", 400), ("invalid-push-type", "misconfigured", 400),
        ("payload-too-large", "rejected", 413), ("bad-collapse-id", "rejected", 400),
        ("too-many-requests", "rateLimited", 429), ("too-many-provider-token-updates", "rateLimited", 429),
        ("internal-server-error", "unavailable", 500), ("service-unavailable", "unavailable", 503),
        ("shutdown", "unavailable", 503), ("unknown-reason", "rejected", 400),
    ])
    func refusalsAreClassified(caseName: String, code: String, status: Int) async throws {
        let (result, replay) = try await Self.send(caseName)
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
        guard case .failure(let error) = result else {
            Issue.record("expected \(caseName) to fail")
            return
        }
        let fixture = try HTTPFixture.load(path: RecordedFixtures.directory("apns") + "/\(caseName).json")
        guard case .json(let body) = fixture.response.body else {
            Issue.record("\(caseName) has no JSON body")
            return
        }
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == body["reason"]?.stringValue)
    }
}
