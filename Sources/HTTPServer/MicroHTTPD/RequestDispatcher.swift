internal import CMicroHTTPD
import Synchronization

/// The context of one daemon's callbacks: turns libmicrohttpd's calls into ``HTTPServerRequest``s for
/// the handler and its ``HTTPServerResponse``s back into libmicrohttpd responses.
///
/// Every callback runs on the daemon's event loop thread and returns quickly: handlers run in tasks
/// while their connection is suspended. The tasks prefer that same loop as their executor, so a
/// handler runs between the loop's turns, on the thread that will write its response.
final class RequestDispatcher: Sendable {
    let handler: any HTTPRequestHandler
    let maxBodyBytes: Int
    /// The requests of every daemon of the server.
    let registry: RequestRegistry
    /// The daemon's event loop, which handlers prefer as their executor.
    let loop: MicroHTTPEventLoop
    private let draining = Atomic(false)

    init(handler: any HTTPRequestHandler, maxBodyBytes: Int, registry: RequestRegistry, loop: MicroHTTPEventLoop) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.registry = registry
        self.loop = loop
    }

    /// Whether shutdown has begun; responses then close their connection.
    var isDraining: Bool {
        get { draining.load(ordering: .acquiring) }
        set { draining.store(newValue, ordering: .releasing) }
    }

    /// Starts a request: returns the retained ``MicroHTTPRequest`` that becomes its `con_cls`.
    func begin(uri: String) -> UnsafeMutableRawPointer {
        let request = MicroHTTPRequest(rawURI: uri)
        if !registry.insert(request) { request.abandon(with: .shuttingDown) }
        // +1 for libmicrohttpd's `con_cls`; released by complete(_:) in the completion callback,
        // which libmicrohttpd calls once for every request whose URI callback ran.
        return Unmanaged.passRetained(request).toOpaque()
    }

    /// One call of libmicrohttpd's access handler for `request`.
    ///
    /// The first call (headers complete) checks `Content-Length`; later calls carry body bytes; the
    /// call with no bytes after them ends the body and starts the handler; the call after the
    /// handler resumed the connection queues its response.
    func access(
        _ request: MicroHTTPRequest, connection: MicroHTTPConnection, method: String, uploadSize: inout Int,
        upload: UnsafeRawPointer?
    ) -> Bool {
        if !request.sawHeaders {
            request.sawHeaders = true
            if let length = connection.header("Content-Length").flatMap(Int.init), length > maxBodyBytes {
                return connection.queue(.requestTooLarge(limit: maxBodyBytes), closeConnection: true)
            }
            return true
        }
        if uploadSize > 0 {
            if !request.bodyRejected, let upload {
                if request.body.count + uploadSize > maxBodyBytes {
                    request.bodyRejected = true
                    request.body = []
                } else {
                    request.body.append(contentsOf: UnsafeRawBufferPointer(start: upload, count: uploadSize))
                }
            }
            uploadSize = 0
            return true
        }
        if request.bodyRejected {
            return connection.queue(.requestTooLarge(limit: maxBodyBytes), closeConnection: true)
        }
        switch request.nextStep() {
        case .startHandler:
            return startHandler(for: request, connection: connection, method: method)
        case .respond(let response):
            return connection.queue(response, closeConnection: isDraining)
        case .refuse:
            return connection.queue(.shuttingDown, closeConnection: true)
        case .close:
            return false
        }
    }

    /// Suspends the connection and runs the handler in a task (or answers 503 if shutdown got there first).
    private func startHandler(for request: MicroHTTPRequest, connection: MicroHTTPConnection, method: String)
        -> Bool
    {
        connection.collectHeaders(into: request)
        let target = RequestTarget(uri: request.rawURI)
        let serverRequest = HTTPServerRequest(
            method: method, path: target.path, rawPath: target.rawPath,
            query: target.query.map { ($0.name, $0.value) }, headers: request.headers, body: request.body,
            remoteAddress: connection.remoteAddress, rawQuery: target.rawQuery)
        request.body = []
        let handler = handler
        let started = request.suspend(connection.pointer, on: loop) { [request] in
            let response = await handler.handle(serverRequest)
            request.answer(response)
        }
        return started || connection.queue(.shuttingDown, closeConnection: true)
    }

    /// Ends a request libmicrohttpd has completed, releasing the retain taken in ``begin(uri:)``.
    func complete(_ context: UnsafeMutableRawPointer) {
        let request = Unmanaged<MicroHTTPRequest>.fromOpaque(context).takeRetainedValue()
        registry.remove(request)
    }
}
