internal import CMicroHTTPD
import Dispatch
import Glibc
import Synchronization

/// A `struct MHD_Daemon *` that crosses threads.
struct DaemonHandle: @unchecked Sendable {
    // @unchecked Sendable: a daemon started without threads of its own is driven by one
    // MicroHTTPEventLoop; libmicrohttpd is called through this pointer on that loop's thread only
    // (MHD_run, MHD_get_timeout, MHD_quiesce_daemon), and by MHD_stop_daemon once the thread has ended.
    let pointer: OpaquePointer
}

/// The running libmicrohttpd daemons of one server: started in `init`, stopped by ``stop()`` or `deinit`.
///
/// There are ``HTTPServerConfiguration/threadCount`` daemons, each run by its own
/// ``MicroHTTPEventLoop``, all accepting on one listen socket (the first daemon binds it, the others
/// share it). A connection stays with the daemon that accepted it, and its requests' handlers run on
/// that daemon's loop.
final class MicroHTTPDaemon: Sendable {
    /// The port the listen socket is bound to (the chosen one when 0 was asked for).
    let port: Int
    /// The requests all daemons have begun and not completed.
    let registry = RequestRegistry()
    private let workers: [Worker]
    private let state: Mutex<State>

    /// One daemon, the loop that runs it and the context of its callbacks.
    private struct Worker: Sendable {
        let daemon: DaemonHandle
        let loop: MicroHTTPEventLoop
        let dispatcher: RequestDispatcher
    }

    private struct State: ~Copyable {
        // The shared listen socket: bound by the first daemon, which (like every other) stops using
        // it when quiesced; ours to shut down then and to close after the last MHD_stop_daemon.
        var listenSocket: Int32
        var isQuiesced = false
        var isStopped = false
    }

    /// Starts listening.
    ///
    /// - Throws: ``HTTPServerError`` when the configuration is invalid or the address cannot be bound.
    init(configuration: HTTPServerConfiguration, handler: any HTTPRequestHandler) throws(HTTPServerError) {
        try configuration.validate()
        guard let address = BindAddress(host: configuration.host, port: configuration.port) else {
            throw HTTPServerError(.invalidConfiguration, "host is not an IP address")
        }
        var workers: [Worker] = []
        var listenSocket: Int32 = -1
        do throws(HTTPServerError) {
            for index in 0..<configuration.threadCount {
                let loop = try MicroHTTPEventLoop(name: "http-loop-\(index)")
                let dispatcher = RequestDispatcher(
                    handler: handler, maxBodyBytes: configuration.maxBodyBytes, registry: registry, loop: loop)
                let daemon = try Self.startDaemon(
                    configuration: configuration, address: address, sharing: listenSocket,
                    connectionLimit: Self.share(
                        of: configuration.connectionLimit, daemon: index, of: configuration.threadCount),
                    dispatcher: dispatcher)
                workers.append(Worker(daemon: daemon, loop: loop, dispatcher: dispatcher))
                if index == 0 {
                    listenSocket = cmhd_daemon_listen_socket(daemon.pointer)
                    guard listenSocket >= 0 else {
                        throw HTTPServerError(.startFailed, "libmicrohttpd did not report its listen socket")
                    }
                }
                try loop.start(running: daemon)
            }
        } catch {
            Self.stop(workers, listenSocket: listenSocket)
            throw error
        }
        self.workers = workers
        self.port = Int(cmhd_daemon_bind_port(workers[0].daemon.pointer))
        self.state = Mutex(State(listenSocket: listenSocket))
    }

    deinit {
        stop()
    }

