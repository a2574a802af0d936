import Foundation
import Synchronization

/// A one-slot wake-up: ``signal()`` wakes the current ``wait()`` or, if none, the next one.
///
/// Unlike an `AsyncStream`, it survives a cancelled waiter: cancellation just ends that wait.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Wakes the waiter, or the next one.
    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Waits for a signal (returns at once if one is pending) or for cancellation.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}

extension WakeSignal {
    /// Does `pass` until one does nothing (the one-shot form of ``runDueWork(on:work:nextDue:)``, for tests
    /// with a manual clock and one-shot tools).
    ///
    /// - Returns: The total `pass` reported.
    static func repeatUntilIdle(
        isolation: isolated (any Actor)? = #isolation, _ pass: () async throws -> Int
    ) async throws -> Int {
        var total = 0
        while true {
            let worked = try await pass()
            guard worked > 0 else { return total }
            total += worked
        }
    }

    /// How long ``runDueWork(on:work:nextDue:)`` waits after a failed pass before the next, in seconds.
    static let failurePause: TimeInterval = 1

    /// Runs work that falls due on a clock until the task is cancelled: does `work` while it finds
    /// something to do, then sleeps until `nextDue` (if any) or until this signal, whichever comes first.
    ///
    /// - Parameters:
    ///   - clock: The clock to sleep on.
    ///   - work: One pass over what is due now; returns how much it did. After a pass that throws, the
    ///     next one starts ``failurePause`` seconds later on `clock`.
    ///   - nextDue: The earliest time something falls due, or `nil` for none.
    func runDueWork(
        on clock: any EngineClock, work: @Sendable () async throws -> Int,
        nextDue: @Sendable () async throws -> Date?
    ) async {
        while !Task.isCancelled {
            let worked: Int
            do {
                worked = try await work()
            } catch {
                // A failing store: try again after a pause rather than at once, whatever falls due.
                try? await clock.sleep(until: clock.now().addingTimeInterval(Self.failurePause))
                continue
            }
            guard worked == 0 else { continue }
            let next = try? await nextDue()
            let timer = next.map { date in
                Task { [self] in
                    try? await clock.sleep(until: date)
                    signal()
                }
            }
            await wait()
            timer?.cancel()
        }
    }
}
