import Engine
import Foundation
import Synchronization

/// The Engine's durable storage on SQLite: messages, their timelines and delivery logs, and
/// recipients' channel data, in one database file.
///
/// ```swift
/// let store = try SQLiteMessageStore.open(directory: "/var/lib/delivery-host")
/// try await store.insert(message, events: [queuedEvent])
/// let due = try await store.claimDue(
///     channel: key, now: now, limit: 50, leaseOwner: "worker-1", leaseUntil: now + 60)
/// ```
///
/// The database is in WAL mode with `synchronous=FULL` by default (see ``Synchronous``), foreign keys
/// enforced, and a busy timeout, so several stores (in one process or several) can share a file:
/// every write runs in a `BEGIN IMMEDIATE` transaction. The schema is migrated at open (see
/// ``schemaVersion``).
///
/// Single-message writes (``insert(_:events:)``, ``record(_:)-(MessageChange)``, ``claimDue(channel:now:limit:leaseOwner:leaseUntil:)``)
/// use group commit: writes that wait while another transaction commits share the next transaction
/// and its one disk sync, each in a savepoint of its own, so each stays atomic and fails alone.
///
/// Dates are stored as integer milliseconds since 1970 (UTC), rounded to the nearest millisecond:
/// a date read back equals the one stored only if it was a whole number of milliseconds.
///
/// The actor runs on its own thread, not the cooperative pool, because SQLite calls block on disk
/// syncs and on other connections' locks.
public actor SQLiteMessageStore {
    /// The database file's name inside a data directory.
    public static let fileName = "delivery-host.sqlite3"

    /// The schema version this DeliveryHost creates and understands.
    public static var schemaVersion: Int { Schema.latestVersion }

    // Owned by this actor and used only on its executor's thread.
    let connection: SQLiteConnection
    nonisolated let executor: SQLiteThreadExecutor
    // Writes waiting for the next shared transaction, and whether a flush is scheduled (see `write(isolated:)`).
    let writeQueue = Mutex(WriteQueue())

    /// The executor the actor runs on: one dedicated thread per store.
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    private init(path: String, options: Options) throws {
        let connection = try SQLiteConnection(path: path)
        try Self.prepare(connection, options: options)
        self.connection = connection
        executor = SQLiteThreadExecutor(name: "sqlite-store")
    }

    deinit {
        executor.stop()
    }

    // MARK: - Opening

    /// Opens the store in a data directory, creating the directory (mode 0700) and the database
    /// file ``fileName`` if needed, and migrating the schema.
    ///
    /// - Parameters:
    ///   - directory: The data directory.
    ///   - options: Durability and locking settings.
    /// - Returns: The open store.
    /// - Throws: ``EngineError/Code/schemaTooNew`` if a newer DeliveryHost wrote the database (which is
    ///   then left untouched), or ``EngineError/Code/storageFailure`` if the directory cannot be
    ///   created or the file is not a readable SQLite database.
    public static func open(directory: String, options: Options = Options()) throws -> SQLiteMessageStore {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw EngineError(.storageFailure, "\(directory): cannot create the data directory: \(error)")
        }
        return try open(path: (directory as NSString).appendingPathComponent(fileName), options: options)
    }

    /// Opens the store in a database file, creating it if needed, and migrating the schema.
    ///
    /// - Parameters:
    ///   - path: The database file; its directory must exist.
    ///   - options: Durability and locking settings.
    /// - Returns: The open store.
    /// - Throws: ``EngineError/Code/schemaTooNew`` if a newer DeliveryHost wrote the database (which is
    ///   then left untouched), or ``EngineError/Code/storageFailure`` if the file cannot be opened or
    ///   is not a readable SQLite database.
    public static func open(path: String, options: Options = Options()) throws -> SQLiteMessageStore {
        try SQLiteMessageStore(path: path, options: options)
    }

    /// Opens a private, empty in-memory store, for tests; everything is lost when it is released.
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` if SQLite cannot allocate it.
    public static func inMemory() throws -> SQLiteMessageStore {
        try SQLiteMessageStore(path: ":memory:", options: Options())
    }

    /// How many write transactions this store has committed: a group commit counts once (for tests).
    var committedWriteTransactions: Int { connection.committedWriteTransactions }

    /// How many times each cached statement was prepared again, by SQL text (for tests).
    var reprepareCounts: [String: Int] { connection.reprepareCounts }

    /// Closes the database now rather than when the store is released; later calls throw
    /// ``EngineError/Code/unavailable``.
    public func close() {
        connection.close()
    }

    /// Checks the schema version before anything writes to the file, then sets the connection up
    /// and migrates.
    private static func prepare(_ connection: SQLiteConnection, options: Options) throws {
        let path = connection.path
        try connection.setBusyTimeout(options.busyTimeout)
        let version: Int
        do {
            version = try Schema.version(of: connection)
        } catch let error as EngineError where connection.lastFailureWasCorruption {
            throw EngineError(
                .storageFailure,
                "\(path) is not a DeliveryHost database (not an SQLite file, or corrupted); "
                    + "move it away or use another data directory (\(error.message))")
        }
        guard version <= Schema.latestVersion else { throw Schema.tooNew(version, path: path) }
        // The journal mode is kept in the file's header: it is set only after the version check.
        try connection.execute("PRAGMA journal_mode = WAL")
        try connection.execute("PRAGMA synchronous = \(options.synchronous)")
        try connection.execute("PRAGMA foreign_keys = ON")
        try Schema.migrate(connection)
    }
}
