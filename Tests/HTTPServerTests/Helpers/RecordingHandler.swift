import HTTPServer
import Synchronization

/// A handler that records every request it is given and answers with `respond`.
final class RecordingHandler: HTTPRequestHandler {
    private let seen = Mutex<[HTTPServerRequest]>([])
    private let respond: @Sendable (HTTPServerRequest) async -> HTTPServerResponse

    init(
        respond: @escaping @Sendable (HTTPServerRequest) async -> HTTPServerResponse = { _ in
            HTTPServerResponse(status: 200)
        }
    ) {
        self.respond = respond
    }

    func handle(_ request: HTTPServerRequest) async -> HTTPServerResponse {
        seen.withLock { $0.append(request) }
        return await respond(request)
    }

    /// The requests handled so far, in the order their handling began.
    var requests: [HTTPServerRequest] {
        seen.withLock { $0 }
    }
}

/// A one-shot latch: ``wait()`` suspends until ``open()`` has been called.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}

/// Signals from handlers to the test: each handler that begins yields its path.
struct StartSignals: Sendable {
    let stream: AsyncStream<String>
    let continuation: AsyncStream<String>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: String.self)
    }

    /// Waits for the next handler to begin and returns its path.
    func next() async -> String? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }
}

/// A handler that reports each request as it begins (``started``), holds the requests whose path
/// `holds` selects until ``gate`` opens, and answers 200 with the request's path as the body.
final class GatedHandler: HTTPRequestHandler {
    let gate = Gate()
    let started = StartSignals()
    private let holds: @Sendable (String) -> Bool
    private let seen = Mutex<[String]>([])

    init(holding holds: @escaping @Sendable (String) -> Bool = { _ in true }) {
        self.holds = holds
    }

    func handle(_ request: HTTPServerRequest) async -> HTTPServerResponse {
        seen.withLock { $0.append(request.path) }
        started.continuation.yield(request.path)
        if holds(request.path) { await gate.wait() }
        return HTTPServerResponse(status: 200, body: Array(request.path.utf8))
    }

    /// The paths of the requests handled so far, in the order their handling began.
    var paths: [String] {
        seen.withLock { $0 }
    }
}
