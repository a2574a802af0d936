internal import CSQLite
import Engine

/// Owns one SQLite database connection (`sqlite3 *`) and its cache of prepared statements.
///
/// Not thread-safe: a connection is confined to the actor that owns it (``SQLiteMessageStore``), which
/// runs on one dedicated thread. SQLite is opened in multi-thread mode (no per-call mutex) for that reason.
final class SQLiteConnection {
    // The `sqlite3 *` this object owns: opened by `sqlite3_open_v2` in init, closed by
    // `sqlite3_close_v2` in `close()` (called by deinit), after the statement cache is emptied so
    // that every statement is finalized first. `nil` once closed.
    private var database: OpaquePointer?
    // Prepared statements by SQL text; only fixed SQL strings are cached, never built ones.
    private var statements: [String: SQLiteStatement] = [:]
    /// The database file's path, or `:memory:`.
    let path: String
    /// How many write transactions (``transaction(_:)``) were committed on this connection.
    private(set) var committedWriteTransactions = 0

    /// Opens (creating if needed) the database at `path`; `:memory:` opens a private in-memory database.
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` if SQLite cannot open it.
    init(path: String) throws {
        var database: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &database, flags, nil)
        guard code == SQLITE_OK, let database else {
            let error = Self.error(code, database: database, context: "opening \(path)")
            sqlite3_close_v2(database)
            throw error
        }
        self.database = database
        self.path = path
    }

    deinit {
        close()
    }

    /// Finalizes every statement and closes the database; later calls throw ``EngineError/Code/unavailable``.
    func close() {
        statements.removeAll()
        if let database {
            sqlite3_close_v2(database)
        }
        database = nil
    }

    /// Whether ``close()`` has not been called.
    var isOpen: Bool { database != nil }

    private func openDatabase() throws -> OpaquePointer {
        guard let database else { throw EngineError(.unavailable, "the database \(path) is closed") }
        return database
    }

    // MARK: - Running SQL

    /// Runs one statement to completion, ignoring any rows it returns.
    ///
    /// - Parameters:
    ///   - sql: One SQL statement with `?` parameters; prepared once and cached.
    ///   - values: The parameters' values.
    func execute(_ sql: String, _ values: any SQLiteBindable...) throws {
        try execute(sql, values: values)
    }

    /// Runs one statement to completion with an array of parameter values, ignoring any rows it returns.
    func execute(_ sql: String, values: [any SQLiteBindable]) throws {
        try withStatement(sql, values) { statement in
            while try statement.step() {}
        }
    }

    /// Runs a query and reads every row.
    func query<Row>(_ sql: String, _ values: any SQLiteBindable..., read: (SQLiteRow) throws -> Row) throws -> [Row] {
        try withStatement(sql, values) { statement in
            var rows: [Row] = []
            while try statement.step() {
                rows.append(try read(statement.row))
            }
            return rows
        }
    }

    /// Runs a query and reads its first row, or returns `nil` when it has none.
    func queryFirst<Row>(_ sql: String, _ values: any SQLiteBindable..., read: (SQLiteRow) throws -> Row) throws
        -> Row?
    {
        try withStatement(sql, values) { statement in
            try statement.step() ? read(statement.row) : nil
        }
    }

    /// Runs the cached statement for `sql` with `values` bound, and resets it afterwards.
    func withStatement<Result>(
        _ sql: String, _ values: [any SQLiteBindable], _ body: (SQLiteStatement) throws -> Result
    ) throws -> Result {
        let statement = try statement(for: sql)
        defer { statement.reset() }
        try statement.bind(values)
        return try body(statement)
    }

    private func statement(for sql: String) throws -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        let statement = try SQLiteStatement(sql, database: try openDatabase())
        statements[sql] = statement
        return statement
    }

    /// How many times the cached statements were prepared again, by SQL text (for tests).
    var reprepareCounts: [String: Int] {
        statements.mapValues(\.reprepareCount)
    }

    /// Runs SQL text of one or more statements without caching (schema changes).
    func executeScript(_ sql: String) throws {
        let database = try openDatabase()
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(database, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            throw Self.error(code, message: text, context: "running the schema script")
        }
    }

    /// How many rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int {
        database.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// Sets how long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
    func setBusyTimeout(_ timeout: Duration) throws {
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        let code = sqlite3_busy_timeout(try openDatabase(), Int32(clamping: milliseconds))
        guard code == SQLITE_OK else { throw Self.error(code, database: database, context: "setting the busy timeout") }
    }

    // MARK: - Transactions

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE` … `COMMIT`); rolls back if it throws.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock up front, so reads in `body` see the latest data and
    /// no other connection can change it before the commit.
    func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        let result = try inTransaction(begin: "BEGIN IMMEDIATE", body)
        committedWriteTransactions += 1
        return result
    }

    /// Runs `body` in a read transaction (`BEGIN` … `COMMIT`), so its queries see one snapshot.
    func readTransaction<Result>(_ body: () throws -> Result) throws -> Result {
        try inTransaction(begin: "BEGIN", body)
    }

    private func inTransaction<Result>(begin: String, _ body: () throws -> Result) throws -> Result {
        try execute(begin)
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            rollBackIfNeeded()
            throw error
        }
    }

    /// Runs `body` inside a savepoint of the current transaction: if it throws, only its own changes
    /// are rolled back and the transaction goes on.
    func savepoint<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("SAVEPOINT change")
        do {
            let result = try body()
            try execute("RELEASE change")
            return result
        } catch {
            if isInTransaction {
                try? execute("ROLLBACK TO change")
                try? execute("RELEASE change")
            }
            throw error
        }
    }

    /// Whether a transaction is open.
    var isInTransaction: Bool {
        database.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// Whether the last failure said the file is not a database or is corrupt.
    var lastFailureWasCorruption: Bool {
        guard let database else { return false }
        let primary = sqlite3_extended_errcode(database) & 0xff
        return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT
    }

    private func rollBackIfNeeded() {
        // SQLite rolls some failures back by itself (disk full, I/O errors); roll back only what is still open.
        if isInTransaction {
            try? execute("ROLLBACK")
        }
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}
