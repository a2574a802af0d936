import Foundation
import Providers
import Signing
import Testing
import Transport

@Suite struct FCMProviderTests {
    static let token = "fcm-test-device-1:APA91b-test-registration-token-not-real-0123456789abcdefghijklmnopqrstuvwxyz"
    static let otherToken = "fcm-test-device-2:APA91b-another-test-token-not-real"
    static let sendURL = "https://fcm.googleapis.com/v1/projects/delivery-host-test/messages:send"
    static let tokenURL = "https://oauth2.googleapis.com/token"
    static let content = PushContent(
        title: "Order shipped", body: "Your order o_1 is on its way", badge: 3, sound: "default",
        data: ["order": ["id": "o_1", "items": [21, true]]], collapseID: "order-o_1", priority: .high,
        timeToLive: 3600)
    /// The assertion for the test service account at 1700000000, computed independently with Python's
    /// `cryptography` 48 (RS256 is deterministic, so it must match byte for byte).
    static let expectedAssertion =
        "eyJhbGciOiJSUzI1NiIsImtpZCI6InRlc3Qta2V5LWlkLXJmYzc1MTUtYTIiLCJ0eXAiOiJKV1QifQ."
        + "eyJhdWQiOiJodHRwczovL29hdXRoMi5nb29nbGVhcGlzLmNvbS90b2tlbiIsImV4cCI6MTcwMDAwMzYwMCwiaWF0IjoxNzAw"
        + "MDAwMDAwLCJpc3MiOiJmY20tc2VuZGVyQGRlbGl2ZXJ5LWhvc3QtdGVzdC5pYW0uZ3NlcnZpY2VhY2NvdW50LmV4YW1wbGUi"
        + "LCJzY29wZSI6Imh0dHBzOi8vd3d3Lmdvb2dsZWFwaXMuY29tL2F1dGgvZmlyZWJhc2UubWVzc2FnaW5nIn0."
        + "kinMJonzsTj-ixQV4VasBUtxc9E1cCRn3Z7n-iOgd8shlCcCRVr0NrHcucADh0bdi9IvUGxyCFB2_O-qLjXHHTqUgZ8bfZZk"
        + "OjYtMcnFXa-OxpWo6C5Aj2dm_Xrv8aW1PPOAITzVcPaw4WCC227ZmDTn_69pbscSABM0T9DIiRXv0cyDtTLi0tgJRlk3xq_5"
        + "5S0JINc6g9muLO5BxpNSeCkw_A8XtpEo_Pw5zXpdnj3ksu4qQKOpf0zp2uM9tD66dsFhlq0DagHPoELxARAYufDhfgCsBNTYU"
        + "81mHMFtYxx-01yiXUYB2X52gcGN9kYc32DpsE6vqUytGxWvueSynw"

    static func provider(
        _ transport: any HTTPTransport, clock: PushTestClock = PushTestClock(), projectID: String? = nil,
        baseURL: String? = nil, tokenURL: String? = nil, validateOnly: Bool = false
    ) throws -> FCMProvider {
        try FCMProvider(
            configuration: FCMConfiguration(
                serviceAccount: FCMServiceAccount(json: PushTestKeys.serviceAccountJSON()), projectID: projectID,
                baseURL: baseURL, tokenURL: tokenURL, validateOnly: validateOnly),
            transport: transport, now: clock.function)
    }

    static func message(_ content: PushContent = content, tokens: [String] = [token], id: String = "msg_push_1")
        -> OutboundMessage
    {
        pushMessage(content, tokens: tokens, channel: "android-push", id: id)
    }

    /// Grants access tokens `access-1`, `access-2`, … (lifetime `expiresIn`); accepts every message.
    static func service(expiresIn: Int = 3599, send: (@Sendable (HTTPRequest) -> HTTPResponse)? = nil)
        -> PushRoutingTransport
    {
        let counter = Counter()
        return PushRoutingTransport { request in
            if request.url.contains("/token") {
                for _ in 0..<50 { await Task.yield() }  // lets concurrent senders pile up behind this refresh
                let number = await counter.next()
                return .json(
                    200, ["access_token": .string("access-\(number)"), "expires_in": .number(Double(expiresIn))])
            }
            return send?(request) ?? .json(200, ["name": "projects/delivery-host-test/messages/0:1"])
        }
    }

    actor Counter {
        private var value = 0
        func next() -> Int {
            value += 1
            return value
        }
    }

