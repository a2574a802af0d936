public import Engine
public import HTTPServer
public import Providers
public import SQLiteStore
internal import Synchronization
internal import Transport

/// `delivery-host serve` assembled: the message store, the delivery pipeline, the workflow engine, the API
/// router and the HTTP server, started together and shut down together.
///
/// Shutdown order: stop accepting and drain the HTTP server, then stop the workflow engine (the run it is
/// advancing finishes and is stored; waiting runs stay stored for the next start), then cancel the
/// pipeline (it stops claiming, lets attempts in flight finish within its drain timeout and releases its
/// leases), then shut the providers and the HTTP clients down.
///
/// Webhook channels, Slack incoming webhooks, workflow fetch steps and SNS handshakes send through the
/// outbound address policy with `host.outbound_allow_list` (see ``OutboundClients``).
public final class HostService: Sendable {
    /// What route groups are built from.
    public struct Components: Sendable {
        /// The loaded configuration.
        public var channels: ChannelConfiguration
        /// The host settings and keys.
        public var host: HostConfiguration
        /// The message store.
        public var store: SQLiteMessageStore
        /// The delivery pipeline.
        public var pipeline: DeliveryPipeline
        /// The workflow engine, over the same store and pipeline.
        public var engine: WorkflowEngine
        /// The schedules, which trigger the engine's workflows at their times.
        public var schedules: ScheduleRunner
        /// The metrics registry.
        public var metrics: MetricsRegistry
        /// The logger.
        public var logger: HostLogger
        /// The engine's settings of each environment served (variables, time zone, channels).
        public var environments: [String: WorkflowEnvironment]
    }

    /// The components, for route groups and tests.
    public let components: Components
    /// The HTTP server.
    public let server: HTTPServer
    /// The HTTP clients: provider APIs unguarded, caller-chosen URLs through the address policy.
    private let clients: OutboundClients
    private let directory: ChannelDirectory
    private let pipelineTask: Task<Void, Never>
    private let engineTask: Task<Void, Never>
    private let scheduleTask: Task<Void, Never>
    private let running: RunningFlag

    /// How long the pipeline may take to finish attempts in flight after shutdown starts.
    public static let pipelineDrain: Duration = .seconds(30)
    /// How long the HTTP server may take to finish requests in flight.
    public static let serverDrainSeconds = 10

    /// Opens the store, builds the channels and the pipeline, and starts the pipeline and the server.
    ///
    /// - Parameters:
    ///   - channels: The loaded configuration, references resolved for the environments served.
    ///   - host: The host settings and keys.
    ///   - logger: The logger.
    ///   - workflows: The workflows the engine runs (none by default).
    ///   - routeGroups: The API's route groups, built from the components; the operations and provider
    ///     callback groups are added.
    /// - Throws: Errors opening the store, building channels, reading channel conditions or binding the
    ///   address.
    public init(
        channels: ChannelConfiguration, host: HostConfiguration, logger: HostLogger,
        workflows: WorkflowCatalog = WorkflowCatalog(), routeGroups: (Components) -> [any RouteGroup] = { _ in [] }
    ) async throws {
        let store = try SQLiteMessageStore.open(directory: host.server.dataDirectory)
        let clients = try OutboundClients(allowList: host.server.outboundAllowList)
        let directory: ChannelDirectory
        let environments: [String: WorkflowEnvironment]
        do {
            directory = try clients.channels(from: channels, dataDirectory: host.server.dataDirectory)
            environments = try WorkflowEnvironment.all(from: channels)
        } catch {
            await clients.shutdown()
            throw error
        }
        let clock = SystemEngineClock()
        let metrics = MetricsRegistry()
        let pipeline = DeliveryPipeline(
            store: store, channels: directory, channelData: store, clock: clock,
            statusWebhooks: channels.statusWebhooksByEnvironment,
            observer: DeliveryMetricsObserver(registry: metrics))
        let engine = WorkflowEngine(
            catalog: workflows, environments: environments, recipients: store, messages: store, delivery: pipeline,
            store: store, triggers: store, clock: clock, transport: clients.fetchTransport)
        let providers = directory.keys.map { key in
            (key: key, provider: directory.channel(key)?.settings.provider.rawValue ?? "unknown")
        }
        HostMetrics.addMessageGauges(to: metrics, store: store, channels: providers, now: { clock.now() })
        let schedules = ScheduleRunner(store: store, engine: engine)
        let components = Components(
            channels: channels, host: host, store: store, pipeline: pipeline, engine: engine, schedules: schedules,
            metrics: metrics, logger: logger, environments: environments)
        let running = RunningFlag()
        let engineRunning = RunningFlag()
        var router = APIRouter(
            authenticator: APIKeyAuthenticator(keysByEnvironment: host.apiKeys), metrics: metrics, logger: logger,
            maxBodyBytes: host.server.maxBodyBytes)
        router.register(
            OperationsRoutes(
                metrics: metrics,
                readiness: [
                    ReadinessCheck("store") { (try? await store.countByStatus(channel: nil)) != nil },
                    ReadinessCheck("pipeline") { running.isSet },
                    ReadinessCheck("workflows") { engineRunning.isSet },
                ]))
        router.register(
            CallbackRoutes(
                pipeline: pipeline, channels: directory, metrics: metrics, logger: logger,
                publicURL: host.server.publicURL))
        for group in routeGroups(components) { router.register(group) }
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: host.server.address, port: host.server.port, threadCount: host.server.threads,
                maxBodyBytes: host.server.maxBodyBytes),
            handler: router)
        do {
            try server.start()
        } catch {
            await clients.shutdown()
            throw error
        }
        self.components = components
        self.server = server
        self.clients = clients
        self.directory = directory
        self.running = running
        self.pipelineTask = Task { await pipeline.run(drainTimeout: Self.pipelineDrain) }
        // Runs execute at a lower priority than requests: accepting triggers comes first, and the runs
        // they stored are picked up from the store when there is time.
        self.engineTask = Task(priority: .background) {
            await engine.run()
            engineRunning.clear()
        }
        self.scheduleTask = Task(priority: .background) { await schedules.run() }
    }

    /// The port the server listens on (the one picked when the configured port is 0).
    public var port: Int { server.port }

    /// Whether the pipeline is running (``shutdown()`` not begun).
    public var isRunning: Bool { running.isSet }

    /// Stops accepting requests, drains the server and the pipeline, and shuts the providers down.
    public func shutdown() async {
        running.clear()
        await server.shutdown(drainSeconds: Self.serverDrainSeconds)
        scheduleTask.cancel()
        await scheduleTask.value
        engineTask.cancel()
        await engineTask.value
        pipelineTask.cancel()
        await pipelineTask.value
        for key in directory.keys { await directory.channel(key)?.provider.shutdown() }
        await clients.shutdown()
    }
}

/// A flag shared between the service and its readiness check.
final class RunningFlag: Sendable {
    private let value = Mutex(true)

    var isSet: Bool { value.withLock { $0 } }

    func clear() { value.withLock { $0 = false } }
}
