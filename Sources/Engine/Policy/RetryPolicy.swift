import Foundation
public import Providers

/// Decides what happens after a failed attempt: retry when, or stop with which status.
///
/// The default follows Knock: up to 8 attempts over about 30 minutes, exponential backoff with
/// jitter. Retryable errors (``ProviderError/Code/isRetryable``) are retried after
/// `initialDelay × 2^(n−1)` (capped at `maximumDelay`, then ±`jitter`), or after the provider's
/// `Retry-After` when it gave one (capped at `maximumRetryAfter`). A re-authentication error is retried
/// at once, the first time only. Dead recipients or tokens end at `bounced`; every other error, and a
/// retryable one on the last attempt, ends at `undelivered`.
public struct RetryPolicy: Sendable, Hashable {
    /// The most attempts, the first included.
    public var maximumAttempts: Int
    /// The delay before the second attempt.
    public var initialDelay: Duration
    /// The longest computed backoff delay.
    public var maximumDelay: Duration
    /// The longest `Retry-After` honoured.
    public var maximumRetryAfter: Duration
    /// The random spread around a computed delay, as a fraction (0.2 = ±20 %).
    public var jitter: Double

    /// Knock's default: 8 attempts; 20 s, 40 s, 80 s, … up to 10 minutes (about 30 minutes in all); ±20 % jitter;
    /// `Retry-After` honoured up to 15 minutes.
    public static let standard = RetryPolicy(
        maximumAttempts: 8, initialDelay: .seconds(20), maximumDelay: .seconds(600), maximumRetryAfter: .seconds(900),
        jitter: 0.2)

    /// Creates a policy.
    public init(
        maximumAttempts: Int, initialDelay: Duration, maximumDelay: Duration, maximumRetryAfter: Duration,
        jitter: Double
    ) {
        self.maximumAttempts = maximumAttempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
        self.jitter = jitter
    }

    /// What to do after attempt `attempt` (from 1) failed with `error`.
    ///
    /// - Parameters:
    ///   - error: The provider's error.
    ///   - attempt: The attempt that failed, from 1.
    ///   - reauthenticationRetried: Whether the immediate re-authentication retry was already used.
    ///   - random: A number in `0..<1` for the jitter (injected so tests are exact).
    public func decision(
        for error: ProviderError, attempt: Int, reauthenticationRetried: Bool, random: Double
    ) -> RetryDecision {
        if error.code.invalidatesRecipient { return .stop(.bounced) }
        guard error.code.isRetryable else { return .stop(.undelivered) }
        guard attempt < maximumAttempts else { return .stop(.undelivered) }
        if error.code.requiresReauthentication && !reauthenticationRetried { return .retryNow }
        if let retryAfter = error.retryAfter {
            return .retry(after: min(retryAfter, maximumRetryAfter))
        }
        return .retry(after: backoff(afterAttempt: attempt, random: random))
    }

    /// The backoff before attempt `attempt + 1`.
    public func backoff(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = Double(max(0, attempt - 1))
        let base = min(initialDelay.seconds * pow(2, exponent), maximumDelay.seconds)
        let spread = 1 + jitter * (2 * min(max(random, 0), 1) - 1)
        return .milliseconds(Int64((base * spread * 1000).rounded()))
    }
}

extension RetryPolicy {
    /// This policy with a channel's configured overrides applied.
    public func overridden(by settings: RetrySettings?) -> RetryPolicy {
        guard let settings else { return self }
        var policy = self
        if let attempts = settings.maximumAttempts { policy.maximumAttempts = attempts }
        if let initial = settings.initialDelaySeconds { policy.initialDelay = .seconds(initial) }
        if let maximum = settings.maximumDelaySeconds { policy.maximumDelay = .seconds(maximum) }
        return policy
    }
}

/// The outcome of a ``RetryPolicy`` decision.
public enum RetryDecision: Sendable, Hashable {
    /// Retry immediately (re-authentication).
    case retryNow
    /// Retry after this delay.
    case retry(after: Duration)
    /// Stop, with this final status.
    case stop(DeliveryStatus)
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
