public import Engine

extension HostMetrics {
    /// Attempts through providers, by channel id, provider and outcome class (`success`, `retryable`,
    /// `exhausted`, `permanent`, `bounced`; see ``AttemptOutcome``).
    public static let deliveryAttempts = MetricFamily.counter(
        "deliveryhost_delivery_attempts_total",
        help: "Delivery attempts through providers, by channel, provider and outcome class.")
    /// Attempts that were retries (any attempt after a message's first), by channel id and provider.
    public static let deliveryRetries = MetricFamily.counter(
        "deliveryhost_delivery_retries_total",
        help: "Delivery attempts that retried a message attempted before, by channel and provider.")
    /// How long providers took to answer an attempt, in seconds, by channel id and provider.
    public static let providerRequestDuration = MetricFamily.histogram(
        "deliveryhost_provider_request_duration_seconds",
        help: "Time a provider took to answer one delivery attempt, by channel and provider.",
        buckets: providerBuckets)
    /// Seconds from a message's creation to `sent` or `delivered`, by channel id, provider and status.
    public static let deliveryLatency = MetricFamily.histogram(
        "deliveryhost_delivery_latency_seconds",
        help: "Time from a message's creation until it was sent or delivered, by channel, provider and status.",
        buckets: deliveryBuckets)

    /// Provider latency buckets in seconds: 5 ms to 60 s (the default attempt time limit).
    public static let providerBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
    /// Delivery latency buckets in seconds: 100 ms to a day, since send windows and backoff can hold a
    /// message for hours.
    public static let deliveryBuckets: [Double] = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 21600, 86400]

    /// Declares the delivery families in a registry.
    public static func declareDeliveryMetrics(in registry: MetricsRegistry) {
        registry.declare(deliveryAttempts)
        registry.declare(deliveryRetries)
        registry.declare(providerRequestDuration)
        registry.declare(deliveryLatency)
    }
}

/// Records the pipeline's attempts and status changes in a ``MetricsRegistry`` (see ``HostMetrics``).
///
/// Labels are the channel id, the provider and a bounded class (outcome or status): never message or
/// recipient ids, so the number of series stays bounded by the configuration.
public struct DeliveryMetricsObserver: DeliveryObserver {
    /// The registry recorded into.
    public let registry: MetricsRegistry

    /// Creates the observer and declares the delivery families in `registry`.
    public init(registry: MetricsRegistry) {
        self.registry = registry
        HostMetrics.declareDeliveryMetrics(in: registry)
    }

    public func attemptFinished(_ attempt: AttemptObservation) {
        let channel: Labels = ["channel": attempt.channel.channelID, "provider": attempt.provider]
        registry.increment(
            HostMetrics.deliveryAttempts.name,
            ["channel": attempt.channel.channelID, "provider": attempt.provider, "outcome": attempt.outcome.rawValue])
        if attempt.isRetry { registry.increment(HostMetrics.deliveryRetries.name, channel) }
        registry.observe(HostMetrics.providerRequestDuration.name, channel, attempt.duration)
    }

    public func statusReached(_ status: StatusObservation) {
        guard status.status == .sent || status.status == .delivered else { return }
        registry.observe(
            HostMetrics.deliveryLatency.name,
            ["channel": status.channel.channelID, "provider": status.provider, "status": status.status.rawValue],
            status.latency)
    }
}