    /// Stops accepting connections: every daemon lets go of the listen socket, which is then shut
    /// down, so new connections are refused. Connections already open are still served, each
    /// response closing its connection. Safe to call more than once.
    func stopAccepting() {
        let listenSocket: Int32? = state.withLock { state in
            guard !state.isQuiesced else { return nil }
            state.isQuiesced = true
            return state.listenSocket
        }
        guard let listenSocket else { return }
        for worker in workers {
            worker.dispatcher.isDraining = true
            onLoop(of: worker) { _ = MHD_quiesce_daemon(worker.daemon.pointer) }
        }
        // The socket stays open until after MHD_stop_daemon; shutting it down makes the kernel refuse
        // new connections (and reset those still in the backlog) right away.
        if listenSocket >= 0 { _ = Glibc.shutdown(listenSocket, Int32(SHUT_RDWR)) }
    }

    /// Answers every request whose handler still runs with 503 and cancels the handlers; requests
    /// whose handler has not started (and later ones) are answered 503 without it.
    func abandonAll() {
        for request in registry.close() {
            request.abandon(with: .shuttingDown)
        }
    }

    /// Answers the requests whose handler still runs with 503, then stops the daemons and their
    /// loops and closes every connection. Safe to call more than once; not from a request handler.
    func stop() {
        stopAccepting()
        abandonAll()
        let listenSocket: Int32? = state.withLock { state in
            guard !state.isStopped else { return nil }
            state.isStopped = true
            return state.listenSocket
        }
        guard let listenSocket else { return }
        Self.stop(workers, listenSocket: listenSocket)
    }

    /// Runs `body` on `worker`'s loop thread and waits for it; runs it here if this is that thread or
    /// the loop has stopped.
    private func onLoop(of worker: Worker, _ body: @escaping @Sendable () -> Void) {
        guard !worker.loop.isCurrent else { return body() }
        let done = DispatchSemaphore(value: 0)
        let enqueued = worker.loop.enqueue {
            body()
            done.signal()
        }
        if enqueued { done.wait() } else { body() }
    }

    /// Ends the loops, then stops their daemons (which closes their connections) and closes the
    /// shared socket. Each daemon is quiesced first, if it was not already, so that none closes the
    /// socket itself while the others still hold it.
    private static func stop(_ workers: [Worker], listenSocket: Int32) {
        for worker in workers { worker.loop.stop() }
        for worker in workers {
            _ = MHD_quiesce_daemon(worker.daemon.pointer)
            MHD_stop_daemon(worker.daemon.pointer)
        }
        if listenSocket >= 0 { _ = close(listenSocket) }
    }

    /// Daemon `index`'s part of `total` connections split across `count` daemons.
    private static func share(of total: Int, daemon index: Int, of count: Int) -> Int {
        total / count + (index < total % count ? 1 : 0)
    }

    /// Starts one daemon without threads of its own: it binds `address`, or shares `listenSocket`
    /// when that is not -1.
    private static func startDaemon(
        configuration: HTTPServerConfiguration, address: BindAddress, sharing listenSocket: Int32,
        connectionLimit: Int, dispatcher: RequestDispatcher
    ) throws(HTTPServerError) -> DaemonHandle {
        var flags = MHD_USE_EPOLL.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
        if address.family == AF_INET6 { flags |= MHD_USE_IPv6.rawValue }
        // The dispatcher is passed unretained: the worker keeps it alive, and the daemon (the only
        // caller of the callbacks) is stopped before the worker is released.
        let context = Unmanaged.passUnretained(dispatcher).toOpaque()
        let daemon = address.withSocketAddress { socketAddress in
            cmhd_start_daemon(
                UInt32(flags), socketAddress, listenSocket, UInt32(configuration.connectionTimeoutSeconds),
                UInt32(connectionLimit), MicroHTTPCallbacks.access, MicroHTTPCallbacks.completed,
                MicroHTTPCallbacks.uri, context)
        }
        guard let daemon else {
            throw HTTPServerError(
                .startFailed,
                "could not listen on \(configuration.host):\(configuration.port) "
                    + "(the port may be in use, or the address not local to this machine)")
        }
        return DaemonHandle(pointer: daemon)
    }
}
