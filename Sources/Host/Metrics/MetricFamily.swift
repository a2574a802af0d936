/// A named metric and its kind, help text and (for histograms) bucket bounds.
public struct MetricFamily: Sendable, Hashable {
    /// The kind of a family.
    public enum Kind: String, Sendable, Hashable {
        /// Only goes up.
        case counter
        /// Goes up and down.
        case gauge
        /// Observations counted in cumulative buckets, with their sum and count.
        case histogram
    }

    /// The name, such as `deliveryhost_http_requests_total`.
    public var name: String
    /// One line of help.
    public var help: String
    /// The kind.
    public var kind: Kind
    /// The upper bounds of a histogram's buckets, ascending (`+Inf` is implied); empty otherwise.
    public var buckets: [Double]

    /// A counter.
    public static func counter(_ name: String, help: String) -> MetricFamily {
        MetricFamily(name: name, help: help, kind: .counter, buckets: [])
    }

    /// A gauge.
    public static func gauge(_ name: String, help: String) -> MetricFamily {
        MetricFamily(name: name, help: help, kind: .gauge, buckets: [])
    }

    /// A histogram with fixed bucket bounds (default: 5 ms to 10 s, for latencies in seconds).
    public static func histogram(_ name: String, help: String, buckets: [Double] = latencyBuckets) -> MetricFamily {
        MetricFamily(name: name, help: help, kind: .histogram, buckets: buckets.sorted())
    }

    /// Latency buckets in seconds: 5 ms, 10 ms, 25 ms, 50 ms, 100 ms, 250 ms, 500 ms, 1 s, 2.5 s, 5 s, 10 s.
    public static let latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
}

/// A series' labels: names and values, kept sorted by name so equal sets compare equal.
public struct Labels: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// The pairs, sorted by name.
    public let pairs: [(name: String, value: String)]

    /// Creates labels from pairs in any order.
    public init(_ pairs: [(String, String)]) {
        self.pairs = pairs.sorted { $0.0 < $1.0 }.map { (name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// `{name="value",…}` with values escaped, or the empty string.
    public var rendered: String {
        pairs.isEmpty
            ? ""
            : "{" + pairs.map { "\($0.name)=\"\(MetricsText.escapeLabel($0.value))\"" }.joined(separator: ",") + "}"
    }

    public static func == (lhs: Labels, rhs: Labels) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.name)
            hasher.combine(pair.value)
        }
    }
}
