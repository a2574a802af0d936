import Dispatch
import Foundation
import Synchronization

/// A serial executor that runs its jobs on one dedicated thread.
///
/// SQLite calls block: a commit with `synchronous=FULL` waits for `fsync`, and a statement may wait
/// for another connection's lock up to the busy timeout. The store's actor runs on this thread so that
/// this never ties up one of the cooperative pool's few threads (two on a two-core machine).
final class SQLiteThreadExecutor: SerialExecutor {
    private struct State {
        var jobs: [UnownedJob] = []
        var isStopping = false
    }

    private let state = Mutex(State())
    // Signalled once per enqueued job and once by `stop()`; the thread waits on it when idle.
    private let wakeup = DispatchSemaphore(value: 0)

    /// Starts the thread.
    init(name: String) {
        // The thread holds the executor strongly until `stop()` lets its loop end.
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        state.withLock { $0.jobs.append(job) }
        wakeup.signal()
    }

    /// Ends the thread once the jobs already enqueued have run.
    func stop() {
        state.withLock { $0.isStopping = true }
        wakeup.signal()
    }

    private func run() {
        let executor = asUnownedSerialExecutor()
        var batch: [UnownedJob] = []
        while true {
            wakeup.wait()
            let isStopping = state.withLock { state in
                swap(&batch, &state.jobs)
                return state.isStopping
            }
            for job in batch {
                job.runSynchronously(on: executor)
            }
            if isStopping && batch.isEmpty { return }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
