import Foundation
import Providers
import Testing
import Transport

/// Send refusals beyond the fixtures, and several device tokens.
extension FCMProviderTests {
    static func fcmError(_ status: Int, _ canonical: String, _ errorCode: String?, message: String = "m") -> JSONValue {
        var details: [JSONValue] = []
        if let errorCode {
            details.append([
                "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": .string(errorCode),
            ])
        }
        return [
            "error": [
                "code": .number(Double(status)), "message": .string(message), "status": .string(canonical),
                "details": .array(details),
            ]
        ]
    }

    @Test(
        arguments: [
            (404, fcmError(404, "NOT_FOUND", "UNREGISTERED"), "invalidRecipient"),
            (404, fcmError(404, "NOT_FOUND", nil), "misconfigured"),
            (403, fcmError(403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH"), "misconfigured"),
            (
                400,
                fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", message: "Request contains an invalid argument."),
                "rejected"
            ),
            (
                400,
                [
                    "error": [
                        "code": 400, "message": "Request contains an invalid argument.", "status": "INVALID_ARGUMENT",
                        "details": [
                            [
                                "@type": "type.googleapis.com/google.rpc.BadRequest",
                                "fieldViolations": [["field": "message.token"]],
                            ]
                        ],
                    ]
                ] as JSONValue, "invalidRecipient"
            ),
            (500, fcmError(500, "UNKNOWN", "UNSPECIFIED_ERROR"), "unavailable"),
            (502, "<html>bad gateway</html>" as JSONValue, "unavailable"),
            (418, fcmError(418, "UNKNOWN", nil), "unavailable"),
        ] as [(Int, JSONValue, String)])
    func classifiesRefusals(status: Int, body: JSONValue, code: String) async throws {
        let answer: @Sendable (HTTPRequest) -> HTTPResponse = { _ in
            if case .string(let text) = body { return HTTPResponse(status: status, body: Array(text.utf8)) }
            return .json(status, body)
        }
        let error = try #require(
            await providerError {
                try await Self.provider(Self.service(send: answer)).send(Self.message(), context: .test())
            })
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(!error.description.contains(Self.token))
    }

    @Test func quotaWaitsAtLeastAMinuteOrLongerIfAsked() async throws {
        let answer: @Sendable (HTTPRequest) -> HTTPResponse = { _ in
            .json(429, Self.fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED"), headers: ["Retry-After": "90"])
        }
        let error = await providerError {
            try await Self.provider(Self.service(send: answer)).send(Self.message(), context: .test())
        }
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfter == .seconds(90))
    }

    @Test func sendsToEveryTokenAndReportsDeadOnes() async throws {
        let answer: @Sendable (HTTPRequest) -> HTTPResponse = { request in
            String(decoding: request.body, as: UTF8.self).contains(Self.otherToken)
                ? .json(404, Self.fcmError(404, "NOT_FOUND", "UNREGISTERED"))
                : .json(200, ["name": "projects/delivery-host-test/messages/0:9"])
        }
        let receipt = try await Self.provider(Self.service(send: answer)).send(
            Self.message(tokens: [Self.token, Self.otherToken]), context: .test())
        #expect(receipt.invalidTargets == [Self.otherToken])
        #expect(
            receipt.targets[0]
                == .init(target: Self.token, providerMessageID: "projects/delivery-host-test/messages/0:9"))
        #expect(receipt.targets[1].reason == "UNREGISTERED")
        #expect(receipt.detail == "accepted for 1 of 2 device tokens; 1 invalid")
    }

    @Test func noDeviceTokensIsAnInvalidRecipientWithoutAnyRequest() async throws {
        let transport = Self.service()
        let error = await providerError {
            try await Self.provider(transport).send(Self.message(tokens: []), context: .test())
        }
        #expect(error?.code == .invalidRecipient)
        #expect(await transport.requests.isEmpty)
    }
}
