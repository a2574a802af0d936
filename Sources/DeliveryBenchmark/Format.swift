import Foundation

/// Prints a line of the report at once, also into a pipe or a file, so that a long run shows its progress.
func report(_ line: String = "") {
    print(line)
    fflush(nil)
}

/// Number formats for the report.
enum Format {
    /// A whole number with thousands separators: `12,345`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A rate per second: `12,345/s`.
    static func rate(_ perSecond: Double) -> String {
        "\(count(Int(perSecond.rounded())))/s"
    }

    /// Seconds with two decimals: `1.23 s`.
    static func seconds(_ value: Double) -> String {
        String(format: "%.2f s", value)
    }

    /// Milliseconds, with one decimal below 100: `4.2 ms`, `310 ms`.
    static func milliseconds(_ seconds: Double?) -> String {
        guard let seconds else { return "n/a" }
        let milliseconds = seconds * 1000
        return milliseconds < 100 ? String(format: "%.1f ms", milliseconds) : String(format: "%.0f ms", milliseconds)
    }

    /// Seconds as whole microseconds: `412 µs`.
    static func microseconds(_ seconds: Double) -> String {
        String(format: "%.0f µs", seconds * 1e6)
    }

    /// Bytes as MiB with one decimal: `42.5 MiB`.
    static func mebibytes(_ bytes: Int?) -> String {
        guard let bytes else { return "n/a" }
        return String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    /// A fraction as a percentage: `48.2%`.
    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }
}
