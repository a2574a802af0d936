import Foundation

/// Read access to the columns of one result row, by index from 0: a statement's current row
/// (``SQLiteRow``) or a copy of one (``SQLiteRowCopy``).
protocol SQLiteColumns {
    /// Whether the column is NULL.
    func isNull(_ column: Int32) -> Bool
    /// The column as an integer (0 for NULL).
    func int64(_ column: Int32) -> Int64
    /// The column as text ("" for NULL).
    func string(_ column: Int32) -> String
}

extension SQLiteColumns {
    /// The column as an `Int` (0 for NULL).
    func int(_ column: Int32) -> Int {
        Int(int64(column))
    }

    /// The column as a Boolean (nonzero is `true`).
    func bool(_ column: Int32) -> Bool {
        int64(column) != 0
    }

    /// The column as text, or `nil` for NULL.
    func optionalString(_ column: Int32) -> String? {
        isNull(column) ? nil : string(column)
    }

    /// The column, integer milliseconds since 1970, as a date.
    func date(_ column: Int32) -> Date {
        Date(millisecondsSince1970: int64(column))
    }

    /// The column as a date, or `nil` for NULL.
    func optionalDate(_ column: Int32) -> Date? {
        isNull(column) ? nil : date(column)
    }
}

/// The values of one result row, copied out of the statement so that they can be read later on
/// another thread (decoding a claimed message's JSON off the store's thread, say).
struct SQLiteRowCopy: SQLiteColumns, Sendable {
    /// The columns' values, in order.
    let values: [SQLiteValue]

    func isNull(_ column: Int32) -> Bool {
        if case .null = values[Int(column)] { return true }
        return false
    }

    func int64(_ column: Int32) -> Int64 {
        switch values[Int(column)] {
        case .integer(let value): value
        case .real(let value): Int64(value)
        default: 0
        }
    }

    func string(_ column: Int32) -> String {
        switch values[Int(column)] {
        case .text(let text): text
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: ""
        }
    }
}
