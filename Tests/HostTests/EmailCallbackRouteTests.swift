import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Signing
import TestSupport
import Testing
import Transport

/// `POST /callbacks/:environment/:channel_id` for Postmark (HTTP Basic) and SES through SNS (signed messages,
/// reusing the provider tests' SNS fixtures in `Tests/ProvidersTests/Fixtures/ses/sns`).
@Suite struct EmailCallbackRouteTests {
    /// Built at run time; looks like nothing real.
    static let webhookPassword = "test-webhook-" + String(repeating: "w", count: 12)
    static let postmarkID = "b7bc2f4a-e38e-4336-af7d-e6c392c2f817"

    static let certificateURL =
        "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000000000test.pem"
    static let topic = "arn:aws:sns:eu-west-1:123456789012:delivery-host-ses-events"
    static let sesMessageID = "010201900f1e2d3c-5b7a9e2f-1c4d-4e8b-9f3a-6d2c1b0a9e8f-000000"

    static func snsFile(_ name: String) throws -> String {
        let path = TestPaths.package.appendingPathComponent("Tests/ProvidersTests/Fixtures/ses/sns/" + name).path
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    static func harness(sesTransport: URLTableTransport) async throws -> CallbackHarness {
        let postmark = PostmarkProvider(
            configuration: PostmarkConfiguration(
                serverToken: "test-server-token",
                webhookCredentials: .init(username: "postmark", password: webhookPassword)),
            transport: URLTableTransport())
        let ses = try SESProvider(
            configuration: SESConfiguration(
                region: "eu-west-1",
                credentials: AWSCredentials(accessKeyID: "test-access-key", secretAccessKey: "test-secret-" + "s"),
                snsTopicARN: topic,
                snsVerifier: SNSMessageVerifier(trust: .roots([try Certificate(pem: try snsFile("root.pem"))]))),
            transport: sesTransport, now: { CallbackHarness.now })
        let harness = CallbackHarness([
            CallbackHarness.channel("postmark", type: .email, provider: postmark),
            CallbackHarness.channel("ses", type: .email, provider: ses),
        ])
        try await harness.insertSent(
            "msg_pm_1", channel: "postmark", provider: "postmark", type: .email, providerMessageID: postmarkID)
        try await harness.insertSent(
            "msg_ses_1", channel: "ses", provider: "ses", type: .email, providerMessageID: sesMessageID)
        return harness
    }

    static func sesTransport(extra: [String: HTTPResponse] = [:]) throws -> URLTableTransport {
        var routes = extra
        routes[certificateURL] = HTTPResponse(status: 200, body: Array(try snsFile("leaf-with-chain.pem").utf8))
        return URLTableTransport(routes)
    }

    static func postmarkDelivery(_ messageID: String = postmarkID) -> [UInt8] {
        Array(
            #"{"RecordType":"Delivery","ServerID":23,"MessageStream":"outbound","MessageID":"\#(messageID)","Recipient":"john@example.com","Tag":"","DeliveredAt":"2026-06-01T10:00:30Z","Details":"Test delivery webhook details","Metadata":{}}"#
                .utf8)
    }

    static func basic(_ user: String, _ password: String) -> [(name: String, value: String)] {
        [
            ("Content-Type", "application/json"),
            ("Authorization", "Basic " + Base64.encode(Array("\(user):\(password)".utf8))),
        ]
    }

    @Test func postmarkWithWrongCredentialsIs401AndChangesNothing() async throws {
        let harness = try await Self.harness(sesTransport: try Self.sesTransport())
        for headers in [Self.basic("postmark", "wrong-password"), [("Content-Type", "application/json")]] {
            let response = await harness.post(
                "/callbacks/production/postmark", headers: headers, body: Self.postmarkDelivery())
            #expect(response.status == 401)
            #expect(try HostTestSupport.json(response)["code"] == "invalid_callback_credentials")
            #expect(HostTestSupport.header(response, "WWW-Authenticate") == #"Basic realm="delivery-host callbacks""#)
        }
        #expect(await harness.status("msg_pm_1") == .sent)
        #expect(await harness.eventCount("msg_pm_1") == 0)
        #expect(harness.counter(HostMetrics.callbacks, provider: "postmark", result: "rejected") == 2)
    }

    @Test func postmarkWithTheRightCredentialsIsApplied() async throws {
        let harness = try await Self.harness(sesTransport: try Self.sesTransport())
        let response = await harness.post(
            "/callbacks/production/postmark", headers: Self.basic("postmark", Self.webhookPassword),
            body: Self.postmarkDelivery())
        #expect(response.status == 200)
        #expect(try HostTestSupport.json(response)["applied"] == ["msg_pm_1"])
        #expect(await harness.status("msg_pm_1") == .delivered)
        #expect(harness.counter(HostMetrics.callbackUpdates, provider: "postmark", result: "applied") == 1)
    }

    @Test func anUnknownMessageIDIsCountedAndAnswered200() async throws {
        let harness = try await Self.harness(sesTransport: try Self.sesTransport())
        let response = await harness.post(
            "/callbacks/production/postmark", headers: Self.basic("postmark", Self.webhookPassword),
            body: Self.postmarkDelivery("not-ours"))
        #expect(response.status == 200)
        #expect(
            try HostTestSupport.json(response)
                == ["status": "accepted", "applied": [], "duplicates": [], "ignored": [], "unknown": ["not-ours"]])
        #expect(harness.counter(HostMetrics.callbackUpdates, provider: "postmark", result: "unknown_message") == 1)
        #expect(harness.counter(HostMetrics.callbacks, provider: "postmark", result: "accepted") == 1)
        #expect(await harness.status("msg_pm_1") == .sent)
    }

