import Foundation
import Providers

/// ISO-8601 timestamps in conditions and dynamic windows: `2024-01-05T14:00:00Z`, with or without fractional
/// seconds, with `Z` or a numeric offset.
enum ConditionTimestamp {
    /// The instant a string spells, or `nil` for anything else.
    static func date(_ value: JSONValue) -> Date? {
        guard case .string(let text) = value else { return nil }
        return date(text)
    }

    /// The instant `text` spells, or `nil`.
    static func date(_ text: String) -> Date? {
        // ISO8601DateFormatter is not Sendable; a fresh one per call keeps this free of shared state.
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// The order of two timestamps, or `nil` unless both are timestamps.
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> ComparisonResult? {
        guard let left = date(lhs), let right = date(rhs) else { return nil }
        return left < right ? .orderedAscending : (left > right ? .orderedDescending : .orderedSame)
    }

    /// Whether `value` is at or after the first bound and before the second.
    static func isBetween(_ value: JSONValue, _ bounds: JSONValue) -> Bool {
        guard let pair = bounds.arrayValue, pair.count == 2, let date = date(value),
            let start = Self.date(pair[0]), let end = Self.date(pair[1])
        else { return false }
        return start <= date && date < end
    }
}
