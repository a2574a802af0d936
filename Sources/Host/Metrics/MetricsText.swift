/// The Prometheus text format 0.0.4: escaping and sample lines.
enum MetricsText {
    /// The content type of the exposition.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Escapes a label value: backslash, double quote and line feed.
    static func escapeLabel(_ value: String) -> String {
        var text = ""
        for character in value {
            switch character {
            case "\\": text += "\\\\"
            case "\"": text += "\\\""
            case "\n": text += "\\n"
            default: text.append(character)
            }
        }
        return text
    }

    /// Escapes help text: backslash and line feed.
    static func escapeHelp(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }

    /// A number as Prometheus writes it: whole numbers without a fraction, `+Inf`, `-Inf`, `NaN`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// The sample lines of one series.
    static func lines(
        family: MetricFamily, labels: Labels, series value: Double, _ bucketCounts: [UInt64], _ count: UInt64
    ) -> String {
        guard family.kind == .histogram else { return "\(family.name)\(labels.rendered) \(number(value))\n" }
        var text = ""
        for (index, bound) in family.buckets.enumerated() {
            let bucketLabels = Labels(labels.pairs.map { ($0.name, $0.value) } + [("le", number(bound))])
            let cumulative = index < bucketCounts.count ? bucketCounts[index] : 0
            text += "\(family.name)_bucket\(bucketLabels.rendered) \(cumulative)\n"
        }
        let infinity = Labels(labels.pairs.map { ($0.name, $0.value) } + [("le", "+Inf")])
        text += "\(family.name)_bucket\(infinity.rendered) \(count)\n"
        text += "\(family.name)_sum\(labels.rendered) \(number(value))\n"
        text += "\(family.name)_count\(labels.rendered) \(count)\n"
        return text
    }
}
