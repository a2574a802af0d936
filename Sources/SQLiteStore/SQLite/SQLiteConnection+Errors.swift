internal import CSQLite
import Engine

extension SQLiteConnection {
    /// The one mapping from an SQLite result code to an ``EngineError``.
    ///
    /// Unique and primary key violations are ``EngineError/Code/conflict``; everything else (I/O
    /// errors, a full disk, a corrupt or non-database file, a lock held past the busy timeout) is
    /// ``EngineError/Code/storageFailure``. The message names what was being done, SQLite's own
    /// message and the extended result code; it never contains bound values.
    static func error(_ code: Int32, message: String, context: String) -> EngineError {
        let engineCode: EngineError.Code =
            switch code {
            case csqlite_constraint_primarykey, csqlite_constraint_unique: .conflict
            default: .storageFailure
            }
        return EngineError(engineCode, "\(context): \(message) (SQLite error \(code))")
    }

    /// The error for `code`, with the connection's last error message when there is one.
    static func error(_ code: Int32, database: OpaquePointer?, context: String) -> EngineError {
        let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        return error(code, message: message, context: context)
    }
}
