internal import CMicroHTTPD
import Glibc
import Synchronization

/// One running libmicrohttpd daemon: started in `init`, stopped by ``stop()`` or `deinit`.
///
/// The daemon runs its own threads (a pool of ``HTTPServerConfiguration/threadCount``, polling with
/// epoll where available) and calls into ``RequestDispatcher``.
final class MicroHTTPDaemon: Sendable {
    /// The port the listen socket is bound to (the chosen one when 0 was asked for).
    let port: Int
    let dispatcher: RequestDispatcher
    private let state: Mutex<State>

    private struct State: ~Copyable {
        // The `struct MHD_Daemon *`: created by MHD_start_daemon in init, freed by MHD_stop_daemon in
        // stop(), which sets this to nil so it happens once.
        var daemon: OpaquePointer?
        // The listen socket handed back by MHD_quiesce_daemon: ours to close, but only after
        // MHD_stop_daemon (a daemon thread may still look at it until then).
        var quiescedSocket: Int32?
    }

    /// Starts listening.
    ///
    /// - Throws: ``HTTPServerError`` when the configuration is invalid or the address cannot be bound.
    init(configuration: HTTPServerConfiguration, handler: any HTTPRequestHandler) throws(HTTPServerError) {
        try configuration.validate()
        guard let address = BindAddress(host: configuration.host, port: configuration.port) else {
            throw HTTPServerError(.invalidConfiguration, "host is not an IP address")
        }
        let dispatcher = RequestDispatcher(handler: handler, maxBodyBytes: configuration.maxBodyBytes)
        var flags = MHD_USE_AUTO_INTERNAL_THREAD.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
        if address.family == AF_INET6 { flags |= MHD_USE_IPv6.rawValue }
        // The dispatcher is passed unretained: this object keeps it alive and stops the daemon (the
        // only caller of the callbacks) before releasing it.
        let context = Unmanaged.passUnretained(dispatcher).toOpaque()
        let daemon = address.withSocketAddress { socketAddress in
            cmhd_start_daemon(
                UInt32(flags), socketAddress, UInt32(configuration.threadCount > 1 ? configuration.threadCount : 0),
                UInt32(configuration.connectionTimeoutSeconds), UInt32(configuration.connectionLimit),
                MicroHTTPCallbacks.access, MicroHTTPCallbacks.completed, MicroHTTPCallbacks.uri, context)
        }
        guard let daemon else {
            throw HTTPServerError(
                .startFailed,
                "could not listen on \(configuration.host):\(configuration.port) "
                    + "(the port may be in use, or the address not local to this machine)")
        }
        self.dispatcher = dispatcher
        self.port = Int(cmhd_daemon_bind_port(daemon))
        self.state = Mutex(State(daemon: daemon))
    }

    deinit {
        stop()
    }

    /// Stops accepting connections: the listen socket leaves the daemon and is shut down, so new
    /// connections are refused. Connections already open are still served, each response closing
    /// its connection. Safe to call more than once.
    func stopAccepting() {
        dispatcher.isDraining = true
        state.withLock { state in
            guard let daemon = state.daemon, state.quiescedSocket == nil else { return }
            let socket = MHD_quiesce_daemon(daemon)
            guard socket >= 0 else { return }
            state.quiescedSocket = socket
            // The socket stays open until after MHD_stop_daemon; shutting it down makes the kernel
            // refuse new connections (and reset those still in the backlog) right away.
            _ = Glibc.shutdown(socket, Int32(SHUT_RDWR))
        }
    }

    /// Answers the requests whose handler still runs with 503, then stops the daemon and closes every
    /// connection. Safe to call more than once.
    func stop() {
        stopAccepting()
        dispatcher.abandonAll()
        let (daemon, socket) = state.withLock { state in
            defer { state = State() }
            return (state.daemon, state.quiescedSocket)
        }
        if let daemon { MHD_stop_daemon(daemon) }
        if let socket { _ = close(socket) }
    }
}
