internal import CCurl
import Synchronization

/// One transfer the ``CurlEventLoop`` drives: an easy handle and what to do when it ends.
///
/// A transfer is configured on the submitting thread, then belongs to the loop thread from
/// ``CurlEventLoop/submit(_:)`` until ``finish(_:)``, which the loop calls exactly once.
protocol CurlTransfer: AnyObject, Sendable {
    /// What the transfer produces.
    associatedtype Value: Sendable

    /// The configured easy handle.
    var easy: CurlEasy { get }
    /// Set when the awaiting task is cancelled.
    var cancellation: CurlCancellation { get }
    /// Resumed by ``finish(_:)`` with the result.
    var completion: CurlCompletion<Value> { get }
    /// Ends the transfer: builds the result or the error and resumes the awaiting task.
    ///
    /// Called once, on the loop thread (or the submitting thread if the loop has stopped), after
    /// the easy handle has left the multi handle.
    func finish(_ outcome: CurlOutcome)
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
