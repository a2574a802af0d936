import Foundation
import Synchronization
import Testing

@testable import Engine

/// The due-work loop shared by the engine and the schedule runner: after a failed pass it waits
/// ``WakeSignal/failurePause`` on its clock before the next, instead of trying again at once.
@Suite struct DueWorkLoopTests {
    struct StoreDown: Error {}

    @Test(.timeLimit(.minutes(1))) func aFailedPassIsTriedAgainAfterThePauseNotAtOnce() async throws {
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        let clock = SteppedClock(start)
        let passes = Mutex(0)
        let signal = WakeSignal()
        let loop = Task {
            await signal.runDueWork(
                on: clock,
                work: {
                    let pass = passes.withLock { count in
                        count += 1
                        return count
                    }
                    if pass <= 2 { throw StoreDown() }
                    return 0
                },
                nextDue: { nil })
        }
        defer { loop.cancel() }
        var sleeps = clock.requests.makeAsyncIterator()

        #expect(await sleeps.next() == start.addingTimeInterval(WakeSignal.failurePause))
        #expect(passes.withLock { $0 } == 1)
        clock.advance(to: start.addingTimeInterval(WakeSignal.failurePause))
        #expect(await sleeps.next() == start.addingTimeInterval(2 * WakeSignal.failurePause))
        #expect(passes.withLock { $0 } == 2)
        clock.advance(to: start.addingTimeInterval(2 * WakeSignal.failurePause))
        for _ in 0..<10_000 where passes.withLock({ $0 }) < 3 { await Task.yield() }
        // The third pass succeeds with nothing due: the loop waits for a signal, asking no further sleep.
        #expect(passes.withLock { $0 } == 3)
        #expect(WakeSignal.failurePause == 1)
    }
}
