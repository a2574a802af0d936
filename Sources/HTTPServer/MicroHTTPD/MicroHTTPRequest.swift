internal import CMicroHTTPD
import Synchronization

/// The state of one request on a libmicrohttpd connection, from its request line to its completion.
///
/// Created by the URI callback and handed to libmicrohttpd as the request's `con_cls` with a +1
/// retain, which the completion callback releases. The handler's task holds its own reference.
final class MicroHTTPRequest: @unchecked Sendable {
    // @unchecked Sendable: the receiving fields (`rawURI`, `headers`, `body`, `sawHeaders`,
    // `bodyRejected`) are touched only by the daemon thread that owns the connection, one callback at
    // a time, and never after the handler's task starts; everything shared with other threads is in
    // `phase`, behind its mutex.
    let rawURI: String
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    var sawHeaders = false
    var bodyRejected = false
    private let phase = Mutex(Phase.receiving)

    /// Where the request is between the daemon thread and the handler's task.
    enum Phase {
        /// Headers and body are arriving on the daemon thread.
        case receiving
        /// The connection is suspended and the handler runs.
        case handling(connection: SuspendedConnection, task: Task<Void, Never>?)
        /// A response is ready and the connection was resumed; the daemon thread queues it next.
        case answered(HTTPServerResponse)
        /// The response was queued (or the request was completed otherwise).
        case finished
        /// Shutdown gave up on the request before its handler started; it is answered 503.
        case abandoned
    }

    /// What the daemon thread does when the body is complete or the connection was resumed.
    enum NextStep {
        /// Start the handler.
        case startHandler
        /// Queue this response.
        case respond(HTTPServerResponse)
        /// Answer 503: the server is stopping.
        case refuse
        /// Nothing can be sent: close the connection.
        case close
    }

    /// A suspended `struct MHD_Connection *`, to be resumed from the handler's task, and the event
    /// loop running its daemon.
    struct SuspendedConnection: @unchecked Sendable {
        // @unchecked Sendable: libmicrohttpd owns the connection and keeps it valid while it is
        // suspended; the only call made through this pointer is MHD_resume_connection, which may be
        // made from any thread, exactly once, under `phase`'s lock.
        let pointer: OpaquePointer
        let loop: MicroHTTPEventLoop

        /// Resumes the connection and makes sure its loop notices.
        ///
        /// libmicrohttpd marks the connection and signals its daemon, but a daemon without threads
        /// of its own can consume that signal in an `MHD_run` that had already looked for resumed
        /// connections, and the loop would then sleep until the next network activity or timeout.
        /// So a resume from another thread also wakes the loop, whose next `MHD_run` finds the mark;
        /// on the loop's own thread, `MHD_run` follows the running job anyway.
        func resume() {
            MHD_resume_connection(pointer)
            if !loop.isCurrent { loop.enqueue {} }
        }
    }

    init(rawURI: String) {
        self.rawURI = rawURI
    }

    /// What the daemon thread does next, at the end of the body or after a resume.
    func nextStep() -> NextStep {
        phase.withLock { phase in
            switch phase {
            case .receiving: return .startHandler
            case .answered(let response):
                phase = .finished
                return .respond(response)
            case .abandoned:
                phase = .finished
                return .refuse
            case .handling, .finished: return .close
            }
        }
    }

    /// Suspends `connection` and starts `work` in a task preferring `loop` (its daemon's), which must
    /// end with ``answer(_:)``; returns `false`, doing neither, if shutdown has abandoned the request.
    ///
    /// The connection is suspended under the lock before the task exists, so neither the task nor
    /// shutdown can resume it before it is suspended, and shutdown never misses a suspended one.
    func suspend(
        _ connection: OpaquePointer, on loop: MicroHTTPEventLoop, running work: @escaping @Sendable () async -> Void
    ) -> Bool {
        let suspended = SuspendedConnection(pointer: connection, loop: loop)
        let started = phase.withLock { phase in
            guard case .receiving = phase else { return false }
            MHD_suspend_connection(connection)
            phase = .handling(connection: suspended, task: nil)
            return true
        }
        guard started else { return false }
        let task = Task(executorPreference: loop) { await work() }
        phase.withLock { phase in
            // Kept for cancellation unless the task (or shutdown) has answered already.
            if case .handling = phase { phase = .handling(connection: suspended, task: task) }
        }
        return true
    }

    /// Stores `response` and resumes the suspended connection, unless it was answered already (by
    /// shutdown abandoning it). Returns whether this call answered.
    @discardableResult
    func answer(_ response: HTTPServerResponse) -> Bool {
        phase.withLock { phase in
            guard case .handling(let connection, _) = phase else { return false }
            phase = .answered(response)
            // Resumed while the lock is held: whoever sees `.answered` knows the resume happened.
            connection.resume()
            return true
        }
    }

    /// Gives up on the request for shutdown: if its handler runs, answers `response`, resumes the
    /// connection and cancels the handler's task; if the handler has not started, it never will.
    func abandon(with response: HTTPServerResponse) {
        let task: Task<Void, Never>? = phase.withLock { phase in
            switch phase {
            case .receiving:
                phase = .abandoned
                return nil
            case .handling(let connection, let task):
                phase = .answered(response)
                connection.resume()
                return task
            case .answered, .finished, .abandoned:
                return nil
            }
        }
        task?.cancel()
    }
}
