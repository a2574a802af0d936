import Foundation
import Signing
import Transport

extension SESProvider: StatusCallbackHandling {
    /// Verifies and reads one SNS HTTPS delivery carrying SES events.
    ///
    /// 1. The body must be an SNS message (``SNSMessage``) whose `Type` matches the
    ///    `x-amz-sns-message-type` header, from ``SESConfiguration/snsTopicARN`` when one is set.
    /// 2. Its `SigningCertURL` must be an SNS certificate URL; the certificate is fetched through the
    ///    transport once and cached. The certificate chain, its host name and the signature are checked
    ///    with ``SESConfiguration/snsVerifier`` at the injected time, and the `Timestamp` must be within
    ///    ``SESConfiguration/snsMaximumAge`` (SNS retries an HTTPS delivery for at most an hour).
    /// 3. A `SubscriptionConfirmation` is confirmed by getting its `SubscribeURL`: an `https` URL on
    ///    `sns.<region>.amazonaws.com`, or (development) one whose host the outbound allow-list names.
    ///    The certificate and the `SubscribeURL` are fetched through the ``OutboundGuard``'s transport,
    ///    so a host that resolves to a loopback, private or metadata address is refused unless allowed.
    ///    An `UnsubscribeConfirmation` is acknowledged; a `Notification` is read as an SES event (see
    ///    ``SESEvent``).
    ///
    /// - Throws: ``ProviderError/Code/forgedCallback`` for anything that fails verification,
    ///   ``ProviderError/Code/invalidCallback`` for an authentic notification that is not a readable
    ///   SES event, ``ProviderError/Code/unavailable`` when the certificate could not be fetched or the
    ///   subscription could not be confirmed (answer with a 5xx so that SNS retries),
    ///   ``ProviderError/Code/invalidCallback`` when the outbound address policy refused the `SubscribeURL`.
    public func handleCallback(_ callback: ProviderCallback) async throws -> CallbackOutcome {
        let message = try await verifiedMessage(callback)
        switch message.type {
        case "SubscriptionConfirmation":
            return try await confirmSubscription(message)
        case "UnsubscribeConfirmation":
            return .acknowledged("unsubscribed from \(message.topicARN)")
        default:
            return .updates(try SESEvent.updates(fromMessage: message.message))
        }
    }

    /// The message, once everything about it has been verified.
    func verifiedMessage(_ callback: ProviderCallback) async throws -> SNSMessage {
        let message: SNSMessage
        do {
            message = try SNSMessage(json: callback.body)
        } catch let error as SigningError {
            throw forged("the body is not an SNS message: \(error.message)")
        }
        if let header = callback.headers["x-amz-sns-message-type"], header != message.type {
            throw forged("the x-amz-sns-message-type header (\(header.prefix(40))) does not match the body")
        }
        if let topic = configuration.snsTopicARN, topic != message.topicARN {
            throw forged("the message is from topic \(message.topicARN.prefix(200)), not the configured sns_topic_arn")
        }
        let pem: String
        do {
            pem = try await certificates.pem(for: message.signingCertURL)
            try configuration.snsVerifier.verify(message, certificatePEM: pem, now: callback.receivedAt)
        } catch let error as SigningError {
            throw forged("the SNS signature does not verify: \(error.message)")
        }
        try checkTimestamp(message.timestamp, now: callback.receivedAt)
        return message
    }

    private func checkTimestamp(_ text: String, now: Date) throws {
        guard let sent = SESEvent.date(.string(text)) else {
            throw forged("the SNS Timestamp is not an ISO 8601 time")
        }
        let age = now.timeIntervalSince(sent)
        let maximum = Double(configuration.snsMaximumAge.components.seconds)
        guard age <= maximum else {
            throw forged("the SNS message is stale: sent \(Int(age)) s ago, more than \(Int(maximum)) s")
        }
        guard age >= -300 else {
            throw forged("the SNS message is dated \(Int(-age)) s in the future")
        }
    }

    private func confirmSubscription(_ message: SNSMessage) async throws -> CallbackOutcome {
        guard let url = message.subscribeURL, Self.isSNSAPIURL(url) || isAllowListed(url) else {
            throw forged(
                "the SubscribeURL is not an https URL on sns.<region>.amazonaws.com "
                    + "(nor on a host the outbound allow-list names)")
        }
        let response: HTTPResponse
        do {
            response = try await (outboundGuard?.transport ?? transport).execute(
                HTTPRequest(method: .get, url: url), deadline: .now + .seconds(10))
        } catch let error as TransportError where error.code == .forbiddenAddress {
            throw ProviderError(
                .invalidCallback, provider: id,
                message: "refused to confirm the SNS subscription: \(error.message)")
        } catch let error as TransportError {
            throw ProviderError(
                .unavailable, provider: id, message: "could not confirm the SNS subscription: \(error.code)")
        }
        guard (200..<300).contains(response.status) else {
            throw ProviderError(
                .unavailable, provider: id,
                message: "confirming the SNS subscription answered HTTP \(response.status)", httpStatus: response.status
            )
        }
        return .acknowledged("subscription to \(message.topicARN) confirmed")
    }

    /// Whether the outbound allow-list names the host of `url` (an `http` or `https` URL without
    /// credentials): a local SNS emulator, allowed for development.
    private func isAllowListed(_ url: String) -> Bool {
        guard let policy = outboundGuard?.policy, let components = URLComponents(string: url),
            ["http", "https"].contains(components.scheme?.lowercased() ?? ""), components.user == nil,
            components.password == nil, let host = components.host
        else { return false }
        return policy.allowsExplicitly(host: host)
    }

    /// Whether `url` is `https://sns.<region>.amazonaws.com[.cn]/...` without credentials or a port.
    static func isSNSAPIURL(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "https",
            components.user == nil, components.password == nil, components.port == nil,
            let host = components.host?.lowercased()
        else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let suffixLength =
            labels.suffix(2) == ["amazonaws", "com"] ? 2 : (labels.suffix(3) == ["amazonaws", "com", "cn"] ? 3 : 0)
        guard suffixLength > 0, labels.count == suffixLength + 2, labels[0] == "sns" else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-".utf8)
        return labels[1].utf8.count >= 3 && labels[1].utf8.allSatisfy(allowed.contains)
    }

    private func forged(_ message: String) -> ProviderError {
        ProviderError(.forgedCallback, provider: id, message: message)
    }
}
