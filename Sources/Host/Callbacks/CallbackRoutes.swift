public import Engine
public import Foundation
internal import HTTPServer
internal import Providers
internal import Transport

/// The provider callback endpoint: `POST /callbacks/:environment/:channel_id`, one URL per channel and
/// environment, where Twilio, Postmark and SNS (for SES) report what became of the messages sent.
///
/// The route is open: providers cannot send an API key. Authenticity is the provider's own (Twilio's
/// signature over the public URL, Postmark's HTTP Basic credentials, SNS's signed messages), checked by
/// the channel's provider through ``DeliveryPipeline/handleCallback(channel:_:)`` before anything is
/// applied. Answers:
///
/// - 200 with what was applied (also when the message ids are unknown: see ``CallbackResponse``);
/// - 400 `invalid_callback` for an authentic callback that cannot be read;
/// - 401 `invalid_callback_credentials` for a forged or stale one (nothing changes);
/// - 403 `callbacks_not_configured` when the channel lacks the setting needed to verify callbacks;
/// - 404 `resource_missing` for an unknown channel or environment, or a provider without callbacks;
/// - 503 `service_unavailable` when the provider could not finish a handshake (so that it retries).
public struct CallbackRoutes: RouteGroup {
    /// The route's pattern.
    public static let pattern = "/callbacks/:environment/:channel_id"

    private let pipeline: DeliveryPipeline
    private let channels: ChannelDirectory
    private let metrics: MetricsRegistry
    private let logger: HostLogger?
    private let publicURL: String?
    private let now: @Sendable () -> Date

    /// Creates the group.
    ///
    /// - Parameters:
    ///   - pipeline: Verifies and applies callbacks.
    ///   - channels: The channels the pipeline delivers through (to tell unknown channels and providers
    ///     without callbacks apart, and to label metrics by provider).
    ///   - metrics: Where the callback counters go (declared here).
    ///   - logger: Receives one warning per rejected callback (provider, channel, reason; never the body).
    ///   - publicURL: The host's `public_url` setting, or `nil` to use `http://` and the `Host` header.
    ///   - now: The wall clock, for the callback's receipt time (signature timestamp checks).
    public init(
        pipeline: DeliveryPipeline, channels: ChannelDirectory, metrics: MetricsRegistry, logger: HostLogger? = nil,
        publicURL: String?, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.pipeline = pipeline
        self.channels = channels
        self.metrics = metrics
        self.logger = logger
        self.publicURL = publicURL
        self.now = now
        HostMetrics.declareCallbackMetrics(in: metrics)
    }

    public func register(in routes: inout RouteTable) {
        let group = self
        routes.add("POST", Self.pattern, access: .open) { request in try await group.handle(request) }
    }

    private func handle(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.identifier("environment")
        let channelID = try request.identifier("channel_id")
        let key = ChannelKey(environment: environment, channelID: channelID)
        guard let channel = channels.channel(key) else {
            throw HostError.resourceMissing(
                "No channel '\(channelID)' is configured and enabled in environment '\(environment)'")
        }
        let provider = channel.settings.provider.rawValue
        guard channel.provider is any StatusCallbackHandling else {
            throw HostError.resourceMissing(
                "Channel '\(channelID)' uses the \(provider) provider, which takes no status callbacks; "
                    + "callback URLs exist for channels whose provider reports delivery (twilio, postmark, ses)")
        }
        let callback = ProviderCallback(
            method: HTTPMethod(request.http.method),
            url: CallbackURL.url(of: request.http, publicURL: publicURL),
            headers: HTTPHeaders(request.http.headers.map { ($0.name, $0.value) }), body: request.http.body,
            receivedAt: now())
        let result: DeliveryPipeline.CallbackResult
        do {
            result = try await pipeline.handleCallback(channel: key, callback)
        } catch let error as ProviderError {
            metrics.increment(HostMetrics.callbacks.name, ["provider": provider, "result": "rejected"])
            logger?.log(
                .warning, "callback rejected",
                [
                    ("request_id", .string(request.requestID)), ("environment", .string(environment)),
                    ("channel", .string(channelID)), ("provider", .string(provider)),
                    ("code", .string(error.code.description)), ("reason", .string(error.message)),
                ])
            throw HostError.callbackRejected(error)
        }
        record(result, provider: provider)
        return .json(CallbackResponse.body(result))
    }

    private func record(_ result: DeliveryPipeline.CallbackResult, provider: String) {
        metrics.increment(HostMetrics.callbacks.name, ["provider": provider, "result": "accepted"])
        let counts = [
            ("applied", result.applied.count), ("duplicate", result.duplicates.count),
            ("ignored", result.ignored.count), ("unknown_message", result.unknown.count),
        ]
        for (name, count) in counts where count > 0 {
            metrics.increment(
                HostMetrics.callbackUpdates.name, ["provider": provider, "result": name], by: Double(count))
        }
    }
}
