import Foundation
import Providers
import Signing
import Testing
import Transport

@Suite struct APNSProviderTests {
    static let token = "5e1f0b7c3a9d4e2f8b6a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f"
    static let otherToken = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
    static let content = PushContent(
        title: "Order shipped", body: "Your order o_1 is on its way", badge: 3, sound: "default",
        data: ["order_id": "o_1"], collapseID: "order-o_1", priority: .high, timeToLive: 3600)

    static func provider(
        _ transport: any HTTPTransport, clock: PushTestClock = PushTestClock(), sandbox: Bool = true,
        baseURL: String? = nil, mutableContent: Bool = false
    ) throws -> APNSProvider {
        try APNSProvider(
            configuration: APNSConfiguration(
                teamID: "TEAMID1234", keyID: "KEYID56789", signingKey: PushTestKeys.apnsKey(),
                bundleID: "com.example.deliveryhost", isSandbox: sandbox, baseURL: baseURL,
                mutableContent: mutableContent),
            transport: transport, now: clock.function)
    }

    static func message(_ content: PushContent = content, tokens: [String] = [token], id: String = "msg_push_1")
        -> OutboundMessage
    {
        pushMessage(content, tokens: tokens, channel: "ios-push", id: id)
    }

    static func ok(_ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["apns-id": request.headers["apns-id"] ?? ""], httpVersion: "2")
    }

    static func refusal(_ status: Int, _ reason: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        .json(status, ["reason": .string(reason)], headers: headers)
    }

    @Test func sendsTheExactRequest() async throws {
        let transport = MockTransport([.response(HTTPResponse(status: 200, headers: ["apns-id": "from-apns"]))])
        let receipt = try await Self.provider(transport).send(Self.message(), context: .test())
        #expect(receipt.providerMessageID == "from-apns")
        #expect(receipt.outcome == .sent)
        #expect(receipt.targets == [.init(target: Self.token, providerMessageID: "from-apns")])

        let request = try #require(await transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://api.sandbox.push.apple.com/3/device/\(Self.token)")
        #expect(request.version == .http2Required)
        let jwt = try #require(request.headers["authorization"]?.split(separator: " ").last.map(String.init))
        #expect(
            request.headers.fields.map { [$0.name, $0.value] } == [
                ["authorization", "bearer \(jwt)"],
                ["apns-id", "de56df48-eed1-5b08-a7ae-36e16df7189f"],
                ["apns-push-type", "alert"],
                ["apns-priority", "10"],
                ["apns-topic", "com.example.deliveryhost"],
                ["apns-expiration", "1700003600"],
                ["apns-collapse-id", "order-o_1"],
                ["content-type", "application/json"],
            ])
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"aps":{"alert":{"title":"Order shipped","body":"Your order o_1 is on its way"},"badge":3,"#
                + #""sound":"default"},"order_id":"o_1","delivery_host_message_id":"msg_push_1"}"#)

        // The provider token: ES256 over {"alg":"ES256","kid":…} and {"iat":…,"iss":…}, verified with the public key.
        let parts = try jwtParts(jwt)
        #expect(parts.header == #"{"alg":"ES256","kid":"KEYID56789"}"#)
        #expect(parts.claims == #"{"iat":1700000000,"iss":"TEAMID1234"}"#)
        try JWTVerifier(algorithm: .es256, key: PushTestKeys.apnsPublicKey()).verifySignature(jwt)
    }

    @Test func theNotificationIDIsStableAcrossRetriesAndDistinctPerToken() async throws {
        let transport = PushRoutingTransport { Self.ok($0) }
        let provider = try Self.provider(transport)
        _ = try await provider.send(Self.message(tokens: [Self.token, Self.otherToken]), context: .test())
        _ = try await provider.send(Self.message(tokens: [Self.token]), context: .test())
        _ = try await provider.send(Self.message(id: "msg_push_2"), context: .test())
        let first = await transport.requests(to: Self.token).compactMap { $0.headers["apns-id"] }
        let other = await transport.requests(to: Self.otherToken).compactMap { $0.headers["apns-id"] }
        #expect(first.count == 3)
        #expect(first[0] == first[1])
        #expect(first[2] != first[0])
        #expect(other.count == 1 && other[0] != first[0])
        #expect(first.allSatisfy { $0.count == 36 && $0 == $0.lowercased() })
    }

    @Test func aSilentPushIsABackgroundPushWithPriority5() async throws {
        let transport = MockTransport(status: 200)
        let silent = PushContent(title: "ignored", badge: 1, sound: "x", data: ["sync": "orders"], silent: true)
        _ = try await Self.provider(transport).send(Self.message(silent), context: .test())
        let request = try #require(await transport.requests.first)
        #expect(request.headers["apns-push-type"] == "background")
        #expect(request.headers["apns-priority"] == "5")
        #expect(request.headers["apns-expiration"] == nil)
        #expect(request.headers["apns-collapse-id"] == nil)
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"aps":{"content-available":1},"sync":"orders","delivery_host_message_id":"msg_push_1"}"#)
    }

    @Test func priorityExpirationHostsAndMutableContent() async throws {
        let transport = PushRoutingTransport { Self.ok($0) }
        let normal = PushContent(title: "t", priority: .normal, timeToLive: 0)
        _ = try await Self.provider(transport, sandbox: false, mutableContent: true).send(
            Self.message(normal), context: .test())
        _ = try await Self.provider(transport, baseURL: "https://127.0.0.1:8443/apns/").send(
            Self.message(PushContent(body: "b", data: ["aps": "dropped", "n": 1])), context: .test())
        let requests = await transport.requests
        #expect(requests[0].url == "https://api.push.apple.com/3/device/\(Self.token)")
        #expect(requests[0].headers["apns-priority"] == "5")
        #expect(requests[0].headers["apns-expiration"] == "0")
        #expect(
            String(decoding: requests[0].body, as: UTF8.self).hasPrefix(
                #"{"aps":{"alert":{"title":"t"},"mutable-content":1}"#))
        #expect(requests[1].url == "https://127.0.0.1:8443/apns/3/device/\(Self.token)")
        #expect(
            String(decoding: requests[1].body, as: UTF8.self)
                == #"{"aps":{"alert":{"body":"b"}},"n":1,"delivery_host_message_id":"msg_push_1"}"#)
    }

    @Test func theTokenIsReusedFor50MinutesThenReplaced() async throws {
        let clock = PushTestClock()
        let transport = PushRoutingTransport { Self.ok($0) }
        let provider = try Self.provider(transport, clock: clock)
        _ = try await provider.send(Self.message(), context: .test())
        clock.advance(minutes: 49, seconds: 59)
        _ = try await provider.send(Self.message(), context: .test())
        clock.advance(seconds: 1)
        _ = try await provider.send(Self.message(), context: .test())
        let tokens = await transport.requests.compactMap { $0.headers["authorization"] }
        #expect(tokens[0] == tokens[1])
        #expect(tokens[2] != tokens[1])
        #expect(try jwtParts(String(tokens[2].dropFirst(7))).claims == #"{"iat":1700003000,"iss":"TEAMID1234"}"#)
    }

    @Test func concurrentSendsShareOneToken() async throws {
        let transport = PushRoutingTransport { Self.ok($0) }
        let provider = try Self.provider(transport)
        try await withThrowingTaskGroup(of: DeliveryReceipt.self) { group in
            for index in 0..<20 {
                group.addTask { try await provider.send(Self.message(id: "msg_\(index)"), context: .test()) }
            }
            for try await receipt in group { #expect(receipt.outcome == .sent) }
        }
        let tokens = Set(await transport.requests.compactMap { $0.headers["authorization"] })
        #expect(await transport.requests.count == 20)
        #expect(tokens.count == 1)
    }

    @Test func anExpiredTokenIsReplacedOnlyOnceItIs20MinutesOld() async throws {
        let clock = PushTestClock()
        let transport = PushRoutingTransport { _ in Self.refusal(403, "ExpiredProviderToken") }
        let provider = try Self.provider(transport, clock: clock)
        _ = await providerError { try await provider.send(Self.message(), context: .test()) }
        clock.advance(minutes: 10)
        let young = try #require(await providerError { try await provider.send(Self.message(), context: .test()) })
        #expect(young.code == .reauthenticate)
        #expect(young.providerCode == "ExpiredProviderToken")
        #expect(young.retryAfter == .seconds(600))
        clock.advance(minutes: 10)
        let old = try #require(await providerError { try await provider.send(Self.message(), context: .test()) })
        #expect(old.code == .reauthenticate)
        #expect(old.retryAfter == nil)
        _ = await providerError { try await provider.send(Self.message(), context: .test()) }
        let tokens = await transport.requests.compactMap { $0.headers["authorization"] }
        // Kept at 0 and 10 minutes; dropped at 20 minutes, so the fourth request carries a new token.
        #expect(tokens[0] == tokens[1] && tokens[1] == tokens[2])
        #expect(tokens[3] != tokens[2])
    }

    @Test func anInvalidTokenIsRetriedOnceThenMisconfigured() async throws {
        let replies = MockTransport([
            .response(Self.refusal(403, "InvalidProviderToken")), .response(Self.refusal(403, "InvalidProviderToken")),
            .response(HTTPResponse(status: 200)), .response(Self.refusal(403, "InvalidProviderToken")),
        ])
        let provider = try Self.provider(replies)
        var codes: [ProviderError.Code?] = []
        for _ in 0..<2 {
            codes.append(await providerError { try await provider.send(Self.message(), context: .test()) }?.code)
        }
        _ = try await provider.send(Self.message(), context: .test())
        codes.append(await providerError { try await provider.send(Self.message(), context: .test()) }?.code)
        #expect(codes == [.reauthenticate, .misconfigured, .reauthenticate])
    }

    @Test(arguments: [
        (410, "Unregistered", "invalidRecipient"), (400, "BadDeviceToken", "invalidRecipient"),
        (400, "DeviceTokenNotForTopic", "invalidRecipient"), (410, "ExpiredToken", "invalidRecipient"),
        (400, "BadTopic", "misconfigured"), (400, "TopicDisallowed", "misconfigured"),
        (400, "MissingTopic", "misconfigured"), (403, "BadCertificate", "misconfigured"),
        (403, "BadCertificateEnvironment", "misconfigured"), (400, "InvalidPushType", "misconfigured"),
        (403, "BadEnvironmentKeyInToken", "misconfigured"), (404, "BadPath", "misconfigured"),
        (413, "PayloadTooLarge", "rejected"), (400, "PayloadEmpty", "rejected"), (400, "BadCollapseId", "rejected"),
        (400, "BadExpirationDate", "rejected"), (400, "BadPriority", "internalFailure"),
        (400, "BadMessageId", "internalFailure"), (429, "TooManyRequests", "rateLimited"),
        (429, "TooManyProviderTokenUpdates", "rateLimited"), (500, "InternalServerError", "unavailable"),
        (503, "ServiceUnavailable", "unavailable"), (503, "Shutdown", "unavailable"),
        (400, "IdleTimeout", "unavailable"), (403, "UnrelatedKeyIdInToken", "unavailable"),
        (400, "SomeFutureReason", "rejected"), (403, "SomeFutureReason", "misconfigured"),
        (410, "SomeFutureReason", "invalidRecipient"), (502, "", "unavailable"), (429, "", "rateLimited"),
    ])
    func classifiesRefusals(status: Int, reason: String, code: String) async throws {
        let response =
            reason.isEmpty
            ? HTTPResponse(status: status, body: Array("<html>bad gateway</html>".utf8))
            : Self.refusal(status, reason)
        let transport = MockTransport([.response(response)])
        let error = try #require(
            await providerError { try await Self.provider(transport).send(Self.message(), context: .test()) })
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == (reason.isEmpty ? nil : reason))
        #expect(error.provider == "apns")
        #expect(!error.description.contains(Self.token))
    }

    @Test func retryAfterIsHonoured() async throws {
        let transport = MockTransport([.response(Self.refusal(429, "TooManyRequests", headers: ["Retry-After": "17"]))])
        let error = await providerError { try await Self.provider(transport).send(Self.message(), context: .test()) }
        #expect(error?.retryAfter == .seconds(17))
    }

    @Test(arguments: [
        (TransportError.Code.timeout, "timeout"), (.connectFailed, "connectionFailed"), (.tls, "connectionFailed"),
        (.protocolError, "unavailable"), (.cancelled, "cancelled"),
    ])
    func transportFailuresAreClassified(failure: TransportError.Code, code: String) async throws {
        let url = "https://api.sandbox.push.apple.com/3/device/\(Self.token)"
        let transport = MockTransport([.failure(TransportError(failure, "simulated (\(url))"))])
        let error = await providerError { try await Self.provider(transport).send(Self.message(), context: .test()) }
        #expect(error?.code.description == code)
        #expect(error?.message == "\(failure): simulated (https://api.sandbox.push.apple.com/3/device/<device token>)")
    }
}
