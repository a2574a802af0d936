public import Foundation
public import Transport

/// Posts chat messages to Slack: `chat.postMessage` with a bot token, or incoming webhooks.
///
/// A message goes to every target ``SlackTarget`` resolves (the message's channel or webhook, else each
/// connection in the recipient's channel data, else the channel's `default_channel`), one request each, in
/// order. The receipt lists every target in ``DeliveryReceipt/targets``; its ``DeliveryReceipt/providerMessageID``
/// is the first posted message's `<channel>:<ts>` (incoming webhooks return no id). With one target, its
/// failure is thrown; with several, the send succeeds if any target succeeded (failures are in the targets),
/// and when all fail the first retryable error (else the first error) is thrown. Slack has no delivery
/// receipts, so there are no status callbacks. In sandbox mode requests are built but nothing is sent.
/// Incoming-webhook posts, whose URLs come from messages and channel data, go through `webhookTransport`
/// (the host's guarded transport unless `base_url` fixes their origin); `chat.postMessage` goes to Slack's
/// API (or the `base_url` override) through `transport`.
public struct SlackProvider: Provider {
    /// The provider's configuration name.
    public static let providerID: ProviderID = "slack"

    public var id: ProviderID { Self.providerID }

    let configuration: SlackConfiguration
    private let transport: any HTTPTransport
    private let webhookTransport: any HTTPTransport
    let now: @Sendable () -> Date

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - configuration: The channel's settings.
    ///   - transport: The HTTP transport.
    ///   - webhookTransport: The transport for incoming-webhook posts; `transport` when `nil`.
    ///   - now: The wall clock, for `Retry-After` dates.
    public init(
        configuration: SlackConfiguration,
        transport: any HTTPTransport,
        webhookTransport: (any HTTPTransport)? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.webhookTransport = webhookTransport ?? transport
        self.now = now
    }

    public func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        let content = try message.content.chat(for: id)
        let targets = try SlackTarget.targets(for: message, content: content, configuration: configuration)
        let requests = targets.map { target -> Result<HTTPRequest, ProviderError> in
            do throws(ProviderError) {
                return .success(try makeRequest(for: target, content: content))
            } catch {
                return .failure(error)
            }
        }
        if configuration.isSandbox {
            let errors = requests.compactMap { if case .failure(let error) = $0 { error } else { nil } }
            if errors.count == requests.count, let first = errors.first { throw first }
            return DeliveryReceipt(outcome: .sent, detail: "sandbox")
        }
        var results: [(target: SlackTarget, result: Result<String?, ProviderError>)] = []
        for (target, request) in zip(targets, requests) {
            switch request {
            case .success(let request): results.append((target, await post(request, to: target, context: context)))
            case .failure(let error): results.append((target, .failure(error)))
            }
        }
        return try receipt(for: results)
    }

    /// Builds the exact HTTP request for one target.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` for a conversation without a token or an incoming-webhook
    ///   URL that is not `https` on a Slack webhook host; ``ProviderError/Code/invalidRecipient`` for an
    ///   unreadable connection.
    func makeRequest(for target: SlackTarget, content: ChatContent) throws(ProviderError) -> HTTPRequest {
        let base = configuration.baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        switch target.kind {
        case .conversation(let channel, let token):
            guard let token, !token.isEmpty else {
                throw ProviderError(
                    .misconfigured, provider: id,
                    message: "no token for \(target.label): set bot_token or give the connection an access_token")
            }
            let headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": SlackWire.contentType]
            return HTTPRequest(
                method: .post, url: (base ?? SlackConfiguration.defaultBaseURL) + "/api/chat.postMessage",
                headers: headers, body: SlackWire.postMessageBody(channel: channel, content: content).encodedBytes())
        case .incomingWebhook(let url):
            guard let components = URLComponents(string: url), let host = components.host?.lowercased(),
                components.scheme?.lowercased() == "https", SlackConfiguration.incomingWebhookHosts.contains(host)
            else {
                throw ProviderError(
                    .misconfigured, provider: id,
                    message:
                        "\(target.label) is not an https URL on \(SlackConfiguration.incomingWebhookHosts.sorted())")
            }
            let query = components.percentEncodedQuery.map { "?\($0)" } ?? ""
            let target = base.map { $0 + components.percentEncodedPath + query } ?? url
            return HTTPRequest(
                method: .post, url: target, headers: ["Content-Type": SlackWire.contentType],
                body: SlackWire.incomingWebhookBody(content: content).encodedBytes())
        case .unreadable(let reason):
            throw ProviderError(
                .invalidRecipient, provider: id, message: "\(target.label) of the recipient's channel data: \(reason)")
        }
    }

    // MARK: - Sending

    private func post(
        _ request: HTTPRequest, to target: SlackTarget, context: DeliveryContext
    ) async -> Result<String?, ProviderError> {
        do {
            if case .incomingWebhook = target.kind {
                let response = try await webhookTransport.execute(request, deadline: context.deadline)
                return classifyIncomingWebhook(response).map { nil }
            }
            return classifyWebAPI(try await transport.execute(request, deadline: context.deadline))
        } catch let error as TransportError {
            return .failure(error.providerError(id))
        } catch {
            return .failure(ProviderError(.internalFailure, provider: id, message: "\(type(of: error))"))
        }
    }

    private func receipt(
        for results: [(target: SlackTarget, result: Result<String?, ProviderError>)]
    ) throws -> DeliveryReceipt {
        var errors: [ProviderError] = []
        var targets: [DeliveryReceipt.TargetResult] = []
        for (target, result) in results {
            switch result {
            case .success(let messageID):
                targets.append(.init(target: target.label, providerMessageID: messageID))
            case .failure(let error):
                errors.append(error)
                targets.append(.init(target: target.label, errorCode: error.code, reason: error.providerCode))
            }
        }
        if errors.count == results.count, let first = errors.first {
            throw errors.first { $0.code.isRetryable } ?? first
        }
        let posted = results.count - errors.count
        return DeliveryReceipt(
            providerMessageID: targets.lazy.compactMap(\.providerMessageID).first, outcome: .sent, httpStatus: 200,
            detail: "posted to \(posted) of \(results.count) Slack target\(results.count == 1 ? "" : "s")",
            targets: targets)
    }
}
