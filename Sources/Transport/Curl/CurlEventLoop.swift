import Foundation
import Synchronization

/// Drives libcurl transfers on one dedicated thread with a `curl_multi_poll` loop.
///
/// Other threads hand transfers over through a locked inbox and wake the loop with
/// `curl_multi_wakeup` (once per batch: a submission to a non-empty inbox needs no second wake-up).
/// The loop lends each transfer an easy handle from its ``CurlEasyPool``, configures it, adds it to
/// its multi handle (which pools connections and multiplexes HTTP/2 streams), finishes each transfer
/// exactly once, and resets the handle for the next one. So a request crosses threads once on the
/// way in and once on the way out, and Swift's cooperative pool never blocks on the network.
///
/// The loop thread holds a strong reference to the loop until it exits, so the loop outlives its
/// clients until ``stop()`` or ``shutdown()``: clients call ``stop()`` from their deinit.
final class CurlEventLoop: @unchecked Sendable {
    // @unchecked Sendable: `inbox` is a Mutex; `multi`, `handles`, `active` and `handleOf` are used
    // only on the loop thread, except `multi.wakeUp()`, which libcurl allows from any thread and which is called
    // only under the inbox lock while the state is `.running` (the loop closes `multi` only after
    // setting `.stopped` under that lock).

    private enum State {
        case running, stopping, stopped
    }

    private struct Inbox {
        var state = State.running
        var submissions: [any CurlTransfer] = []
        var cancellations: [any CurlTransfer] = []
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let inbox = Mutex(Inbox())
    private let multi: CurlMulti
    // Loop thread only: idle easy handles for the next transfers.
    private let handles: CurlEasyPool
    // Loop thread only: the transfers in the multi handle with their easy handles, by easy handle…
    private var active: [UnsafeMutableRawPointer: (transfer: any CurlTransfer, easy: CurlEasy)] = [:]
    // …and the easy handle of each, by transfer (to find a cancelled transfer's handle).
    private var handleOf: [ObjectIdentifier: UnsafeMutableRawPointer] = [:]

    /// Creates the loop and starts its thread.
    ///
    /// - Parameters:
    ///   - name: The thread's name.
    ///   - maximumConnectionsPerHost: The multi handle's per-host connection limit (0: none).
    ///   - maximumConnections: The multi handle's total connection limit (0: none).
    /// - Throws: ``TransportError/Code/internalFailure`` if libcurl cannot create a multi handle.
    init(name: String, maximumConnectionsPerHost: Int, maximumConnections: Int) throws {
        multi = try CurlMulti(
            maximumConnectionsPerHost: maximumConnectionsPerHost, maximumConnections: maximumConnections)
        // As many idle handles as transfers usually run at once; more are created (and freed) on demand.
        handles = CurlEasyPool(capacity: maximumConnections > 0 ? maximumConnections : 64)
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Runs `transfer` on the loop and returns its result.
    ///
    /// If the calling task is cancelled, the transfer is removed from the multi handle (closing
    /// its connection if it was mid-transfer) and this throws ``TransportError/Code/cancelled``.
    func perform<Transfer: CurlTransfer>(_ transfer: Transfer) async throws -> Transfer.Value {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.completion.install(continuation)
                submit(transfer)
            }
        } onCancel: {
            cancel(transfer)
        }
    }

    /// Asks the loop to stop without waiting: transfers in flight fail with
    /// ``TransportError/Code/cancelled`` and the thread exits.
    func stop() {
        inbox.withLock { inbox in
            guard inbox.state == .running else { return }
            inbox.state = .stopping
            multi.wakeUp()
        }
    }

