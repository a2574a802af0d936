public import Foundation
public import Transport

/// How to build one kind of provider from configuration: its name, channel type, settings and factory.
///
/// Adding a provider is one folder with its adapter and one ``ProviderRegistry`` registration line.
public struct ProviderDefinition: Sendable {
    /// The name written in configuration, such as `postmark`.
    public var id: ProviderID
    /// The channel type it serves; for providers with a ``channelTypeSetting``, the type when that
    /// setting is absent.
    public var channelType: ChannelType
    /// The name of a setting that chooses the channel type per channel (the outbox's `channel_type`),
    /// or `nil` when the provider serves ``channelType`` only.
    public var channelTypeSetting: String?
    /// One sentence for `delivery-host providers` and the docs.
    public var summary: String
    /// The per-environment settings it accepts (besides the common ones, see ``ChannelSettings``).
    public var settings: SettingsSchema
    /// Builds the provider from validated settings.
    public var make: @Sendable (ChannelSettings, ProviderDependencies) throws -> any Provider

    /// Creates a definition.
    public init(
        id: ProviderID,
        channelType: ChannelType,
        summary: String,
        channelTypeSetting: String? = nil,
        settings: SettingsSchema,
        make: @escaping @Sendable (ChannelSettings, ProviderDependencies) throws -> any Provider
    ) {
        self.id = id
        self.channelType = channelType
        self.channelTypeSetting = channelTypeSetting
        self.summary = summary
        self.settings = settings
        self.make = make
    }
}

extension ProviderDefinition {
    /// The channel type of a channel with these settings: the ``channelTypeSetting``'s value when the
    /// provider has one and it names a type, ``channelType`` otherwise.
    ///
    /// - Parameter settings: The channel's validated settings in one environment.
    /// - Returns: The channel type.
    public func channelType(for settings: ChannelSettings) -> ChannelType {
        channelTypeSetting.flatMap { settings.string($0) }.flatMap(ChannelType.init(rawValue:)) ?? channelType
    }
}

/// What providers are built with besides their settings.
public struct ProviderDependencies: Sendable {
    /// The HTTP transport (libcurl, or a fixture replayer in tests).
    public var transport: any HTTPTransport
    /// The wall clock, for signature timestamps and token expiry; injected so tests can pin it.
    public var now: @Sendable () -> Date
    /// Opens an SMTP connection factory for a server (the SMTP email provider); libcurl by default.
    public var makeSMTPTransport: @Sendable (CurlSMTPClient.Configuration) throws -> any SMTPTransport
    /// The host's data directory, against which providers resolve relative paths (the outbox's
    /// `directory`); `nil` for the current directory.
    public var dataDirectory: String?
    /// The guarded transport for URLs that come from API callers, workflow templates, channel data or
    /// callbacks (webhooks, Slack incoming webhooks, SNS handshakes); `nil` to use ``transport`` unguarded.
    public var outboundGuard: OutboundGuard?

    /// The transport for requests whose URL an API caller, a workflow template, channel data or a callback
    /// can choose: the ``outboundGuard``'s when there is one, ``transport`` otherwise.
    public var guardedTransport: any HTTPTransport { outboundGuard?.transport ?? transport }

    /// Creates dependencies.
    ///
    /// - Parameters:
    ///   - transport: The HTTP transport.
    ///   - now: The wall clock; the system clock by default.
    ///   - makeSMTPTransport: Builds the SMTP client for a server; ``CurlSMTPClient`` by default.
    ///   - dataDirectory: The host's data directory, for relative paths in settings.
    ///   - outboundGuard: The guarded transport for URLs that do not come from the configuration alone.
    public init(
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() },
        makeSMTPTransport: @escaping @Sendable (CurlSMTPClient.Configuration) throws -> any SMTPTransport = {
            try CurlSMTPClient(configuration: $0)
        },
        dataDirectory: String? = nil,
        outboundGuard: OutboundGuard? = nil
    ) {
        self.outboundGuard = outboundGuard
        self.transport = transport
        self.now = now
        self.makeSMTPTransport = makeSMTPTransport
        self.dataDirectory = dataDirectory
    }
}
