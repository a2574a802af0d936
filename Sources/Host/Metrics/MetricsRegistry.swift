internal import Foundation
internal import Synchronization

/// A small Prometheus registry: counters, gauges and histograms with labels, exposed in the text format
/// 0.0.4 (``exposition()``).
///
/// Families are declared once (``declare(_:)``); recording into an undeclared family is a programming
/// error. Label values are escaped on output; keep them bounded (route patterns, never raw paths or ids).
/// Safe to use from any thread: one mutex guards the values, and recording never suspends.
public final class MetricsRegistry: Sendable {
    private struct Series: Sendable {
        var value: Double = 0
        var bucketCounts: [UInt64] = []
        var count: UInt64 = 0
    }

    private struct State: Sendable {
        var families: [MetricFamily] = []
        var series: [String: [Labels: Series]] = [:]
        /// Each histogram family's bucket bounds, by name.
        var buckets: [String: [Double]] = [:]
    }

    private let state = Mutex(State())
    private let hooks = Mutex<[@Sendable (MetricsRegistry) async -> Void]>([])

    /// Creates an empty registry.
    public init() {}

    /// Declares a family; declaring the same name again is ignored.
    public func declare(_ family: MetricFamily) {
        state.withLock { state in
            guard !state.families.contains(where: { $0.name == family.name }) else { return }
            state.families.append(family)
            state.series[family.name] = [:]
            state.buckets[family.name] = family.buckets
        }
    }

    /// Adds `amount` (default 1) to a counter.
    public func increment(_ name: String, _ labels: Labels = [:], by amount: Double = 1) {
        update(name, labels) { series, _ in series.value += amount }
    }

    /// Sets a gauge.
    public func set(_ name: String, _ labels: Labels = [:], to value: Double) {
        update(name, labels) { series, _ in series.value = value }
    }

    /// Records one observation in a histogram.
    public func observe(_ name: String, _ labels: Labels = [:], _ value: Double) {
        update(name, labels) { series, buckets in
            if series.bucketCounts.count != buckets.count {
                series.bucketCounts = Array(repeating: 0, count: buckets.count)
            }
            for (index, bound) in buckets.enumerated() where value <= bound { series.bucketCounts[index] += 1 }
            series.value += value
            series.count += 1
        }
    }

    /// Removes every series of a gauge family, so that a scrape hook can set the current ones afresh.
    public func reset(_ name: String) {
        state.withLock { $0.series[name] = [:] }
    }

    /// Runs `hook` before every ``exposition()``, to set gauges read at scrape time (queue depths from the
    /// store). Hooks must be quick and must not throw; a failing read should leave the gauge as it was.
    public func addScrapeHook(_ hook: @escaping @Sendable (MetricsRegistry) async -> Void) {
        hooks.withLock { $0.append(hook) }
    }

    /// The current value of a counter or gauge series (for tests and readiness), or `nil` if never recorded.
    public func value(_ name: String, _ labels: Labels = [:]) -> Double? {
        state.withLock { $0.series[name]?[labels]?.value }
    }

    /// Runs the scrape hooks, then renders every family in the Prometheus text format 0.0.4.
    public func exposition() async -> String {
        for hook in hooks.withLock({ $0 }) { await hook(self) }
        let (families, series) = state.withLock { ($0.families, $0.series) }
        var text = ""
        for family in families {
            text += "# HELP \(family.name) \(MetricsText.escapeHelp(family.help))\n"
            text += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            let entries = (series[family.name] ?? [:]).sorted { $0.key.rendered < $1.key.rendered }
            for (labels, values) in entries {
                text += MetricsText.lines(
                    family: family, labels: labels, series: values.value, values.bucketCounts, values.count)
            }
        }
        return text
    }

    /// Changes one series under the lock; `change` also gets the family's bucket bounds (empty unless it
    /// is a histogram).
    private func update(_ name: String, _ labels: Labels, _ change: (inout Series, [Double]) -> Void) {
        state.withLock { state in
            guard let buckets = state.buckets[name] else { preconditionFailure("metric '\(name)' is not declared") }
            change(&state.series[name, default: [:]][labels, default: Series()], buckets)
        }
    }
}
