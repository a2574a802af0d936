public import Foundation

/// Receives what the ``DeliveryPipeline`` does, as it happens: every attempt and every status a message
/// reaches. The host turns these into metrics; the Engine knows nothing about how they are kept.
///
/// Implementations are called on the pipeline's actor, in the order things happen, and so must return
/// quickly: they must not block, must not suspend, must not throw and must not call back into the
/// pipeline. They must not log or keep message ids, recipients or content: the observations carry only
/// bounded values (channel, provider, outcome class, status, durations) for that reason.
///
/// ```swift
/// struct AttemptCounter: DeliveryObserver {
///     let counts: Mutex<Int>
///     func attemptFinished(_ attempt: AttemptObservation) { counts.withLock { $0 += 1 } }
/// }
/// ```
public protocol DeliveryObserver: Sendable {
    /// One attempt through a provider ended (an attempt abandoned at shutdown is not one).
    func attemptFinished(_ attempt: AttemptObservation)

    /// A message reached a status: after an attempt, a provider callback, or at once when enqueued
    /// (`not_sent` in sandbox mode, `undelivered` when its send windows never open). Reported once the
    /// change is stored; a change lost to a concurrent one is not reported.
    func statusReached(_ status: StatusObservation)
}

extension DeliveryObserver {
    /// Ignores the attempt.
    public func attemptFinished(_ attempt: AttemptObservation) {}

    /// Ignores the status.
    public func statusReached(_ status: StatusObservation) {}
}

/// An observer that ignores everything: the pipeline's default.
public struct NoDeliveryObserver: DeliveryObserver {
    /// Creates the observer.
    public init() {}
}

/// How an attempt ended, as a small closed set of classes (bounded, so safe as a metric label).
public enum AttemptOutcome: String, Sendable, Hashable, CaseIterable {
    /// The provider accepted the message (`sent`) or delivered it (`delivered`).
    case success
    /// It failed and will be tried again (`delivery_attempted`).
    case retryable
    /// It failed with a retryable error, but no attempts were left (`undelivered`).
    case exhausted
    /// It failed with an error retrying cannot fix (`undelivered`).
    case permanent
    /// The recipient's address or token is invalid (`bounced`).
    case bounced
}

/// One attempt, as reported to a ``DeliveryObserver``.
public struct AttemptObservation: Sendable, Hashable {
    /// The channel in its environment.
    public var channel: ChannelKey
    /// The channel's provider, such as `postmark`.
    public var provider: String
    /// How the attempt ended.
    public var outcome: AttemptOutcome
    /// The provider's error code when it failed (``ProviderError/Code``'s description, bounded).
    public var errorCode: String?
    /// The attempt's number for the message, from 1 (counting earlier rounds of manual retries).
    public var attempt: Int
    /// How long the provider took, in seconds, measured with the pipeline's clock.
    public var duration: TimeInterval

    /// Whether an earlier attempt was made for the message: a retry after a failure, or the first
    /// attempt of a manual retry round.
    public var isRetry: Bool { attempt > 1 }

    /// Creates an observation.
    public init(
        channel: ChannelKey, provider: String, outcome: AttemptOutcome, errorCode: String? = nil, attempt: Int,
        duration: TimeInterval
    ) {
        self.channel = channel
        self.provider = provider
        self.outcome = outcome
        self.errorCode = errorCode
        self.attempt = attempt
        self.duration = duration
    }
}

/// A status a message reached, as reported to a ``DeliveryObserver``.
public struct StatusObservation: Sendable, Hashable {
    /// The channel in its environment.
    public var channel: ChannelKey
    /// The channel's provider.
    public var provider: String
    /// The status reached.
    public var status: DeliveryStatus
    /// The status before, or `nil` for a message stored in this status.
    public var previous: DeliveryStatus?
    /// Seconds from the message's creation to this status, measured with the pipeline's clock.
    public var latency: TimeInterval

    /// Creates an observation.
    public init(
        channel: ChannelKey, provider: String, status: DeliveryStatus, previous: DeliveryStatus?,
        latency: TimeInterval
    ) {
        self.channel = channel
        self.provider = provider
        self.status = status
        self.previous = previous
        self.latency = latency
    }
}
