internal import CSQLite
import Foundation

/// Owns one prepared statement (`sqlite3_stmt *`) of a ``SQLiteConnection``.
///
/// Not thread-safe: used only by the connection that prepared it, which is confined to its store's actor.
final class SQLiteStatement {
    // The `sqlite3_stmt *` this object owns: prepared by `sqlite3_prepare_v3` in init, finalized by
    // `sqlite3_finalize` in deinit. The connection empties its statement cache (finalizing them all)
    // before it closes the database handle; `sqlite3_close_v2` would keep the handle alive otherwise.
    private let handle: OpaquePointer
    // The `sqlite3 *` the statement belongs to, borrowed from the connection for error messages; the
    // connection outlives its cached statements.
    private let database: OpaquePointer
    /// The SQL text, for error messages (never bound values).
    let sql: String

    /// Prepares `sql`, which must be one statement.
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` with SQLite's message if it does not compile.
    init(_ sql: String, database: OpaquePointer) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw SQLiteConnection.error(code, database: database, context: "preparing \(sql)")
        }
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// How many times SQLite had to prepare the statement again (its schema changed, or a bound value
    /// the plan depended on changed).
    var reprepareCount: Int {
        Int(sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0))
    }

    // MARK: - Binding

    /// Binds `values` to the parameters `?1`, `?2`, ….
    func bind(_ values: [any SQLiteBindable]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value.sqliteValue {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let integer):
                code = sqlite3_bind_int64(handle, index, integer)
            case .real(let real):
                code = sqlite3_bind_double(handle, index, real)
            case .text(let text):
                code = text.withCString { csqlite_bind_text_transient(handle, index, $0, Int32(text.utf8.count)) }
            case .blob(let bytes) where bytes.isEmpty:
                code = sqlite3_bind_zeroblob(handle, index, 0)
            case .blob(let bytes):
                code = bytes.withUnsafeBytes {
                    csqlite_bind_blob_transient(handle, index, $0.baseAddress, Int32($0.count))
                }
            }
            guard code == SQLITE_OK else {
                throw SQLiteConnection.error(code, database: database, context: "binding parameter \(index) of \(sql)")
            }
        }
    }

    // MARK: - Stepping

    /// Runs the statement to its next row.
    ///
    /// - Returns: `true` if a row is available (read it with ``row``), `false` when done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw SQLiteConnection.error(code, database: database, context: "running \(sql)")
        }
    }

    /// The current row; valid until the next ``step()`` or ``reset()``.
    var row: SQLiteRow { SQLiteRow(handle: handle) }

    /// Makes the statement ready to run again and drops its bound values (and any read lock it held).
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}

/// The current row of a statement, read by column index from 0.
struct SQLiteRow: SQLiteColumns {
    // Borrowed from the ``SQLiteStatement`` stepping it; a row never outlives the step that made it.
    fileprivate let handle: OpaquePointer

    /// Whether the column is NULL.
    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// The column as an integer (0 for NULL).
    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// The first `count` columns copied out in their storage classes, to be read after the next step.
    func copy(columns count: Int32) -> SQLiteRowCopy {
        SQLiteRowCopy(
            values: (0..<count).map { column in
                switch sqlite3_column_type(handle, column) {
                case SQLITE_NULL: .null
                case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, column))
                case SQLITE_FLOAT: .real(sqlite3_column_double(handle, column))
                case SQLITE_BLOB:
                    .blob(
                        sqlite3_column_blob(handle, column).map {
                            Array(UnsafeRawBufferPointer(start: $0, count: Int(sqlite3_column_bytes(handle, column))))
                        } ?? [])
                default: .text(string(column))
                }
            })
    }

    /// The column as an `Int` (0 for NULL).
    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    /// The column as an integer, or `nil` for NULL.
    func optionalInt(_ column: Int32) -> Int? {
        isNull(column) ? nil : int(column)
    }

    /// The column as a Boolean (nonzero is `true`).
    func bool(_ column: Int32) -> Bool {
        sqlite3_column_int64(handle, column) != 0
    }

    /// The column as text ("" for NULL).
    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
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
