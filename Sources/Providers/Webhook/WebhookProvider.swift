public import Foundation
import Signing
public import Transport

/// Sends outbound webhooks: one HTTP request per message, optionally signed.
///
/// The request is built from the channel's settings and the message's ``WebhookContent`` (the
/// message's method, URL, body and headers win). Responses are classified as Knock's webhook channel
/// does: 2xx delivers; 401, 403, 404, 405, a malformed URL, a non-`https` URL in production and an
/// unresolvable host are final; every other status (3xx, 4xx, 5xx) and timeouts may be retried.
/// Redirects are never followed. In sandbox mode the request is built and checked but not sent.
public struct WebhookProvider: Provider {
    /// The provider's configuration name.
    public static let providerID: ProviderID = "webhook"

    public var id: ProviderID { Self.providerID }

    private let configuration: WebhookConfiguration
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - configuration: The channel's settings.
    ///   - transport: The HTTP transport.
    ///   - now: The wall clock for signature timestamps.
    public init(
        configuration: WebhookConfiguration,
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.now = now
    }

    public func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        let content = try message.content.webhook(for: id)
        let request = try makeRequest(for: message, content: content)
        if configuration.isSandbox {
            return DeliveryReceipt(outcome: .sent, detail: "sandbox: \(request.method) \(request.url) built, not sent")
        }
        let deadline = min(context.deadline, .now + configuration.timeout)
        let response = try await transport.execute(request, deadline: deadline, for: id)
        return try classify(response)
    }

    /// Builds the exact HTTP request for a message.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` for a missing, malformed or (in production) non-`https` URL,
    ///   or a method that is not GET, POST, PUT, PATCH or DELETE.
    public func makeRequest(for message: OutboundMessage, content: WebhookContent) throws -> HTTPRequest {
        let method = (content.method ?? configuration.method).uppercased()
        guard WebhookConfiguration.methods.contains(method) else {
            throw ProviderError(
                .misconfigured, provider: id,
                message:
                    "method '\(method)' is not accepted; accepted: \(WebhookConfiguration.methods.joined(separator: ", "))"
            )
        }
        let url = try targetURL(content.url ?? configuration.url)

        var headers = HTTPHeaders()
        for (name, value) in configuration.headers { headers.replaceOrAdd(name: name, value: value) }
        for (name, value) in content.headers.sorted(by: { $0.key < $1.key }) {
            headers.replaceOrAdd(name: name, value: value)
        }
        var body: [UInt8] = []
        if method != "GET" {
            body = (content.body ?? configuration.body ?? defaultBody(for: message)).encodedBytes()
            if !headers.contains("Content-Type") { headers.add(name: "Content-Type", value: "application/json") }
        }
        sign(&headers, body: body, message: message)
        return HTTPRequest(method: HTTPMethod(method), url: url, headers: headers, body: body)
    }

    // MARK: - Request parts

    private func targetURL(_ candidate: String?) throws -> String {
        guard var url = candidate ?? configuration.baseURL else {
            throw ProviderError(
                .misconfigured, provider: id, message: "no URL: set 'url' on the channel or in the message")
        }
        if let base = configuration.baseURL, let components = URLComponents(string: url) {
            url =
                base.trimmingSuffix("/") + components.percentEncodedPath
                + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty
        else {
            throw ProviderError(.misconfigured, provider: id, message: "the webhook URL is not an absolute http(s) URL")
        }
        if configuration.requiresHTTPS && scheme != "https" {
            throw ProviderError(
                .misconfigured, provider: id, message: "production webhooks must use https; the URL uses \(scheme)")
        }
        return url
    }

    private func defaultBody(for message: OutboundMessage) -> JSONValue {
        var body: JSONObject = ["message_id": .string(message.id), "channel_id": .string(message.channelID)]
        body["recipient"] = ["id": .string(message.recipient.id)]
        if let workflow = message.workflowKey { body["workflow"] = .string(workflow) }
        return .object(body)
    }

    private func sign(_ headers: inout HTTPHeaders, body: [UInt8], message: OutboundMessage) {
        switch configuration.signing {
        case .knock(let signature, let header):
            headers.replaceOrAdd(name: header, value: signature.sign(body: body, timestamp: now()))
        case .standardWebhooks(let signature):
            for (name, value) in signature.headers(id: message.id, timestamp: now(), body: body) {
                headers.replaceOrAdd(name: name, value: value)
            }
        case nil:
            break
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
