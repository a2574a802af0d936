import Signing
import Transport

/// The SNS signing certificates fetched so far, by `SigningCertURL`.
///
/// A certificate is fetched once through the provider's transport (`GET`, no credentials) and kept
/// for the life of the provider: SNS publishes a rotated certificate under a new URL. Concurrent
/// callbacks for the same URL share one fetch; a failed fetch is not kept, so the next callback
/// (SNS retries) tries again. Only URLs that ``SNSMessageVerifier/checkSigningCertURL(_:)`` accepts
/// are ever fetched, and at most ``capacity`` certificates are kept.
actor SNSCertificateCache {
    private let transport: any HTTPTransport
    private var certificates: [String: String] = [:]
    private var order: [String] = []
    private var inFlight: [String: Task<String, any Error>] = [:]
    /// How many certificates are kept; the oldest is dropped past it.
    let capacity: Int

    /// Creates an empty cache.
    init(transport: any HTTPTransport, capacity: Int = 16) {
        self.transport = transport
        self.capacity = capacity
    }

    /// The PEM served at `url`, fetched if not cached.
    ///
    /// - Throws: ``SigningError`` if the URL is not an SNS certificate URL;
    ///   ``ProviderError/Code/unavailable`` if it could not be fetched (SNS will retry the callback).
    func pem(for url: String) async throws -> String {
        try SNSMessageVerifier.checkSigningCertURL(url)
        if let pem = certificates[url] { return pem }
        if let task = inFlight[url] { return try await task.value }
        let task = Task { try await self.fetch(url) }
        inFlight[url] = task
        defer { inFlight[url] = nil }
        let pem = try await task.value
        store(pem, for: url)
        return pem
    }

    private func fetch(_ url: String) async throws -> String {
        let response: HTTPResponse
        do {
            response = try await transport.execute(
                HTTPRequest(method: .get, url: url, headers: ["Accept": "application/x-pem-file, */*"]),
                deadline: .now + .seconds(10))
        } catch let error as TransportError {
            throw ProviderError(
                .unavailable, provider: SESProvider.providerID,
                message: "could not fetch the SNS signing certificate: \(error.code): \(error.message)")
        }
        guard response.status == 200, response.bodyText.contains("-----BEGIN CERTIFICATE-----") else {
            throw ProviderError(
                .unavailable, provider: SESProvider.providerID,
                message: "the SNS signing certificate URL answered HTTP \(response.status) without a certificate",
                httpStatus: response.status)
        }
        return response.bodyText
    }

    private func store(_ pem: String, for url: String) {
        guard certificates[url] == nil else { return }
        certificates[url] = pem
        order.append(url)
        if order.count > capacity {
            certificates[order.removeFirst()] = nil
        }
    }
}