    @Test func anAuthenticPostmarkBodyThatCannotBeReadIs400() async throws {
        let harness = try await Self.harness(sesTransport: try Self.sesTransport())
        let response = await harness.post(
            "/callbacks/production/postmark", headers: Self.basic("postmark", Self.webhookPassword),
            body: Array("[1]".utf8))
        #expect(response.status == 400)
        #expect(
            try HostTestSupport.json(response)
                == [
                    "code": "invalid_callback",
                    "message": "postmark callback refused: the webhook body is not a JSON object",
                    "status": 400, "type": "invalid_request_error",
                ])
    }

    @Test func anSNSNotificationDeliversTheSESMessage() async throws {
        let transport = try Self.sesTransport()
        let harness = try await Self.harness(sesTransport: transport)
        let response = await harness.post(
            "/callbacks/production/ses",
            headers: [("Content-Type", "text/plain; charset=UTF-8"), ("x-amz-sns-message-type", "Notification")],
            body: Array(try Self.snsFile("delivery.json").utf8))
        #expect(response.status == 200)
        #expect(try HostTestSupport.json(response)["applied"] == ["msg_ses_1"])
        #expect(await harness.status("msg_ses_1") == .delivered)
        #expect(await transport.requests.map(\.url) == [Self.certificateURL])
    }

    @Test func aTamperedSNSNotificationIs401AndChangesNothing() async throws {
        let harness = try await Self.harness(sesTransport: try Self.sesTransport())
        let body = try Self.snsFile("delivery.json").replacingOccurrences(of: "250 2.6.0", with: "251 2.6.0")
        let response = await harness.post(
            "/callbacks/production/ses", headers: [("Content-Type", "text/plain; charset=UTF-8")],
            body: Array(body.utf8))
        #expect(response.status == 401)
        #expect(await harness.status("msg_ses_1") == .sent)
        #expect(harness.counter(HostMetrics.callbacks, provider: "ses", result: "rejected") == 1)
    }

    @Test func aSubscriptionConfirmationGetsItsSubscribeURL() async throws {
        let body = try Self.snsFile("subscription-confirmation.json")
        let subscribeURL = try #require(try SNSMessage(json: Array(body.utf8)).subscribeURL)
        let transport = try Self.sesTransport(extra: [
            subscribeURL: HTTPResponse(status: 200, body: Array("<ok/>".utf8))
        ])
        let harness = try await Self.harness(sesTransport: transport)
        let response = await harness.post(
            "/callbacks/production/ses",
            headers: [
                ("Content-Type", "text/plain; charset=UTF-8"), ("x-amz-sns-message-type", "SubscriptionConfirmation"),
            ],
            body: Array(body.utf8))
        #expect(response.status == 200)
        #expect(
            try HostTestSupport.json(response)
                == ["status": "acknowledged", "detail": .string("subscription to \(Self.topic) confirmed")])
        #expect(await transport.requests.map(\.url) == [Self.certificateURL, subscribeURL])
        #expect(await transport.requests.map(\.method) == [.get, .get])
    }

    @Test func aSubscriptionThatCannotBeConfirmedIs503SoThatSNSRetries() async throws {
        let harness = try await Self.harness(sesTransport: try Self.sesTransport())  // the SubscribeURL cannot connect
        let response = await harness.post(
            "/callbacks/production/ses", headers: [("Content-Type", "text/plain; charset=UTF-8")],
            body: Array(try Self.snsFile("subscription-confirmation.json").utf8))
        #expect(response.status == 503)
        #expect(try HostTestSupport.json(response)["code"] == "service_unavailable")
    }
}
