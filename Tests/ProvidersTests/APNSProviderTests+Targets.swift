import Foundation
import Providers
import Testing
import Transport

/// Device tokens from channel data, one request per token, and how the results add up.
extension APNSProviderTests {
    static let deadToken = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"

    /// Answers 410 Unregistered for ``deadToken``, 503 for URLs containing `unavailable`, 200 otherwise.
    static func mixed() -> PushRoutingTransport {
        PushRoutingTransport { request in
            if request.url.hasSuffix(deadToken) { return refusal(410, "Unregistered") }
            if request.url.hasSuffix(otherToken) { return refusal(503, "ServiceUnavailable") }
            return ok(request)
        }
    }

    @Test func sendsToEveryTokenAndReportsEachOne() async throws {
        let transport = Self.mixed()
        let tokens = [Self.token, Self.deadToken, Self.otherToken, Self.token]
        let receipt = try await Self.provider(transport).send(Self.message(tokens: tokens), context: .test())
        #expect(await transport.requests.count == 3)  // the duplicate token is sent to once
        #expect(receipt.outcome == .sent)
        #expect(receipt.httpStatus == 200)
        #expect(receipt.invalidTargets == [Self.deadToken])
        #expect(receipt.detail == "accepted for 1 of 3 device tokens; 1 invalid; 1 failed, not retried")
        #expect(receipt.targets.map(\.target) == [Self.token, Self.deadToken, Self.otherToken])
        #expect(receipt.targets[0].providerMessageID == receipt.providerMessageID)
        #expect(receipt.targets[1].errorCode == .invalidRecipient)
        #expect(receipt.targets[1].reason == "Unregistered")
        #expect(receipt.targets[2].errorCode == .unavailable)
    }

    @Test func whenEveryTokenIsDeadTheRecipientIsInvalid() async throws {
        let transport = PushRoutingTransport { _ in Self.refusal(410, "Unregistered") }
        let error = try #require(
            await providerError {
                try await Self.provider(transport).send(
                    Self.message(tokens: [Self.deadToken, Self.token, "not-hex!"]), context: .test())
            })
        #expect(error.code == .invalidRecipient)
        #expect(error.message.hasPrefix("all 3 device tokens are invalid"))
        #expect(await transport.requests.count == 2)  // the malformed token is never sent
    }

    @Test func aRetryableFailureWinsOverDeadTokensWhenNoneIsAccepted() async throws {
        let transport = Self.mixed()
        let error = try #require(
            await providerError {
                try await Self.provider(transport).send(
                    Self.message(tokens: [Self.deadToken, Self.otherToken]), context: .test())
            })
        #expect(error.code == .unavailable)
        #expect(error.providerCode == "ServiceUnavailable")
        #expect(error.message.hasPrefix("none of the 2 device tokens accepted the message"))
    }

    @Test func manyTokensAreSentConcurrentlyAndReportedInOrder() async throws {
        let tokens = (0..<30).map { String(repeating: "a", count: 60) + String(1000 + $0) }
        let transport = PushRoutingTransport { Self.ok($0) }
        let receipt = try await Self.provider(transport).send(Self.message(tokens: tokens), context: .test())
        #expect(receipt.targets.map(\.target) == tokens)
        #expect(Set(await transport.requests.map(\.url)).count == 30)
    }

    @Test(arguments: [
        JSONValue?.none, ["tokens": []], ["tokens": ["", "  "]], ["token": "abc"], "abc", ["tokens": "abc"],
    ])
    func noDeviceTokensIsAnInvalidRecipient(channelData: JSONValue?) async throws {
        var message = Self.message()
        message.recipient.channelData = channelData.map { ["ios-push": $0] } ?? ["other-channel": ["tokens": ["ab"]]]
        let transport = MockTransport([])
        let error = await providerError { try await Self.provider(transport).send(message, context: .test()) }
        #expect(error?.code == .invalidRecipient)
        #expect(error?.message.hasPrefix("no device tokens in channel data") == true)
        #expect(await transport.requests.isEmpty)
    }

    @Test func otherContentIsRefused() async throws {
        var message = Self.message()
        message.content = .sms(SMSContent(text: "hi"))
        let error = await providerError { try await Self.provider(MockTransport([])).send(message, context: .test()) }
        #expect(error?.code == .misconfigured)
    }
}
