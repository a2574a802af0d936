public import Foundation

/// A channel's throughput control: a token bucket (rate with burst), a concurrency limit, and a pause
/// while the provider has asked us to slow down.
///
/// Messages over the limit simply wait; the limiter only says how many may start now and when to look
/// again. Time is passed in, so tests are exact.
public struct RateLimiter: Sendable {
    /// Messages per second.
    public let rate: Double
    /// The most messages that may start at once after a quiet period.
    public let burst: Int
    /// The most attempts in flight at once.
    public let concurrency: Int
    private var tokens: Double
    private var updatedAt: Date?
    private var pausedUntil: Date?
    /// Attempts in flight.
    public private(set) var inFlight = 0

    /// Creates a limiter; `rate == nil` means no rate limit.
    public init(rate: Double?, burst: Int? = nil, concurrency: Int) {
        self.rate = rate ?? .infinity
        self.burst = max(1, burst ?? (rate.map { Int($0.rounded(.up)) } ?? Int.max))
        self.concurrency = max(1, concurrency)
        self.tokens = Double(self.burst)
    }

    /// How many attempts may start at `now`.
    public mutating func available(at now: Date) -> Int {
        refill(at: now)
        if let pausedUntil, now < pausedUntil { return 0 }
        let byRate = rate.isInfinite ? Int.max : Int(tokens.rounded(.down))
        return max(0, min(byRate, concurrency - inFlight))
    }

    /// Records that `count` attempts started at `now` (call after ``available(at:)``).
    public mutating func start(_ count: Int, at now: Date) {
        refill(at: now)
        if !rate.isInfinite { tokens = max(0, tokens - Double(count)) }
        inFlight += count
    }

    /// Records that an attempt finished.
    public mutating func finish() {
        inFlight = max(0, inFlight - 1)
    }

    /// Stops new attempts until `date` (the provider's `Retry-After` on a 429).
    public mutating func pause(until date: Date) {
        pausedUntil = max(pausedUntil ?? date, date)
    }

    /// When more capacity will be available if none is now: the end of a pause or the next token.
    public func nextCapacity(after now: Date) -> Date? {
        if let pausedUntil, now < pausedUntil { return pausedUntil }
        guard inFlight < concurrency, !rate.isInfinite, tokens < 1 else { return nil }
        return now.addingTimeInterval((1 - tokens) / rate)
    }

    private mutating func refill(at now: Date) {
        defer { updatedAt = now }
        guard let updatedAt, !rate.isInfinite, now > updatedAt else { return }
        tokens = min(Double(burst), tokens + now.timeIntervalSince(updatedAt) * rate)
    }
}
