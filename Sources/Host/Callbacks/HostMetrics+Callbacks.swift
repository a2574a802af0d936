extension HostMetrics {
    /// Provider callbacks received, by provider and result (`accepted`: verified and read; `rejected`:
    /// forged, stale, unreadable or not verifiable).
    public static let callbacks = MetricFamily.counter(
        "deliveryhost_callbacks_total", help: "Provider status callbacks received, by provider and result.")
    /// Status updates carried by accepted callbacks, by provider and result (`applied`, `duplicate`,
    /// `ignored` by the transition rules, `unknown_message`).
    public static let callbackUpdates = MetricFamily.counter(
        "deliveryhost_callback_updates_total",
        help:
            "Status updates from provider callbacks, by provider and result (applied, duplicate, ignored, unknown_message)."
    )

    /// Declares the callback families in a registry.
    public static func declareCallbackMetrics(in registry: MetricsRegistry) {
        registry.declare(callbacks)
        registry.declare(callbackUpdates)
    }
}
