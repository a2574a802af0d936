import Foundation
import Providers
import Signing
import Testing
import Transport

/// Twilio status callbacks: `X-Twilio-Signature` (HMAC-SHA1 over the URL and the sorted parameters, keyed with
/// the account's auth token) verified, then the status mapped as Knock maps it.
@Suite struct TwilioCallbackTests {
    static let url = "https://dh.acme.example/callbacks/twilio?dh_message_id=msg_01twilio"

    static func provider(authToken: String? = TwilioProviderTests.authToken) -> TwilioProvider {
        var configuration = TwilioProviderTests.configuration()
        configuration.authToken = authToken
        return TwilioProvider(configuration: configuration, transport: MockTransport(status: 500))
    }

    /// The signature computed independently of ``TwilioRequestValidator``: URL, then each name and value sorted.
    static func signature(_ parameters: [(String, String)], url: String = url) -> String {
        let text = url + parameters.sorted { $0.0 < $1.0 }.map { $0.0 + $0.1 }.joined()
        return Base64.encode(
            HMAC.authenticationCode(
                for: Array(text.utf8), key: Array(TwilioProviderTests.authToken.utf8), using: .sha1))
    }

    static func callback(_ parameters: [(String, String)], signature: String? = nil) -> ProviderCallback {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = parameters.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)"
        }.joined(separator: "&")
        return ProviderCallback(
            method: .post, url: url,
            headers: [
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": signature ?? Self.signature(parameters),
            ],
            body: Array(body.utf8), receivedAt: pinnedDate)
    }

    static func parameters(status: String, errorCode: String? = nil) -> [(String, String)] {
        var parameters = [
            ("AccountSid", TwilioProviderTests.live), ("ApiVersion", "2010-04-01"), ("From", "+15557122661"),
            ("MessageSid", "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"), ("MessageStatus", status),
            ("SmsSid", "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"), ("SmsStatus", status), ("To", "+14155550100"),
        ]
        if let errorCode { parameters.append(("ErrorCode", errorCode)) }
        return parameters
    }

    @Test(arguments: [
        ("delivered", nil, StatusUpdate.Status?.some(.delivered)), ("undelivered", "30003", .undelivered),
        ("failed", "30006", .bounced), ("queued", nil, nil), ("sending", nil, nil), ("sent", nil, nil),
        ("accepted", nil, nil), ("scheduled", nil, nil), ("read", nil, nil),
    ])
    func statusesMapAsKnocks(status: String, errorCode: String?, expected: StatusUpdate.Status?) async throws {
        let outcome = try await Self.provider().handleCallback(
            Self.callback(Self.parameters(status: status, errorCode: errorCode)))
        guard let expected else {
            #expect(outcome == .updates([]))
            return
        }
        #expect(
            outcome
                == .updates([
                    StatusUpdate(
                        providerMessageID: "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", status: expected,
                        reason: errorCode.map { "Twilio error \($0)" } ?? status, providerCode: errorCode,
                        recipient: "+14155550100")
                ]))
    }

    @Test func aTamperedOrUnsignedCallbackIsForged() async throws {
        var tampered = Self.parameters(status: "delivered")
        let signature = Self.signature(tampered)
        tampered[4] = ("MessageStatus", "failed")
        for callback in [
            Self.callback(tampered, signature: signature),
            Self.callback(Self.parameters(status: "failed"), signature: "not base64!"),
            ProviderCallback(method: .post, url: Self.url, headers: [:], body: [], receivedAt: pinnedDate),
        ] {
            let error = try await #require(throws: ProviderError.self) {
                try await Self.provider().handleCallback(callback)
            }
            #expect(error.code == .forgedCallback)
        }
    }

    @Test func theSignatureCoversTheURL() async throws {
        let parameters = Self.parameters(status: "delivered")
        let other = Self.signature(parameters, url: "https://dh.acme.example/callbacks/twilio?dh_message_id=msg_other")
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider().handleCallback(Self.callback(parameters, signature: other))
        }
        #expect(error.code == .forgedCallback)
    }

    @Test func withoutTheAuthTokenCallbacksAreRefused() async throws {
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(authToken: nil).handleCallback(Self.callback(Self.parameters(status: "delivered")))
        }
        #expect(error.code == .misconfigured)
    }

    @Test func anAuthenticCallbackWithoutSidOrStatusIsInvalid() async throws {
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider().handleCallback(Self.callback([("AccountSid", TwilioProviderTests.live)]))
        }
        #expect(error.code == .invalidCallback)
    }
}
