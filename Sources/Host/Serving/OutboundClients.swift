public import Engine
public import Foundation
public import Providers
public import Transport

/// The two libcurl clients `serve` sends with, and the channels and fetch transport built on them.
///
/// - ``client`` has no address policy. Provider API requests use it: their URLs are the providers' fixed
///   official endpoints or a `base_url` the operator configured (a local mock in tests and development).
/// - ``guarded`` enforces the ``OutboundAddressPolicy`` with `host.outbound_allow_list` as its allow-list.
///   Every request whose URL an API caller, a workflow template, channel data or a callback can choose goes
///   through it: webhook channels (status webhooks included), Slack incoming webhooks, workflow fetch
///   steps and SES's SNS handshakes. A loopback, private, link-local or metadata address is refused unless
///   the allow-list names it. A webhook or Slack channel with a `base_url` override sends through
///   ``client``: the operator fixed the origin of its requests.
///
/// ```swift
/// let clients = try OutboundClients(allowList: host.server.outboundAllowList)
/// let directory = try clients.channels(from: configuration, dataDirectory: host.server.dataDirectory)
/// // … WorkflowEngine(…, transport: clients.fetchTransport)
/// await clients.shutdown()
/// ```
public struct OutboundClients: Sendable {
    /// The allow-list's path in the configuration file, named in its errors.
    public static let allowListPath = "host.outbound_allow_list"

    /// The client without an address policy, for provider APIs.
    public let client: CurlHTTPClient
    /// The client enforcing ``policy``.
    public let guarded: CurlHTTPClient
    /// The policy ``guarded`` enforces: the default denied ranges, less the allow-list.
    public let policy: OutboundAddressPolicy

    /// Creates both clients.
    ///
    /// - Parameter allowList: `host.outbound_allow_list`: addresses, CIDR networks and host names the guarded
    ///   client may reach despite the denied ranges; `nil` or empty for none.
    /// - Throws: ``TransportError`` for an allow-list entry that is none of those (the message names
    ///   `host.outbound_allow_list[i]`), or if libcurl cannot start.
    public init(allowList: [String]?) throws {
        let policy = try OutboundAddressPolicy(allowing: allowList ?? [], path: Self.allowListPath)
        // If the second client fails, the first one's deinit stops its loop thread.
        client = try CurlHTTPClient()
        guarded = try CurlHTTPClient(configuration: .init(outboundAddressPolicy: policy))
        self.policy = policy
    }

    /// The guard handed to providers: ``guarded`` and ``policy``.
    public var outboundGuard: OutboundGuard { OutboundGuard(transport: guarded, policy: policy) }

    /// The transport of workflow fetch steps (their URLs come from workflow templates): ``guarded``.
    public var fetchTransport: any HTTPTransport { guarded }

    /// Builds the configured channels over these clients.
    ///
    /// - Parameters:
    ///   - configuration: The loaded configuration.
    ///   - dataDirectory: The host's data directory, for relative paths in settings.
    ///   - now: The wall clock.
    /// - Returns: The channel directory.
    /// - Throws: ``ProviderError`` if a provider rejects its settings.
    public func channels(
        from configuration: ChannelConfiguration, dataDirectory: String?,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> ChannelDirectory {
        try ChannelDirectory.build(
            from: configuration, registry: .standard, transport: client, now: now, dataDirectory: dataDirectory,
            outboundGuard: outboundGuard)
    }

    /// Shuts both clients down.
    public func shutdown() async {
        await client.shutdown()
        await guarded.shutdown()
    }
}
