import Foundation
import Providers
import Signing
import Testing
import Transport

/// The webhook provider against exchanges recorded from a real HTTP server with `delivery-host fixtures record`.
@Suite struct WebhookProviderReplayTests {
    static let secret = "knock_test_webhook_secret_1"

    static func send(_ caseName: String, body: JSONValue = ["event": "order.shipped"]) async throws -> (
        Result<DeliveryReceipt, ProviderError>, ReplayTransport
    ) {
        let replay = try ReplayTransport(directory: RecordedFixtures.directory("webhook"), case: caseName)
        let recorded = try #require(await replay.remaining.first)
        let settings = ChannelSettings(
            channelID: "orders-webhook", provider: "webhook", environment: "development",
            values: [
                "url": .string(recorded.request.url), "headers": ["X-Team": "ops"],
                "signing": ["scheme": "knock", "secret": .string(secret)],
            ])
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: replay, now: { Date() }))
        let message = OutboundMessage(
            id: "msg_replay", channelID: "orders-webhook", recipient: Recipient(id: "user-1"),
            content: .webhook(WebhookContent(body: body)))
        do {
            return (.success(try await provider.send(message, context: .test())), replay)
        } catch let error as ProviderError {
            return (.failure(error), replay)
        }
    }

    @Test func deliveredReplaysExactly() async throws {
        let (result, replay) = try await Self.send(
            "delivered", body: ["event": "order.shipped", "order": ["id": "o_1", "total": 12.5]])
        #expect(try result.get() == DeliveryReceipt(outcome: .delivered, httpStatus: 200, detail: "HTTP 200"))
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
        // The request carried a fresh, valid signature over the exact body.
        let request = try #require(await replay.requests.first)
        try KnockWebhookSignature(secret: Self.secret).verify(
            body: request.body, header: try #require(request.headers["x-webhook-signature"]), now: Date())
    }

    @Test(arguments: [
        ("server-error", "unavailable", 503), ("not-found", "misconfigured", 404), ("rate-limited", "rateLimited", 429),
        ("redirect", "unavailable", 302),
    ])
    func errorCasesAreClassified(caseName: String, code: String, status: Int) async throws {
        let (result, replay) = try await Self.send(caseName)
        guard case .failure(let error) = result else {
            Issue.record("expected \(caseName) to fail")
            return
        }
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(await replay.mismatches.isEmpty)
    }

    @Test func aChangedRequestFailsWithThePreciseDifference() async throws {
        let (result, replay) = try await Self.send("delivered", body: ["event": "order.cancelled"])
        guard case .failure(let error) = result else {
            Issue.record("expected a mismatch")
            return
        }
        #expect(error.code == .misconfigured)
        #expect(
            await replay.mismatches == [
                """
                request does not match fixture webhook/delivered:
                  - body $.event: expected "order.shipped", got "order.cancelled"
                  - body $.order: missing (expected {"id":"o_1","total":12.5})
                """
            ])
    }
}
