import Foundation
import Providers
import Signing
import Testing
import Transport

extension SESProviderTests {
    static func failure(status: Int, type: String?, message: String = "test message", headers: HTTPHeaders = [:])
        async throws -> ProviderError
    {
        var headers = headers
        if let type {
            headers.add(name: "x-amzn-ErrorType", value: "\(type):http://internal.amazon.com/coral/com.amazon.sesv2/")
        }
        let body = #"{"message":"\#(message)"}"#
        let transport = MockTransport(status: status, headers: headers, body: body)
        return try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(), context: .test())
        }
    }

    @Test(
        arguments: [
            (429, "TooManyRequestsException", "rateLimited"), (400, "Throttling", "rateLimited"),
            (400, "LimitExceededException", "rateLimited"), (400, "MessageRejected", "rejected"),
            (400, "BadRequestException", "rejected"), (400, "AccountSuspendedException", "misconfigured"),
            (400, "SendingPausedException", "misconfigured"),
            (400, "MailFromDomainNotVerifiedException", "misconfigured"),
            (404, "NotFoundException", "misconfigured"), (403, "InvalidSignatureException", "misconfigured"),
            (403, "UnrecognizedClientException", "misconfigured"), (403, "AccessDeniedException", "misconfigured"),
            (403, "ExpiredTokenException", "misconfigured"), (500, "InternalServiceErrorException", "unavailable"),
            (503, nil, "unavailable"), (502, nil, "unavailable"), (429, nil, "rateLimited"),
            (403, nil, "misconfigured"),
            (400, "SomethingNewException", "rejected"), (500, "SomethingNewException", "unavailable"),
        ] as [(Int, String?, String)])
    func errorsAreClassified(status: Int, type: String?, code: String) async throws {
        let error = try await Self.failure(status: status, type: type)
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == type)
    }

    @Test func theErrorTypeIsReadFromTheBodyWithoutTheHeader() async throws {
        let transport = MockTransport(
            status: 400, body: #"{"__type":"com.amazon.sesv2#MessageRejected","message":"Email address is blocked."}"#)
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(), context: .test())
        }
        #expect(error.code == .rejected)
        #expect(error.providerCode == "MessageRejected")
        #expect(error.message.contains("Email address is blocked."))
    }

    @Test func anUnverifiedIdentityIsMisconfigured() async throws {
        let error = try await Self.failure(
            status: 400, type: "MessageRejected",
            message:
                "Email address is not verified. The following identities failed the check in region EU-WEST-1: hello@acme.example"
        )
        #expect(error.code == .misconfigured)
    }

    @Test func anUnreadableErrorBodyIsNeverADecodeFailure() async throws {
        let transport = MockTransport(status: 400, body: "<html>bad gateway</html>")
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(), context: .test())
        }
        #expect(error.code == .rejected)
        #expect(error.providerCode == nil)
    }

    @Test func retryAfterIsHonouredWhenGiven() async throws {
        let error = try await Self.failure(status: 429, type: "TooManyRequestsException", headers: ["Retry-After": "3"])
        #expect(error.retryAfter == .seconds(3))
    }

    @Test func signatureErrorsNeverEchoCredentials() async throws {
        var credentials = Self.credentials
        credentials.sessionToken = "session-token-not-real"
        let echo =
            "The request signature we calculated does not match. The Canonical String for this request should have been "
            + "'POST /v2/email/outbound-emails x-amz-security-token:session-token-not-real'"
        let transport = MockTransport(
            status: 403, headers: ["x-amzn-ErrorType": "InvalidSignatureException:"], body: #"{"message":"\#(echo)"}"#)
        let provider = try Self.provider(transport, Self.configuration(credentials: credentials))
        let error = try await #require(throws: ProviderError.self) {
            try await provider.send(Self.message(), context: .test())
        }
        #expect(error.code == .misconfigured)
        #expect(!"\(error)".contains("session-token-not-real"))
        #expect(!"\(error)".contains(Self.credentials.secretAccessKey))
    }

    @Test func anExpiredSessionTokenIsMisconfiguredNotReauthenticate() async throws {
        let error = try await Self.failure(status: 403, type: "ExpiredTokenException")
        #expect(error.code == .misconfigured)
        #expect(!error.code.requiresReauthentication)
        #expect(error.message.contains("session token has expired"))
    }

    @Test(arguments: [
        (TransportError.Code.timeout, "timeout"), (.connectFailed, "connectionFailed"), (.tls, "connectionFailed"),
        (.dns, "misconfigured"), (.cancelled, "cancelled"),
    ])
    func transportFailuresAreClassified(failure: TransportError.Code, code: String) async throws {
        let transport = MockTransport([.failure(TransportError(failure, "test"))])
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider(transport).send(Self.message(), context: .test())
        }
        #expect(error.code.description == code)
    }
}
