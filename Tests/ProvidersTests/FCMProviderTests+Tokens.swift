import Foundation
import Providers
import Synchronization
import Testing
import Transport

/// The access-token cache, the token endpoint's refusals, and the service-account file.
extension FCMProviderTests {
    @Test func theAccessTokenIsReusedUntilShortlyBeforeItExpires() async throws {
        let clock = PushTestClock()
        let transport = Self.service(expiresIn: 3600)
        let provider = try Self.provider(transport, clock: clock)
        _ = try await provider.send(Self.message(), context: .test())
        clock.advance(minutes: 56, seconds: 14)  // 3600 s − 225 s − 1 s
        _ = try await provider.send(Self.message(), context: .test())
        clock.advance(seconds: 1)
        _ = try await provider.send(Self.message(), context: .test())
        let sends = await transport.requests(to: "messages:send").compactMap { $0.headers["authorization"] }
        #expect(sends == ["Bearer access-1", "Bearer access-1", "Bearer access-2"])
        #expect(await transport.requests(to: "/token").count == 2)
    }

    @Test func concurrentSendsMakeExactlyOneTokenRequest() async throws {
        let transport = Self.service()
        let provider = try Self.provider(transport)
        try await withThrowingTaskGroup(of: DeliveryReceipt.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await provider.send(
                        Self.message(tokens: [Self.token, Self.otherToken], id: "m\(index)"), context: .test())
                }
            }
            for try await receipt in group { #expect(receipt.targets.count == 2) }
        }
        #expect(await transport.requests(to: "/token").count == 1)
        let sends = await transport.requests(to: "messages:send")
        #expect(sends.count == 40)
        #expect(Set(sends.compactMap { $0.headers["authorization"] }) == ["Bearer access-1"])
    }

    @Test func a401DropsTheAccessTokenSoTheRetryGetsANewOne() async throws {
        let refused = OneShotFlag()
        let transport = Self.service { _ in
            refused.take()
                ? .json(
                    401,
                    [
                        "error": [
                            "code": 401, "message": "Request had invalid authentication credentials.",
                            "status": "UNAUTHENTICATED",
                        ]
                    ])
                : .json(200, ["name": "projects/delivery-host-test/messages/0:2"])
        }
        let provider = try Self.provider(transport)
        let error = await providerError { try await provider.send(Self.message(), context: .test()) }
        #expect(error?.code == .reauthenticate)
        #expect(error?.providerCode == "UNAUTHENTICATED")
        let receipt = try await provider.send(Self.message(), context: .test())
        #expect(receipt.providerMessageID == "projects/delivery-host-test/messages/0:2")
        let sends = await transport.requests(to: "messages:send").compactMap { $0.headers["authorization"] }
        #expect(sends == ["Bearer access-1", "Bearer access-2"])
    }

    @Test(arguments: [
        (
            400, #"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#, "misconfigured",
            "invalid_grant"
        ),
        (
            401, #"{"error":"invalid_client","error_description":"The OAuth client was not found."}"#, "misconfigured",
            "invalid_client"
        ),
        (429, #"{"error":"rate_limit_exceeded"}"#, "rateLimited", "rate_limit_exceeded"),
        (503, "<html>unavailable</html>", "unavailable", ""),
        (400, #"{"error":"temporarily_unavailable"}"#, "unavailable", "temporarily_unavailable"),
        (200, #"{"token_type":"Bearer"}"#, "unavailable", ""),
    ])
    func tokenEndpointRefusalsAreClassifiedAndNotCached(status: Int, body: String, code: String, providerCode: String)
        async throws
    {
        let answers = MockTransport([
            .response(HTTPResponse(status: status, body: Array(body.utf8))),
            .response(.json(200, ["access_token": "access-ok", "expires_in": 3599])),
            .response(.json(200, ["name": "projects/delivery-host-test/messages/0:3"])),
        ])
        let provider = try Self.provider(answers)
        let error = try #require(await providerError { try await provider.send(Self.message(), context: .test()) })
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == (providerCode.isEmpty ? nil : providerCode))
        #expect(!error.description.contains("BEGIN"))
        // The failure is not cached: the next send asks again, and succeeds.
        #expect(try await provider.send(Self.message(), context: .test()).providerMessageID != nil)
    }

    @Test func tokenEndpointTransportFailuresAreClassified() async throws {
        let provider = try Self.provider(MockTransport([.failure(TransportError(.timeout, "simulated"))]))
        let error = await providerError { try await provider.send(Self.message(), context: .test()) }
        #expect(error?.code == .timeout)
    }

    @Test(arguments: [
        ("{", "not a JSON object"), (#"{"type":"authorized_user"}"#, "type is 'authorized_user'"),
        (#"{"private_key":"x"}"#, "client_email is missing"), (#"{"client_email":"a@b"}"#, "private_key is missing"),
        (#"{"client_email":"a@b","private_key":"not a key"}"#, "private_key is not a readable PEM private key"),
    ])
    func unusableServiceAccountsAreMisconfigured(json: String, problem: String) throws {
        let error = #expect(throws: ProviderError.self) { try FCMServiceAccount(json: json) }
        #expect(error?.code == .misconfigured)
        #expect(error?.message.hasPrefix("service_account: \(problem)") == true)
    }

    @Test func anECKeyIsRefusedAndTheKeyIsNeverShown() throws {
        let ecKey = try PushTestKeys.text("apns-test-key.p8")
        let json = JSONValue.object(["client_email": "a@b.example", "private_key": .string(ecKey), "project_id": "p"])
        let account = try FCMServiceAccount(json: json.encoded())
        #expect(!"\(account)".contains("BEGIN"))
        let error = #expect(throws: ProviderError.self) { try Self.providerThrowing(account) }
        #expect(error?.code == .misconfigured)
        #expect(error?.message.contains("RSA") == true)
    }

    static func providerThrowing(_ account: FCMServiceAccount) throws {
        _ = try FCMProvider(configuration: FCMConfiguration(serviceAccount: account), transport: MockTransport([]))
    }
}

/// `true` the first time it is taken, `false` after.
final class OneShotFlag: Sendable {
    private let value = Mutex(true)

    func take() -> Bool {
        value.withLock { value in
            defer { value = false }
            return value
        }
    }
}
