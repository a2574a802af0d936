import Engine
import Foundation
import Synchronization

/// The wall clock shifted by an offset the benchmark sets: it starts in a closed send window and
/// jumps into the open one, while time otherwise runs at its real pace.
final class ShiftableClock: EngineClock {
    private let offset: Mutex<TimeInterval>

    /// Creates a clock that reads `date` now.
    init(startingAt date: Date) {
        offset = Mutex(date.timeIntervalSinceNow)
    }

    func now() -> Date {
        Date().addingTimeInterval(offset.withLock { $0 })
    }

    /// Moves the clock so that it reads `date` now.
    func jump(to date: Date) {
        offset.withLock { $0 = date.timeIntervalSinceNow }
    }

    /// Sleeps in slices of at most 20 ms, so that a sleeper sees a jump at once.
    func sleep(until date: Date) async throws {
        while true {
            let remaining = date.timeIntervalSince(now())
            guard remaining > 0 else { return }
            try await Task.sleep(for: .milliseconds(Int(min(remaining, 0.02) * 1000) + 1))
        }
    }
}
