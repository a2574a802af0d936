internal import CMicroHTTPD
import Dispatch
import Foundation
import Glibc
import Synchronization

/// One thread that runs a libmicrohttpd daemon's event loop and, between its turns, the jobs of the
/// tasks that prefer it as their executor.
///
/// Each request's handler task is started with the loop of the connection it came on as its
/// executor preference (``RequestDispatcher``). The handler therefore runs on the thread that read
/// its request, comes back to it after each `await`, and answers on the thread that writes the
/// response: a request's own work never waits for another thread to wake up, only what it awaits
/// does (such as the store's group commit). On a small machine each wake-up of a sleeping thread on
/// another CPU costs tens of microseconds, which is what bounded the trigger endpoint's rate before.
///
/// The thread sleeps in `epoll_wait` on the daemon's epoll descriptor and an `eventfd` that
/// ``enqueue(_:)-(ExecutorJob)`` writes to only when the thread is asleep. Jobs enqueued after the loop
/// stopped go to the global concurrent executor, so a task is never stranded.
final class MicroHTTPEventLoop: TaskExecutor {
    private enum Work {
        case job(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    private struct State {
        var work: [Work] = []
        /// Whether the thread is in (or about to enter) `epoll_wait`: the next enqueue must wake it.
        var isSleeping = false
        var hasStarted = false
        var isStopping = false
        /// Whether the loop has ended; set together with the last look at `work`.
        var hasStopped = false
        /// The thread's id, set once it runs.
        var thread: pthread_t?
    }

    private let state = Mutex(State())
    private let wakeDescriptor: Int32
    private let pollDescriptor: Int32
    private let name: String
    private let finished = DispatchSemaphore(value: 0)

    /// Makes the loop's descriptors; its thread starts with ``start(running:)``.
    ///
    /// - Throws: ``HTTPServerError`` `.startFailed` when the epoll or eventfd descriptor cannot be made.
    init(name: String) throws(HTTPServerError) {
        let wakeDescriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        let pollDescriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard wakeDescriptor >= 0, pollDescriptor >= 0, Self.watch(wakeDescriptor, in: pollDescriptor) else {
            let reason = String(cString: strerror(errno))
            if wakeDescriptor >= 0 { close(wakeDescriptor) }
            if pollDescriptor >= 0 { close(pollDescriptor) }
            throw HTTPServerError(.startFailed, "could not set up the server's event loop: \(reason)")
        }
        self.wakeDescriptor = wakeDescriptor
        self.pollDescriptor = pollDescriptor
        self.name = name
    }

    /// Starts the thread, which runs `daemon` (started with `MHD_USE_EPOLL` and no thread of its own)
    /// until ``stop()``. Call it once.
    ///
    /// - Throws: ``HTTPServerError`` `.startFailed` when the daemon's epoll descriptor cannot be watched.
    func start(running daemon: DaemonHandle) throws(HTTPServerError) {
        let daemonDescriptor = cmhd_daemon_epoll_fd(daemon.pointer)
        guard daemonDescriptor >= 0, Self.watch(daemonDescriptor, in: pollDescriptor) else {
            throw HTTPServerError(
                .startFailed, "could not set up the server's event loop: \(String(cString: strerror(errno)))")
        }
        state.withLock { $0.hasStarted = true }
        // The thread holds the loop strongly until `stop()` lets it end.
        Thread { [self] in run(daemon) }.start()
    }

    deinit {
        close(wakeDescriptor)
        close(pollDescriptor)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        guard let wake = append(.job(job)) else {
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
            return
        }
        if wake { self.wake() }
    }

    /// Runs `closure` on the loop's thread between two turns of the daemon, or returns `false` (never
    /// running it) if the loop has stopped.
    @discardableResult
    func enqueue(_ closure: @escaping @Sendable () -> Void) -> Bool {
        guard let wake = append(.closure(closure)) else { return false }
        if wake { self.wake() }
        return true
    }

    /// Whether the caller runs on the loop's thread.
    var isCurrent: Bool {
        let thread = state.withLock { $0.thread }
        return thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
    }

    /// Ends the loop once the work already enqueued has run, and returns when its thread has; the
    /// daemon can be stopped then. Must not be called on the loop's own thread.
    func stop() {
        precondition(!isCurrent, "an event loop cannot wait for its own thread to end")
        let (hasStarted, wake) = state.withLock { state in
            guard state.hasStarted else {
                state.hasStopped = true
                return (false, false)
            }
            guard !state.isStopping else { return (true, false) }
            state.isStopping = true
            defer { state.isSleeping = false }
            return (true, state.isSleeping)
        }
        guard hasStarted else { return }
        if wake { self.wake() }
        finished.wait()
        finished.signal()
    }

    /// Appends `work`; returns whether the thread must be woken, or `nil` once the loop has stopped.
    private func append(_ work: Work) -> Bool? {
        state.withLock { state in
            guard !state.hasStopped else { return nil }
            state.work.append(work)
            defer { state.isSleeping = false }
            return state.isSleeping
        }
    }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, MemoryLayout<UInt64>.size)
    }

    private func run(_ daemon: DaemonHandle) {
        // Named from the thread itself: only then does Foundation pass the name to the system (as
        // seen by `top -H` and perf; cut to 15 bytes).
        Thread.current.name = name
        state.withLock { $0.thread = pthread_self() }
        let executor = asUnownedTaskExecutor()
        var batch: [Work] = []
        // libmicrohttpd leaves some bookkeeping to its next call: a daemon that was at its connection
        // limit, for one, starts listening again only in the `MHD_run` after the one that closed a
        // connection. So the loop sleeps only after a turn that found nothing to do followed another.
        var previousTurnWasIdle = false
        while true {
            MHD_run(daemon.pointer)
            let (isStopping, shouldSleep) = state.withLock { state in
                swap(&batch, &state.work)
                if state.isStopping && batch.isEmpty { state.hasStopped = true }
                state.isSleeping = batch.isEmpty && !state.isStopping && previousTurnWasIdle
                return (state.isStopping, state.isSleeping)
            }
            previousTurnWasIdle = batch.isEmpty && !shouldSleep
            for work in batch {
                switch work {
                case .job(let job): job.runSynchronously(on: executor)
                case .closure(let closure): closure()
                }
            }
            if isStopping && batch.isEmpty { break }
            batch.removeAll(keepingCapacity: true)
            if shouldSleep { sleep(timeout: cmhd_daemon_timeout_milliseconds(daemon.pointer)) }
        }
        finished.signal()
    }

    /// Waits until the daemon has work, a job arrives, or `timeout` milliseconds (-1: no limit) pass.
    private func sleep(timeout: Int32) {
        var events = (epoll_event(), epoll_event())
        let ready = withUnsafeMutableBytes(of: &events) { buffer in
            epoll_wait(
                pollDescriptor, buffer.baseAddress!.assumingMemoryBound(to: epoll_event.self), 2, timeout)
        }
        state.withLock { $0.isSleeping = false }
        guard ready > 0 else { return }
        // Reset the eventfd whether or not it fired: a read of an unsignalled one fails at once.
        var count: UInt64 = 0
        _ = read(wakeDescriptor, &count, MemoryLayout<UInt64>.size)
    }

    private static func watch(_ descriptor: Int32, in pollDescriptor: Int32) -> Bool {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = descriptor
        return epoll_ctl(pollDescriptor, EPOLL_CTL_ADD, descriptor, &event) == 0
    }
}
