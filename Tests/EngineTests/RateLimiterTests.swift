import Engine
import Foundation
import Testing

@Suite struct RateLimiterTests {
    let t0 = Date(timeIntervalSince1970: 1_000_000)

    @Test func burstThenSteadyRate() {
        var limiter = RateLimiter(rate: 2, concurrency: 100)
        #expect(limiter.available(at: t0) == 2)
        limiter.start(2, at: t0)
        #expect(limiter.available(at: t0) == 0)
        #expect(limiter.nextCapacity(after: t0) == t0.addingTimeInterval(0.5))
        #expect(limiter.available(at: t0.addingTimeInterval(0.5)) == 1)
        #expect(limiter.available(at: t0.addingTimeInterval(10)) == 2)  // never more than the burst
    }

    @Test func concurrencyCapsInFlightAttempts() {
        var limiter = RateLimiter(rate: nil, concurrency: 3)
        #expect(limiter.available(at: t0) == 3)
        limiter.start(3, at: t0)
        #expect(limiter.available(at: t0) == 0)
        limiter.finish()
        #expect(limiter.available(at: t0) == 1)
    }

    @Test func aPauseStopsEverythingUntilItEnds() {
        var limiter = RateLimiter(rate: nil, concurrency: 10)
        limiter.pause(until: t0.addingTimeInterval(30))
        #expect(limiter.available(at: t0.addingTimeInterval(29)) == 0)
        #expect(limiter.nextCapacity(after: t0) == t0.addingTimeInterval(30))
        #expect(limiter.available(at: t0.addingTimeInterval(30)) == 10)
    }
}
