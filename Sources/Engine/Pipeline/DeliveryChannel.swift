public import Foundation
public import Providers
public import Transport

/// A channel ready for the pipeline: its settings, its provider, and its policies.
public struct DeliveryChannel: Sendable {
    /// The channel in its environment.
    public var key: ChannelKey
    /// The validated settings.
    public var settings: ChannelSettings
    /// The channel's type.
    public var channelType: ChannelType
    /// The provider, built from the settings.
    public var provider: any Provider
    /// How failed attempts are retried.
    public var retryPolicy: RetryPolicy
    /// The most attempts in flight at once on this channel.
    public var concurrency: Int
    /// The environment's default time zone, for send windows of recipients without a valid one.
    public var defaultTimeZone: TimeZone

    /// Creates a channel.
    public init(
        key: ChannelKey, settings: ChannelSettings, channelType: ChannelType, provider: any Provider,
        retryPolicy: RetryPolicy = .standard, concurrency: Int = 16,
        defaultTimeZone: TimeZone = TimeZone(identifier: "Etc/UTC")!
    ) {
        self.key = key
        self.settings = settings
        self.channelType = channelType
        self.provider = provider
        self.retryPolicy = retryPolicy
        self.concurrency = concurrency
        self.defaultTimeZone = defaultTimeZone
    }

    /// A fresh rate limiter for the channel's configured rate limit, burst and concurrency.
    func makeRateLimiter() -> RateLimiter {
        RateLimiter(rate: settings.rateLimit?.ratePerSecond, burst: settings.rateLimit?.burst, concurrency: concurrency)
    }
}

/// The channels the pipeline delivers through, by environment and channel id.
public struct ChannelDirectory: Sendable {
    private var channels: [ChannelKey: DeliveryChannel] = [:]
    /// The channels, in a stable order.
    public private(set) var keys: [ChannelKey] = []

    /// Creates a directory of the given channels.
    public init(_ channels: [DeliveryChannel]) {
        for channel in channels { add(channel) }
    }

    /// Builds every enabled channel of every environment in a configuration whose `$env`/`$file`
    /// references were resolved at load time (see ``ChannelConfiguration/resolvedEnvironments``).
    ///
    /// The other environments' settings lack their secrets (a webhook's signing key, say), so their
    /// channels are left out rather than built without them: messages for them stay queued.
    ///
    /// Each provider gets the transport wrapped in a ``LoggingTransport`` that records its exchanges,
    /// with the channel's secrets redacted, into the attempt's delivery log. Providers resolve relative
    /// paths in their settings (the outbox's `directory`) against `dataDirectory`. Requests to URLs that API
    /// callers, templates, channel data or callbacks can choose (webhooks, Slack incoming webhooks, SNS
    /// handshakes) go through `outboundGuard` when one is given, its transport logged the same way.
    ///
    /// - Throws: ``ProviderError`` if a provider rejects its settings.
    public static func build(
        from configuration: ChannelConfiguration, registry: ProviderRegistry, transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() }, dataDirectory: String? = nil,
        outboundGuard: OutboundGuard? = nil
    ) throws -> ChannelDirectory {
        var directory = ChannelDirectory([])
        for environment in configuration.environments
        where configuration.resolvedEnvironments?.contains(environment.name) ?? true {
            let timeZone = TimeZone(identifier: environment.timezone) ?? TimeZone(identifier: "Etc/UTC")!
            for settings in configuration.settings(in: environment.name) where settings.isEnabled {
                guard let definition = registry.definition(for: settings.provider) else { continue }
                let logging = LoggingTransport(
                    upstream: transport, provider: settings.provider.rawValue,
                    redactor: FixtureRedactor(secrets: settings.secrets), now: now)
                let guarded = outboundGuard.map { outboundGuard in
                    OutboundGuard(
                        transport: LoggingTransport(
                            upstream: outboundGuard.transport, provider: settings.provider.rawValue,
                            redactor: FixtureRedactor(secrets: settings.secrets), now: now),
                        policy: outboundGuard.policy)
                }
                let provider = try registry.makeProvider(
                    for: settings,
                    dependencies: ProviderDependencies(
                        transport: logging, now: now, dataDirectory: dataDirectory, outboundGuard: guarded))
                directory.add(
                    DeliveryChannel(
                        key: ChannelKey(environment: environment.name, channelID: settings.channelID),
                        settings: settings, channelType: definition.channelType(for: settings), provider: provider,
                        retryPolicy: RetryPolicy.standard.overridden(by: settings.retry),
                        concurrency: settings.concurrency ?? 16, defaultTimeZone: timeZone))
            }
        }
        return directory
    }

    /// The channel for a key, if configured and enabled.
    public func channel(_ key: ChannelKey) -> DeliveryChannel? {
        channels[key]
    }

    /// Adds or replaces a channel.
    public mutating func add(_ channel: DeliveryChannel) {
        if channels[channel.key] == nil { keys.append(channel.key) }
        channels[channel.key] = channel
    }
}