    /// Stops the loop and waits (without blocking a thread) until its thread has finished.
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = inbox.withLock { inbox in
                if inbox.state == .stopped { return true }
                inbox.stopWaiters.append(continuation)
                if inbox.state == .running {
                    inbox.state = .stopping
                    multi.wakeUp()
                }
                return false
            }
            if stopped { continuation.resume() }
        }
    }

    // MARK: - Handing over

    private func submit(_ transfer: any CurlTransfer) {
        let accepted = inbox.withLock { inbox in
            guard inbox.state == .running else { return false }
            // A non-empty inbox has had its wake-up already, and the loop has yet to empty it.
            if inbox.submissions.isEmpty && inbox.cancellations.isEmpty {
                multi.wakeUp()
            }
            inbox.submissions.append(transfer)
            return true
        }
        if !accepted {
            transfer.finish(.stopped(Self.stoppedError), easy: nil)
        }
    }

    private func cancel(_ transfer: any CurlTransfer) {
        transfer.cancellation.request()
        inbox.withLock { inbox in
            guard inbox.state == .running else { return }
            if inbox.submissions.isEmpty && inbox.cancellations.isEmpty {
                multi.wakeUp()
            }
            inbox.cancellations.append(transfer)
        }
    }

    private static let stoppedError = TransportError(.cancelled, "the transport was shut down")

    /// `error` as thrown by a transfer's set-up: a ``TransportError`` as it is, anything else as an internal failure.
    private static func transportError(_ error: any Error) -> TransportError {
        error as? TransportError ?? TransportError(.internalFailure, "the transfer could not be set up: \(error)")
    }
}

// MARK: - The loop thread

extension CurlEventLoop {
    private func run() {
        while true {
            let (submissions, cancellations, stopping) = inbox.withLock { inbox in
                defer {
                    inbox.submissions = []
                    inbox.cancellations = []
                }
                return (inbox.submissions, inbox.cancellations, inbox.state != .running)
            }
            if stopping {
                finishAll(submissions)
                return
            }
            submissions.forEach(start)
            for transfer in cancellations {
                stopTransfer(transfer, TransportError(.cancelled, "the calling task was cancelled"))
            }
            multi.perform()
            for completion in multi.completions() {
                guard let entry = active.removeValue(forKey: completion.easy) else { continue }
                let (transfer, easy) = entry
                handleOf[ObjectIdentifier(transfer)] = nil
                multi.remove(easy)
                transfer.finish(.completed(completion.result), easy: easy)
                handles.giveBack(easy)
            }
            multi.poll(milliseconds: 1000)
        }
    }

    private func start(_ transfer: any CurlTransfer) {
        if transfer.cancellation.isRequested {
            transfer.finish(.stopped(TransportError(.cancelled, "the calling task was cancelled")), easy: nil)
            return
        }
        let easy: CurlEasy
        do {
            easy = try handles.take()
        } catch {
            transfer.finish(.stopped(Self.transportError(error)), easy: nil)
            return
        }
        do {
            try transfer.configure(easy)
        } catch {
            transfer.finish(.stopped(Self.transportError(error)), easy: easy)
            // Configured in part: the pool resets it before lending it again.
            handles.giveBack(easy)
            return
        }
        guard multi.add(easy) else {
            transfer.finish(
                .stopped(TransportError(.internalFailure, "libcurl refused to start the transfer")), easy: easy)
            handles.giveBack(easy)
            return
        }
        active[easy.handle] = (transfer, easy)
        handleOf[ObjectIdentifier(transfer)] = easy.handle
    }

    private func stopTransfer(_ transfer: any CurlTransfer, _ error: TransportError) {
        guard let handle = handleOf.removeValue(forKey: ObjectIdentifier(transfer)),
            let easy = active.removeValue(forKey: handle)?.easy
        else { return }
        multi.remove(easy)
        transfer.finish(.stopped(error), easy: easy)
        handles.giveBack(easy)
    }

    /// The exit path: fails everything in flight, frees the multi handle, wakes `shutdown()` callers.
    ///
    /// While the state is `.stopping`, nothing new enters the inbox and nobody calls `wakeUp()`,
    /// so the multi handle can be closed before the state becomes `.stopped`.
    private func finishAll(_ submissions: [any CurlTransfer]) {
        for (transfer, _) in Array(active.values) {
            stopTransfer(transfer, Self.stoppedError)
        }
        for transfer in submissions {
            transfer.finish(.stopped(Self.stoppedError), easy: nil)
        }
        handles.removeAll()
        multi.close()
        let waiters = inbox.withLock { inbox in
            inbox.state = .stopped
            defer { inbox.stopWaiters = [] }
            return inbox.stopWaiters
        }
        for waiter in waiters {
            waiter.resume()
        }
    }
}
