import Dispatch
import Foundation
import Glibc
import Synchronization

/// A serial executor that runs its jobs on one dedicated thread.
///
/// SQLite calls block: a commit with `synchronous=FULL` waits for `fsync`, and a statement may wait
/// for another connection's lock up to the busy timeout. The store's actor runs on this thread so that
/// this never ties up one of the cooperative pool's few threads (two on a two-core machine).
///
/// Besides the actor's jobs it runs plain closures (``enqueue(_:)-(()->Void)``), so that any thread can
/// put work on the store's thread directly, without first waking a pool thread to hop there; such a
/// closure gets the actor with `assumeIsolated`, which ``checkIsolated()`` allows on this thread.
final class SQLiteThreadExecutor: SerialExecutor {
    private enum Work {
        case job(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    private struct State {
        var work: [Work] = []
        var isStopping = false
        /// The thread's id, set once it runs.
        var thread: pthread_t?
    }

    private let state = Mutex(State())
    // Signalled once per enqueued job and once by `stop()`; the thread waits on it when idle.
    private let wakeup = DispatchSemaphore(value: 0)

    /// Starts the thread.
    init(name: String) {
        // The thread holds the executor strongly until `stop()` lets its loop end.
        Thread { [self] in run(name: name) }.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        state.withLock { $0.work.append(.job(job)) }
        wakeup.signal()
    }

    /// Runs `closure` on the thread, behind the work already waiting.
    func enqueue(_ closure: @escaping @Sendable () -> Void) {
        state.withLock { $0.work.append(.closure(closure)) }
        wakeup.signal()
    }

    /// Stops the process unless called on the executor's thread (for `assumeIsolated` outside a job).
    func checkIsolated() {
        let thread = state.withLock { $0.thread }
        precondition(thread.map { pthread_equal($0, pthread_self()) != 0 } == true, "not on the store's thread")
    }

    /// Ends the thread once the jobs already enqueued have run.
    func stop() {
        state.withLock { $0.isStopping = true }
        wakeup.signal()
    }

    private func run(name: String) {
        // Named from the thread itself: only then does Foundation pass the name to the system (as
        // seen by `top -H` and perf; cut to 15 bytes).
        Thread.current.name = name
        state.withLock { $0.thread = pthread_self() }
        let executor = asUnownedSerialExecutor()
        var batch: [Work] = []
        while true {
            wakeup.wait()
            let isStopping = state.withLock { state in
                swap(&batch, &state.work)
                return state.isStopping
            }
            for work in batch {
                switch work {
                case .job(let job): job.runSynchronously(on: executor)
                case .closure(let closure): closure()
                }
            }
            if isStopping && batch.isEmpty { return }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
