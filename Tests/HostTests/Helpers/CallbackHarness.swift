import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Signing
import TestSupport
import Transport

/// A clock standing still at a fixed instant (nothing in the callback path sleeps).
struct FixedEngineClock: EngineClock {
    let instant: Date

    func now() -> Date { instant }

    func sleep(until date: Date) async throws { try Task.checkCancellation() }
}

/// Answers requests by URL from a fixed table and records them; an unknown URL cannot connect.
actor URLTableTransport: HTTPTransport {
    private let routes: [String: HTTPResponse]
    private(set) var requests: [HTTPRequest] = []

    init(_ routes: [String: HTTPResponse] = [:]) {
        self.routes = routes
    }

    func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        requests.append(request)
        guard let response = routes[request.url] else {
            throw TransportError(.connectFailed, "URLTableTransport has no route for \(request.url)")
        }
        return response
    }
}

/// A provider without status callbacks.
struct SilentProvider: Provider {
    var id: ProviderID { "silent" }

    func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        throw ProviderError(.internalFailure, provider: id, message: "never sends")
    }
}

/// An in-memory store and pipeline behind a router with the callback routes.
struct CallbackHarness {
    /// When the callbacks arrive: a minute after the SNS fixtures were published (2026-06-01T10:01:00Z).
    static let now = Date(timeIntervalSince1970: 1_780_308_060)
    static let publicURL = "https://hooks.acme.example"

    let store = InMemoryMessageStore()
    let pipeline: DeliveryPipeline
    let metrics = MetricsRegistry()
    let collector = LineCollector()
    let router: APIRouter

    init(_ channels: [DeliveryChannel], publicURL: String? = Self.publicURL) {
        let directory = ChannelDirectory(channels)
        pipeline = DeliveryPipeline(store: store, channels: directory, clock: FixedEngineClock(instant: Self.now))
        var router = HostTestSupport.router(collector: collector, metrics: metrics, maxBodyBytes: 1 << 16)
        router.register(
            CallbackRoutes(
                pipeline: pipeline, channels: directory, metrics: metrics,
                logger: HostTestSupport.logger(collector), publicURL: publicURL, now: { Self.now }))
        self.router = router
    }

    static func channel(
        _ id: String, type: ChannelType, provider: any Provider, environment: String = "production"
    ) -> DeliveryChannel {
        DeliveryChannel(
            key: ChannelKey(environment: environment, channelID: id),
            settings: ChannelSettings(channelID: id, provider: provider.id, environment: environment),
            channelType: type, provider: provider)
    }

    /// Stores a message the provider accepted (`sent`) under `providerMessageID`.
    func insertSent(
        _ id: String, channel: String, provider: ProviderID, type: ChannelType, providerMessageID: String
    ) async throws {
        let message = MessageRecord(
            id: id, environment: "production", channelID: channel, provider: provider, channelType: type,
            recipient: Recipient(id: "user-1"), content: nil, status: .sent, providerMessageID: providerMessageID,
            attemptCount: 1, nextAttemptAt: nil, createdAt: Self.now.addingTimeInterval(-60),
            updatedAt: Self.now.addingTimeInterval(-60))
        try await store.insert(message, events: [])
    }

    /// A POST as a provider sends it: no API key; `target` is the path and query as sent.
    func post(_ target: String, headers: [(name: String, value: String)], body: [UInt8]) async -> HTTPServerResponse {
        let path = String(target.prefix { $0 != "?" })
        let query = target.contains("?") ? String(target.drop { $0 != "?" }.dropFirst()) : nil
        let request = HTTPServerRequest(
            method: "POST", path: path, rawPath: path, headers: headers, body: body, rawQuery: query)
        return await router.handle(request)
    }

    func status(_ id: String) async -> DeliveryStatus? {
        await store.message(id: id)?.status
    }

    func eventCount(_ id: String) async -> Int {
        await store.events(messageID: id).count
    }

    func counter(_ family: MetricFamily, provider: String, result: String) -> Double? {
        metrics.value(family.name, ["provider": provider, "result": result])
    }
}
