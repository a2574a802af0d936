import Engine
import Foundation
import Synchronization

/// A clock whose sleepers wake only when a test moves time past their date; every sleep request is
/// published, so a test can await the engine's next wake-up time without any wall-clock waiting.
final class SteppedClock: EngineClock {
    private struct State {
        var now: Date
        var sleepers: [(date: Date, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    private let state: Mutex<State>
    /// The dates sleepers asked to wake at, in order.
    let requests: AsyncStream<Date>
    private let requestSink: AsyncStream<Date>.Continuation

    init(_ start: Date) {
        state = Mutex(State(now: start))
        (requests, requestSink) = AsyncStream.makeStream()
    }

    func now() -> Date { state.withLock { $0.now } }

    func sleep(until date: Date) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let wakeNow = state.withLock { state in
                guard date > state.now else { return true }
                state.sleepers.append((date, continuation))
                return false
            }
            if wakeNow { continuation.resume() } else { requestSink.yield(date) }
        }
    }

    /// Moves time to `date` and wakes every sleeper due by then.
    func advance(to date: Date) {
        let due = state.withLock { state in
            state.now = date
            let due = state.sleepers.filter { $0.date <= date }
            state.sleepers.removeAll { $0.date <= date }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}
