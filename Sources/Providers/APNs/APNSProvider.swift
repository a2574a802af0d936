public import Foundation
import Signing
public import Transport

/// Sends push notifications through Apple Push Notification service (APNs) with token authentication.
///
/// One `POST /3/device/<token>` over HTTP/2 (``HTTPVersionPreference/http2Required``) per device token in
/// the recipient's channel data (`{"tokens": [...]}`), at most
/// ``APNSConfiguration/maxConcurrentRequests`` at once; the results are summed up by token (see
/// ``DeliveryReceipt/targets``). The provider token comes from an ``APNSTokenManager`` and follows
/// Apple's 20-to-60-minute refresh rules. Each request carries an `apns-id` derived from the message id
/// and the token, so a retried attempt reuses it. Keeping one long-lived, multiplexed connection per host
/// is the transport's job (``CurlHTTPClient`` reuses and multiplexes HTTP/2 connections).
///
/// In sandbox mode requests go to Apple's development environment. APNs has no delivery callbacks: a
/// 200 means APNs accepted the notification.
public struct APNSProvider: Provider {
    /// The provider's configuration name.
    public static let providerID: ProviderID = "apns"

    public var id: ProviderID { Self.providerID }

    let configuration: APNSConfiguration
    let transport: any HTTPTransport
    let tokens: APNSTokenManager
    let now: @Sendable () -> Date

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - configuration: The channel's settings.
    ///   - transport: The HTTP transport; it must speak HTTP/2 over TLS.
    ///   - now: The wall clock (provider token ages, `apns-expiration`, `Retry-After` dates).
    ///   - tokens: A token manager to share with other providers using the same key; by default a new one.
    /// - Throws: ``ProviderError/Code/misconfigured`` if the signing key is not an EC P-256 key.
    public init(
        configuration: APNSConfiguration,
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() },
        tokens: APNSTokenManager? = nil
    ) throws {
        self.configuration = configuration
        self.transport = transport
        self.now = now
        do {
            self.tokens =
                try tokens
                ?? APNSTokenManager(
                    signingKey: configuration.signingKey, teamID: configuration.teamID, keyID: configuration.keyID,
                    now: now)
        } catch {
            throw ProviderError(
                .misconfigured, provider: Self.providerID,
                message: "signing_key must be the .p8 key Apple issues (EC P-256); this one is "
                    + configuration.signingKey.keyDescription)
        }
    }

    public func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        let content = try message.content.push(for: id)
        let deviceTokens = try PushTokens.tokens(for: message, provider: id)
        let body = APNSWire.payload(
            content, messageID: message.id, mutableContent: configuration.mutableContent
        ).encodedBytes()
        let outcomes = await PushFanOut.run(deviceTokens, maxConcurrent: configuration.maxConcurrentRequests) {
            token in
            await self.deliver(body, content: content, messageID: message.id, to: token, deadline: context.deadline)
        }
        return try PushFanOut.receipt(tokens: deviceTokens, outcomes: outcomes, provider: id)
    }

    /// Sends the notification to one device token.
    private func deliver(
        _ body: [UInt8], content: PushContent, messageID: String, to deviceToken: String,
        deadline: ContinuousClock.Instant
    ) async -> PushFanOut.TargetOutcome {
        guard APNSWire.isWellFormed(deviceToken: deviceToken) else {
            return .failure(
                ProviderError(
                    .invalidRecipient, provider: id, message: "the device token is not hexadecimal; not sent"))
        }
        let authorization: String
        do {
            authorization = try await tokens.token()
        } catch {
            return .failure(
                ProviderError(.misconfigured, provider: id, message: "signing_key could not sign the provider token"))
        }
        let notificationID = APNSWire.notificationID(messageID: messageID, deviceToken: deviceToken)
        let request = makeRequest(
            body: body, content: content, notificationID: notificationID, deviceToken: deviceToken,
            authorization: authorization)
        let response: HTTPResponse
        do {
            response = try await transport.execute(request, deadline: deadline)
        } catch var error as TransportError {
            // The transport names the URL, whose path is the device token: keep tokens out of errors.
            error.message = error.message.replacingOccurrences(of: deviceToken, with: "<device token>")
            return .failure(error.providerError(id))
        } catch {
            return .failure(ProviderError(.internalFailure, provider: id, message: "the transport failed: \(error)"))
        }
        guard (200..<300).contains(response.status) else {
            return .failure(await classify(response, authorization: authorization))
        }
        await tokens.noteAccepted()
        return .success(
            .init(providerMessageID: response.headers["apns-id"] ?? notificationID, httpStatus: response.status))
    }

    /// The exact request for one device token.
    func makeRequest(
        body: [UInt8], content: PushContent, notificationID: String, deviceToken: String, authorization: String
    ) -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.add(name: "authorization", value: "bearer \(authorization)")
        headers.add(name: "apns-id", value: notificationID)
        headers.add(name: "apns-push-type", value: content.silent ? "background" : "alert")
        // Background pushes must use priority 5.
        headers.add(name: "apns-priority", value: content.silent || content.priority == .normal ? "5" : "10")
        headers.add(name: "apns-topic", value: configuration.bundleID)
        if let timeToLive = content.timeToLive {
            // 0: deliver once, do not store. Otherwise the UNIX time after which APNs stops trying.
            let expiry = timeToLive <= 0 ? 0 : Int(now().timeIntervalSince1970) + timeToLive
            headers.add(name: "apns-expiration", value: String(expiry))
        }
        if let collapseID = content.collapseID {
            headers.add(name: "apns-collapse-id", value: collapseID)
        }
        headers.add(name: "content-type", value: "application/json")
        return HTTPRequest(
            method: .post, url: "\(configuration.origin)/3/device/\(deviceToken)", headers: headers, body: body,
            version: .http2Required)
    }
}
