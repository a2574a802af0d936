import Foundation
import Providers
import Signing
import Testing
import Transport

/// SES events delivered through SNS: the signed messages in `Fixtures/ses/sns` (see its README).
@Suite struct SESCallbackTests {
    static let certificateURL =
        "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000000000test.pem"
    static let topic = "arn:aws:sns:eu-west-1:123456789012:delivery-host-ses-events"
    static let sesMessageID = "010201900f1e2d3c-5b7a9e2f-1c4d-4e8b-9f3a-6d2c1b0a9e8f-000000"
    /// A minute after the fixtures were published (2026-06-01T10:00:00Z).
    static let receivedAt = Date(timeIntervalSince1970: 1_780_308_060)

    static func file(_ name: String) throws -> String {
        let path = try RecordedFixtures.directory("ses") + "/sns/" + name
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    static func transport(extra: [String: HTTPResponse] = [:]) throws -> RoutingTransport {
        var routes = extra
        routes[certificateURL] = HTTPResponse(status: 200, body: Array(try file("leaf-with-chain.pem").utf8))
        return RoutingTransport(routes)
    }

    static func provider(_ transport: any HTTPTransport, topic: String? = nil, trusted: Bool = true) throws
        -> SESProvider
    {
        let verifier =
            trusted
            ? SNSMessageVerifier(trust: .roots([try Certificate(pem: try file("root.pem"))])) : SNSMessageVerifier()
        let configuration = SESConfiguration(
            region: "eu-west-1", credentials: SESProviderTests.credentials, snsTopicARN: topic, snsVerifier: verifier)
        return try SESProvider(configuration: configuration, transport: transport)
    }

    static func callback(_ body: String, receivedAt: Date = receivedAt, type: String? = nil) -> ProviderCallback {
        var headers: HTTPHeaders = ["Content-Type": "text/plain; charset=UTF-8"]
        if let type { headers.add(name: "x-amz-sns-message-type", value: type) }
        return ProviderCallback(
            method: .post, url: "https://hooks.acme.example/callbacks/ses", headers: headers, body: Array(body.utf8),
            receivedAt: receivedAt)
    }

    static func handle(_ name: String, topic: String? = nil) async throws -> CallbackOutcome {
        try await provider(try transport(), topic: topic).handleCallback(callback(try file(name), type: nil))
    }

    static func updates(_ name: String) async throws -> [StatusUpdate] {
        guard case .updates(let updates) = try await handle(name) else {
            Issue.record("\(name) gave no updates")
            return []
        }
        return updates
    }

    @Test func aDeliveryMarksTheMessageDelivered() async throws {
        #expect(
            try await Self.updates("delivery.json") == [
                StatusUpdate(
                    providerMessageID: Self.sesMessageID, status: .delivered, reason: "250 2.6.0 Message received",
                    occurredAt: Date(timeIntervalSince1970: 1_780_307_999.512),
                    recipient: "success@simulator.amazonses.com")
            ])
    }

    /// What each mailbox simulator address (and the other events) gives.
    @Test(
        arguments: [
            ("bounce-permanent.json", StatusUpdate.Status.bounced, "Permanent/General", "smtp; 550 5.1.1 user unknown"),
            ("bounce-suppressed.json", .bounced, "Permanent/Suppressed", nil),
            (
                "bounce-transient-mailbox-full.json", .undelivered, "Transient/MailboxFull",
                "smtp; 452 4.2.2 mailbox full"
            ),
            ("complaint.json", .bounced, "abuse", "complaint"),
            ("reject.json", .undelivered, "Reject", "Bad content"),
            ("identity-delivery.json", .delivered, nil, "250 2.6.0 Message received"),
        ] as [(String, StatusUpdate.Status, String?, String?)])
    func eventsMapToStatuses(file: String, status: StatusUpdate.Status, providerCode: String?, reason: String?)
        async throws
    {
        let updates = try await Self.updates(file)
        let update = try #require(updates.first)
        #expect(updates.count == 1)
        #expect(update.providerMessageID == Self.sesMessageID)
        #expect(update.status == status)
        #expect(update.providerCode == providerCode)
        if let reason { #expect(update.reason == reason) }
        #expect(update.recipient != nil)
    }

    @Test(arguments: ["bounce-transient-ooto.json", "delivery-delay.json", "open.json"])
    func eventsThatChangeNothingGiveNoUpdates(file: String) async throws {
        #expect(try await Self.updates(file).isEmpty)
    }

    @Test func anAuthenticNotificationThatIsNotAnEventIsInvalid() async throws {
        let error = try await #require(throws: ProviderError.self) { try await Self.handle("not-an-event.json") }
        #expect(error.code == .invalidCallback)
    }

    @Test func aSubscriptionIsConfirmedByVisitingItsURL() async throws {
        let body = try Self.file("subscription-confirmation.json")
        let subscribeURL = try #require(try SNSMessage(json: Array(body.utf8)).subscribeURL)
        let transport = try Self.transport(extra: [subscribeURL: HTTPResponse(status: 200, body: Array("<ok/>".utf8))])
        let outcome = try await Self.provider(transport, topic: Self.topic)
            .handleCallback(Self.callback(body, type: "SubscriptionConfirmation"))
        #expect(outcome == .acknowledged("subscription to \(Self.topic) confirmed"))
        #expect(await transport.requests.map(\.url) == [Self.certificateURL, subscribeURL])
        #expect(await transport.requests.map(\.method) == [.get, .get])
    }

    @Test func aSubscribeURLOffSNSIsNeverVisited() async throws {
        let transport = try Self.transport()
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).handleCallback(
                Self.callback(try Self.file("subscription-confirmation-foreign-url.json")))
        }
        #expect(error.code == .forgedCallback)
        #expect(await transport.requests.map(\.url) == [Self.certificateURL])
    }

    @Test func aFailedConfirmationIsRetryable() async throws {
        let transport = try Self.transport()  // no route for the SubscribeURL: connection refused
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).handleCallback(
                Self.callback(try Self.file("subscription-confirmation.json")))
        }
        #expect(error.code == .unavailable)
    }

    @Test func anUnsubscribeConfirmationIsAcknowledged() async throws {
        let transport = try Self.transport()
        let outcome = try await Self.provider(transport).handleCallback(
            Self.callback(try Self.file("unsubscribe-confirmation.json")))
        #expect(outcome == .acknowledged("unsubscribed from \(Self.topic)"))
        #expect(await transport.requests.map(\.url) == [Self.certificateURL])
    }
}