    @Test func exchangesTheAssertionThenSendsTheExactRequest() async throws {
        let transport = Self.service()
        let receipt = try await Self.provider(transport).send(Self.message(), context: .test())
        #expect(receipt.providerMessageID == "projects/delivery-host-test/messages/0:1")
        #expect(receipt.outcome == .sent)
        #expect(receipt.targets == [.init(target: Self.token, providerMessageID: receipt.providerMessageID)])

        let requests = await transport.requests
        try #require(requests.count == 2)
        let exchange = requests[0]
        #expect(exchange.method == .post)
        #expect(exchange.url == Self.tokenURL)
        #expect(
            exchange.headers.fields.map { [$0.name, $0.value] } == [
                ["content-type", "application/x-www-form-urlencoded"], ["accept", "application/json"],
            ])
        #expect(
            String(decoding: exchange.body, as: UTF8.self)
                == "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(Self.expectedAssertion)"
        )
        try JWTVerifier(algorithm: .rs256, key: PushTestKeys.fcmPublicKey()).verify(
            Self.expectedAssertion, now: pinnedDate)

        let send = requests[1]
        #expect(send.method == .post)
        #expect(send.url == Self.sendURL)
        #expect(
            send.headers.fields.map { [$0.name, $0.value] } == [
                ["authorization", "Bearer access-1"], ["content-type", "application/json"],
            ])
        #expect(
            String(decoding: send.body, as: UTF8.self)
                == #"{"message":{"token":"\#(Self.token)","notification":{"title":"Order shipped","#
                + #""body":"Your order o_1 is on its way"},"data":{"order.id":"o_1","order.items.0":"21","#
                + #""order.items.1":"true","delivery_host_message_id":"msg_push_1"},"android":{"priority":"HIGH","#
                + #""ttl":"3600s","collapse_key":"order-o_1","notification":{"sound":"default","notification_count":3}},"#
                + #""apns":{"payload":{"aps":{"sound":"default","badge":3}}}}}"#)
    }

    @Test func dataIsFlattenedToStringsWithDotPaths() async throws {
        let transport = Self.service()
        let data: JSONObject = [
            "foo": ["bar": [21]], "n": 1.5, "flag": false, "none": nil, "empty": [:], "list": [], "s": "text",
            "delivery_host_message_id": "overridden",
        ]
        _ = try await Self.provider(transport).send(Self.message(PushContent(title: "t", data: data)), context: .test())
        let body = try JSONValue.parse(try #require(await transport.requests.last).body)
        #expect(
            body["message"]?["data"]
                == [
                    "foo.bar.0": "21", "n": "1.5", "flag": "false", "none": "null", "empty": "{}", "list": "[]",
                    "s": "text", "delivery_host_message_id": "msg_push_1",
                ])
    }

    @Test func silentIsADataMessageAndSandboxOnlyValidates() async throws {
        let transport = Self.service()
        let silent = PushContent(
            title: "ignored", badge: 2, sound: "x", data: ["sync": "orders"], priority: .normal, silent: true)
        _ = try await Self.provider(transport, validateOnly: true).send(Self.message(silent), context: .test())
        let body = try JSONValue.parse(try #require(await transport.requests.last).body)
        #expect(
            body
                == [
                    "message": [
                        "token": .string(Self.token),
                        "data": ["sync": "orders", "delivery_host_message_id": "msg_push_1"],
                        "android": ["priority": "NORMAL"],
                        "apns": [
                            "headers": ["apns-priority": "5", "apns-push-type": "background"],
                            "payload": ["aps": ["content-available": 1]],
                        ],
                    ],
                    "validate_only": true,
                ])
    }

    @Test func projectBaseURLAndTokenURLOverrides() async throws {
        let transport = Self.service()
        _ = try await Self.provider(
            transport, projectID: "other project", baseURL: "http://127.0.0.1:9000/",
            tokenURL: "http://127.0.0.1:9001/token"
        ).send(Self.message(), context: .test())
        let urls = await transport.requests.map(\.url)
        #expect(
            urls == ["http://127.0.0.1:9001/token", "http://127.0.0.1:9000/v1/projects/other%20project/messages:send"])
        let assertion = String(decoding: try #require(await transport.requests.first).body, as: UTF8.self)
        let jwt = String(try #require(assertion.split(separator: "=").last))
        #expect(try jwtParts(jwt).claims.contains(#""aud":"http://127.0.0.1:9001/token""#))
    }
}
