internal import CCurl
import Synchronization

/// One transfer the ``CurlEventLoop`` drives: how to set up an easy handle for it, and what to do
/// when it ends.
///
/// A transfer is validated and prepared on the submitting thread, then belongs to the loop thread
/// from ``CurlEventLoop/submit(_:)`` until ``finish(_:easy:)``, which the loop calls exactly once.
/// The loop lends it an easy handle from its pool for ``configure(_:)`` and takes the handle back
/// (and resets it) after ``finish(_:easy:)``, so a transfer must not keep the handle.
protocol CurlTransfer: AnyObject, Sendable {
    /// What the transfer produces.
    associatedtype Value: Sendable

    /// Set when the awaiting task is cancelled.
    var cancellation: CurlCancellation { get }
    /// Resumed by ``finish(_:easy:)`` with the result.
    var completion: CurlCompletion<Value> { get }
    /// Sets every option of this transfer on `easy`, which has only the shared options set (a new or
    /// reset handle). Called once, on the loop thread, just before the handle joins the multi handle.
    ///
    /// - Throws: ``TransportError``; the loop then finishes the transfer with it.
    func configure(_ easy: CurlEasy) throws
    /// Ends the transfer: builds the result or the error and resumes the awaiting task.
    ///
    /// Called once, on the loop thread (or the submitting thread if the loop has stopped), after
    /// the easy handle has left the multi handle. `easy` is the handle the transfer ran on, to read
    /// its information and error text from, or `nil` if it never got one.
    func finish(_ outcome: CurlOutcome, easy: CurlEasy?)
}

/// How a transfer ended.
enum CurlOutcome {
    /// libcurl finished it with this result (`CURLE_OK` or a failure).
    case completed(CURLcode)
    /// It was stopped before libcurl finished: cancelled, or the loop shut down.
    case stopped(TransportError)
}

/// A flag set from any thread when the task awaiting a transfer is cancelled.
final class CurlCancellation: Sendable {
    private let requested = Atomic<Bool>(false)

    /// Records the request; the loop stops the transfer when it next looks.
    func request() {
        requested.store(true, ordering: .releasing)
    }

    /// Whether cancellation was requested.
    var isRequested: Bool {
        requested.load(ordering: .acquiring)
    }
}

/// The continuation a transfer resumes, guarded so that it is resumed exactly once.
final class CurlCompletion<Value: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<Value, any Error>?>(nil)

    /// Stores the continuation; called once, before the transfer is submitted.
    func install(_ continuation: CheckedContinuation<Value, any Error>) {
        self.continuation.withLock { $0 = continuation }
    }

    /// Resumes with `result`; later calls do nothing.
    func resume(with result: Result<Value, TransportError>) {
        let taken = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        taken?.resume(with: result.mapError { $0 as any Error })
    }
}
