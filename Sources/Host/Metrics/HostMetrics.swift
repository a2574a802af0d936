public import Engine
public import Foundation

/// The metric families the host declares, and the scrape-time gauges read from the message store.
public enum HostMetrics {
    /// Requests answered, by route pattern (`unmatched` for none), method and status.
    public static let requests = MetricFamily.counter(
        "deliveryhost_http_requests_total", help: "HTTP requests answered, by route pattern, method and status.")
    /// Request latency in seconds, by route pattern and method.
    public static let requestDuration = MetricFamily.histogram(
        "deliveryhost_http_request_duration_seconds",
        help: "Time to answer an HTTP request, by route pattern and method.")
    /// Stored messages, by environment, channel, provider and status (read from the store at scrape time).
    public static let messages = MetricFamily.gauge(
        "deliveryhost_messages", help: "Stored messages by environment, channel, provider and delivery status.")
    /// Messages waiting for an attempt (`queued` or `delivery_attempted`), by environment and channel.
    public static let queueDepth = MetricFamily.gauge(
        "deliveryhost_queue_depth", help: "Messages waiting for a delivery attempt, by environment and channel.")

    /// Messages waiting for a later time (a send window's opening, or a retry's backoff), by environment
    /// and channel: the part of ``queueDepth`` not due yet (an indexed count at scrape time).
    public static let scheduled = MetricFamily.gauge(
        "deliveryhost_messages_scheduled",
        help: "Messages waiting for a send window to open or a retry backoff to end, by environment and channel.")

    /// Declares the request families in a registry.
    public static func declareRequestMetrics(in registry: MetricsRegistry) {
        registry.declare(requests)
        registry.declare(requestDuration)
    }

    /// Declares the message gauges and sets them from `store` at every scrape.
    ///
    /// - Parameters:
    ///   - registry: The registry.
    ///   - store: The message store.
    ///   - channels: The channels to report, each with its provider id.
    ///   - now: The current time, which ``scheduled`` counts messages due after.
    public static func addMessageGauges(
        to registry: MetricsRegistry, store: any MessageStore, channels: [(key: ChannelKey, provider: String)],
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        registry.declare(messages)
        registry.declare(queueDepth)
        registry.declare(scheduled)
        registry.addScrapeHook { registry in
            var counts: [(ChannelKey, String, [DeliveryStatus: Int], Int)] = []
            let date = now()
            for channel in channels {
                guard let byStatus = try? await store.countByStatus(channel: channel.key),
                    let later = try? await store.countScheduled(channel: channel.key, after: date)
                else { return }
                counts.append((channel.key, channel.provider, byStatus, later))
            }
            registry.reset(messages.name)
            registry.reset(queueDepth.name)
            registry.reset(scheduled.name)
            for (key, provider, byStatus, later) in counts {
                let channel: Labels = ["environment": key.environment, "channel": key.channelID]
                for status in DeliveryStatus.allCases {
                    let labels = Labels(
                        channel.pairs.map { ($0.name, $0.value) } + [
                            ("provider", provider), ("status", status.rawValue),
                        ])
                    registry.set(messages.name, labels, to: Double(byStatus[status, default: 0]))
                }
                let waiting = byStatus[.queued, default: 0] + byStatus[.deliveryAttempted, default: 0]
                registry.set(queueDepth.name, channel, to: Double(waiting))
                registry.set(scheduled.name, channel, to: Double(later))
            }
        }
    }
}
