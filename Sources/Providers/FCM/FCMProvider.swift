public import Foundation
public import Transport

/// Sends push notifications through Firebase Cloud Messaging's HTTP v1 API.
///
/// One `POST /v1/projects/<project>/messages:send` per device token in the recipient's channel data
/// (`{"tokens": [...]}`), at most ``FCMConfiguration/maxConcurrentRequests`` at once; the results are
/// summed up by token (see ``DeliveryReceipt/targets``). Requests carry an OAuth 2.0 access token from
/// an ``FCMAccessTokenManager`` (a service account's RS256 assertion exchanged at Google's token
/// endpoint, cached until shortly before it expires). The receipt's provider message id is FCM's
/// message `name` (`projects/<project>/messages/<id>`).
///
/// In sandbox mode messages are sent with `validate_only: true`: FCM checks them, and the device
/// token, but delivers nothing. FCM has no delivery callbacks: a 200 means FCM accepted the message.
public struct FCMProvider: Provider {
    /// The provider's configuration name.
    public static let providerID: ProviderID = "fcm"

    public var id: ProviderID { Self.providerID }

    let configuration: FCMConfiguration
    let transport: any HTTPTransport
    let tokens: FCMAccessTokenManager
    let now: @Sendable () -> Date

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - configuration: The channel's settings.
    ///   - transport: The HTTP transport (for token requests too).
    ///   - now: The wall clock (assertions, token expiry, `Retry-After` dates).
    ///   - tokens: An access-token manager to share with other providers using the same service account;
    ///     by default a new one.
    /// - Throws: ``ProviderError/Code/misconfigured`` if the service account's key is not an RSA key, or
    ///   no project id is known.
    public init(
        configuration: FCMConfiguration,
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() },
        tokens: FCMAccessTokenManager? = nil
    ) throws {
        guard !configuration.projectID.isEmpty else {
            throw ProviderError(
                .misconfigured, provider: Self.providerID,
                message: "no project id: set project_id, or use a service_account file that has one")
        }
        self.configuration = configuration
        self.transport = transport
        self.now = now
        self.tokens =
            try tokens
            ?? FCMAccessTokenManager(
                serviceAccount: configuration.serviceAccount, tokenURL: configuration.tokenURL, transport: transport,
                now: now)
    }

    public func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        let content = try message.content.push(for: id)
        let deviceTokens = try PushTokens.tokens(for: message, provider: id)
        let outcomes = await PushFanOut.run(deviceTokens, maxConcurrent: configuration.maxConcurrentRequests) {
            token in
            await self.deliver(content, messageID: message.id, to: token, deadline: context.deadline)
        }
        return try PushFanOut.receipt(tokens: deviceTokens, outcomes: outcomes, provider: id)
    }

    /// Sends the message to one device token.
    private func deliver(
        _ content: PushContent, messageID: String, to deviceToken: String, deadline: ContinuousClock.Instant
    ) async -> PushFanOut.TargetOutcome {
        do {
            let accessToken = try await tokens.accessToken(deadline: deadline)
            let request = makeRequest(content, messageID: messageID, deviceToken: deviceToken, accessToken: accessToken)
            let response = try await transport.execute(request, deadline: deadline)
            guard (200..<300).contains(response.status) else {
                return .failure(await classify(response, accessToken: accessToken))
            }
            let name = (try? JSONValue.parse(response.body))?["name"]?.stringValue
            return .success(.init(providerMessageID: name, httpStatus: response.status))
        } catch let error as ProviderError {
            return .failure(error)
        } catch let error as TransportError {
            return .failure(error.providerError(id))
        } catch {
            return .failure(ProviderError(.internalFailure, provider: id, message: "unexpected failure: \(error)"))
        }
    }

    /// The exact send request for one device token.
    func makeRequest(_ content: PushContent, messageID: String, deviceToken: String, accessToken: String)
        -> HTTPRequest
    {
        let body = FCMWire.body(
            content, deviceToken: deviceToken, messageID: messageID, validateOnly: configuration.validateOnly)
        return HTTPRequest(
            method: .post, url: configuration.sendURL,
            headers: ["authorization": "Bearer \(accessToken)", "content-type": "application/json"],
            body: body.encodedBytes())
    }
}
