import Synchronization

/// An HTTP/1.1 server on libmicrohttpd that hands complete requests to an ``HTTPRequestHandler``.
///
/// Connections are kept alive between requests. Each request's headers and body are read in full
/// (bodies over ``HTTPServerConfiguration/maxBodyBytes`` get 413 without reaching the handler), then
/// the handler runs in a task while its connection waits, so slow handlers never hold the server's
/// threads.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), handler: router)
/// try server.start()
/// print("listening on", server.port)
/// await server.shutdown(drainSeconds: 10)
/// ```
public final class HTTPServer: Sendable {
    /// The configuration it was created with.
    public let configuration: HTTPServerConfiguration
    private let handler: any HTTPRequestHandler
    private let daemon = Mutex<MicroHTTPDaemon?>(nil)
    private let boundPort = Atomic<Int>(-1)

    /// How long shutdown waits for the 503 answers of abandoned handlers to be sent.
    static let abandonGrace = Duration.seconds(2)

    /// Creates a server; it does not listen until ``start()``.
    public init(configuration: HTTPServerConfiguration, handler: any HTTPRequestHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// The port it listens on once started (the one chosen when the configuration asked for 0);
    /// the configured port before then.
    public var port: Int {
        let bound = boundPort.load(ordering: .acquiring)
        return bound >= 0 ? bound : configuration.port
    }

    /// Starts listening; requests are served from then on.
    ///
    /// - Throws: ``HTTPServerError``: `.invalidConfiguration` naming the bad setting, or `.startFailed`
    ///   when the address cannot be bound or the server was started before.
    public func start() throws {
        try daemon.withLock { (daemon: inout MicroHTTPDaemon?) throws(HTTPServerError) in
            guard daemon == nil, boundPort.load(ordering: .acquiring) < 0 else {
                throw HTTPServerError(.startFailed, "the server was already started; create a new one to listen again")
            }
            let started = try MicroHTTPDaemon(configuration: configuration, handler: handler)
            boundPort.store(started.port, ordering: .releasing)
            daemon = started
        }
    }

    /// The number of requests begun and not yet complete.
    var requestsInFlight: Int {
        daemon.withLock { $0?.registry.count ?? 0 }
    }

    /// Stops accepting new connections without waiting: the first step of ``shutdown(drainSeconds:)``.
    func stopAccepting() {
        daemon.withLock { $0?.stopAccepting() }
    }

    /// Stops accepting connections, lets requests in flight finish (up to `drainSeconds`), then stops.
    ///
    /// New connections are refused at once. Requests already begun, on connections already open,
    /// are served, each response carrying `Connection: close`. Once none is left, or after
    /// `drainSeconds`, handlers still running are cancelled and their requests answered 503 (given up
    /// to 2 more seconds to be sent), and every connection is closed. Calling it again, or before ``start()``, does nothing.
    public func shutdown(drainSeconds: Int = 10) async {
        guard let running = daemon.withLock({ $0 }) else { return }
        running.stopAccepting()
        let registry = running.registry
        await registry.waitUntilEmpty(timeout: .seconds(max(drainSeconds, 0)))
        running.abandonAll()
        // A moment for the 503s of abandoned handlers to be written before the connections close.
        await registry.waitUntilEmpty(timeout: Self.abandonGrace)
        let stopping = daemon.withLock { daemon in
            defer { daemon = nil }
            return daemon
        }
        stopping?.stop()
    }
}
