package import Foundation
import Synchronization

/// ISO 8601 internet date-time text in UTC (`2026-06-01T08:00:00Z`), exactly as a default
/// `ISO8601DateFormatter` writes it, from one shared formatter.
///
/// Creating an `ISO8601DateFormatter` sets up an ICU formatter (about 160 µs); formatting with an
/// existing one takes a few microseconds. Hot paths (every delivery attempt's exchange log) use this
/// instead of a formatter each.
package enum ISO8601Timestamp {
    // `ISO8601DateFormatter` is not Sendable: the one instance is only used under this lock.
    private static let formatter = Mutex(ISO8601DateFormatter())

    /// The text of `date`, as `ISO8601DateFormatter().string(from: date)` would give it.
    package static func string(from date: Date) -> String {
        formatter.withLock { $0.string(from: date) }
    }
}
