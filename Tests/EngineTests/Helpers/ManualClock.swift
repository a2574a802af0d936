import Engine
import Foundation
import Synchronization

/// A clock that moves only when the test says so; sleepers wake when it passes their time.
final class ManualClock: EngineClock {
    private struct State {
        var now: Date
        var sleepers: [(id: UUID, until: Date, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state: Mutex<State>

    init(_ now: Date) {
        state = Mutex(State(now: now))
    }

    func now() -> Date {
        state.withLock { $0.now }
    }

    func advance(by seconds: TimeInterval) {
        set(now().addingTimeInterval(seconds))
    }

    func set(_ date: Date) {
        let due = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.now = date
            let due = state.sleepers.filter { $0.until <= date }.map(\.continuation)
            state.sleepers.removeAll { $0.until <= date }
            return due
        }
        due.forEach { $0.resume() }
    }

    func sleep(until date: Date) async throws {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if date <= state.now || Task.isCancelled { return true }
                    state.sleepers.append((id, date, continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index).continuation
            }
            sleeper?.resume()
        }
        try Task.checkCancellation()
    }
}
