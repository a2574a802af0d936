import Foundation

/// A value bound to a statement parameter, in one of SQLite's storage classes.
enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A Swift value that binds to a statement parameter.
protocol SQLiteBindable: Sendable {
    /// The value as bound.
    var sqliteValue: SQLiteValue { get }
}

extension String: SQLiteBindable {
    var sqliteValue: SQLiteValue { .text(self) }
}

extension Int: SQLiteBindable {
    var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Int64: SQLiteBindable {
    var sqliteValue: SQLiteValue { .integer(self) }
}

extension Double: SQLiteBindable {
    var sqliteValue: SQLiteValue { .real(self) }
}

extension Bool: SQLiteBindable {
    var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
}

extension Date: SQLiteBindable {
    /// Dates are stored as integer milliseconds since 1970 (UTC); see ``millisecondsSince1970``.
    var sqliteValue: SQLiteValue { .integer(millisecondsSince1970) }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }
}

extension SQLiteValue: SQLiteBindable {
    var sqliteValue: SQLiteValue { self }
}

// MARK: - Dates

extension Date {
    /// The date as whole milliseconds since 1970 (UTC), rounded to the nearest millisecond.
    ///
    /// This is how every date is stored, so a date read back equals the one written only when it
    /// was a whole number of milliseconds (as `Date(millisecondsSince1970:)` makes). Dates beyond
    /// ±292 million years are clamped.
    var millisecondsSince1970: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite else { return milliseconds > 0 ? .max : milliseconds < 0 ? .min : 0 }
        return Int64(exactly: milliseconds) ?? (milliseconds > 0 ? .max : .min)
    }

    /// The date `milliseconds` after 1970-01-01 00:00:00 UTC.
    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
