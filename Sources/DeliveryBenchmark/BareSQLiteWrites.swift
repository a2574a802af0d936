internal import CSQLite
import Foundation

/// The store's floor: the rows a delivered message needs, written through SQLite's C API with nothing
/// else around them, in the store's own schema and durability setting.
///
/// For each group of messages (the pipeline's claim batch) it makes the three commits a message must go
/// through before its status is final: the messages and their `message.queued` events; their leases;
/// their outcomes (`delivered`), each with its `message.delivered` event and the attempt's delivery log.
/// Statements are prepared once and bound per row, on one thread, with no Swift concurrency and no JSON
/// encoding: the text columns are the same bytes for every message. The groups are as large as the
/// pipeline's largest, so this is a lower bound on what the pipeline's store can cost, not a model of it.
/// (The benchmark imports `CSQLite` for this alone, as it imports `CCurl` for the bare loop.)
enum BareSQLiteWrites {
    /// What the run measured.
    struct Result {
        /// Messages written to their final status.
        var messages: Int
        /// From the first insert to the last commit.
        var elapsed: Duration
        /// The processor time of the writing thread, in seconds (its share of the kernel's work for
        /// writes and syncs included).
        var threadCPUSeconds: Double
        /// Write transactions committed.
        var commits: Int
        /// The processor time the hypervisor stole from the machine over the run, in seconds.
        var stolenSeconds: Double

        /// Messages per second.
        var rate: Double { Double(messages) / max(elapsed.seconds, 1e-9) }
        /// The writing thread's processor time per message, in seconds.
        var cpuPerMessage: Double { threadCPUSeconds / Double(max(1, messages)) }
    }

    /// Writes `count` messages to their final status in the database at `path`, which must already have
    /// the store's schema and no messages, `groupSize` messages per commit, on a thread of its own.
    ///
    /// - Parameters:
    ///   - path: The database file.
    ///   - synchronous: `FULL` or `NORMAL`, as the store is opened with.
    ///   - count: How many messages.
    ///   - groupSize: Messages per commit.
    ///   - content: The stored content of every message (the webhook body).
    ///   - exchange: The stored delivery log of every attempt.
    static func run(
        path: String, synchronous: String, count: Int, groupSize: Int, content: String, exchange: String
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Swift.Result {
                        try runBlocking(
                            path: path, synchronous: synchronous, count: count, groupSize: groupSize,
                            content: content, exchange: exchange)
                    })
            }
            thread.name = "benchmark-bare-sqlite"
            thread.start()
        }
    }

    private static func runBlocking(
        path: String, synchronous: String, count: Int, groupSize: Int, content: String, exchange: String
    ) throws -> Result {
        var opened: OpaquePointer?
        guard sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let database = opened else {
            sqlite3_close_v2(opened)
            throw BenchmarkError("bare SQLite writes: cannot open \(path)")
        }
        defer { sqlite3_close_v2(database) }
        let connection = Connection(database: database)
        for pragma in ["journal_mode = WAL", "synchronous = \(synchronous)", "foreign_keys = ON"] {
            try connection.execute("PRAGMA " + pragma)
        }
        let insert = try connection.prepare(
            "INSERT INTO messages (id, environment, channel_id, provider, channel_type, kind, recipient, "
                + "content_type, content, send_windows, status, attempt_count, next_attempt_at, "
                + "reauthentication_retried, created_at, updated_at, retry_round_start, recipient_id) "
                + "VALUES (?1, 'benchmark', 'sink', 'webhook', 'webhook', 'notification', ?2, 'webhook', ?3, '[]', "
                + "'queued', 0, ?4, 0, ?4, ?4, 0, ?5)")
        let event = try connection.prepare(
            "INSERT INTO message_events (message_id, seq, kind, status, reason, occurred_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?4, ?5)")
        let lease = try connection.prepare(
            "UPDATE messages SET lease_owner = 'benchmark', lease_expires_at = ?2 WHERE id = ?1")
        let outcome = try connection.prepare(
            "UPDATE messages SET status = 'delivered', attempt_count = 1, next_attempt_at = NULL, updated_at = ?2, "
                + "lease_owner = NULL, lease_expires_at = NULL WHERE id = ?1 AND status = 'queued'")
        let log = try connection.prepare(
            "INSERT INTO attempt_logs (message_id, attempt, started_at, duration_ms, exchanges, outcome, detail) "
                + "VALUES (?1, 1, ?2, 1, ?3, 'delivered', NULL)")
        defer { [insert, event, lease, outcome, log].forEach { sqlite3_finalize($0) } }

        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let start = ContinuousClock.now
        let cpu = ThreadCPU.seconds
        let stolen = StolenTime.seconds
        var commits = 0
        for first in stride(from: 0, to: count, by: groupSize) {
            let ids = (first..<min(count, first + groupSize)).map { "msg_floor_\($0)" }
            try connection.transaction {
                for (offset, id) in ids.enumerated() {
                    try connection.step(
                        insert, id, "{\"id\":\"user-\(first + offset)\"}", content, now, "user-\(first + offset)")
                    try connection.step(event, id, 1, "message.queued", "queued", now)
                }
            }
            try connection.transaction {
                for id in ids { try connection.step(lease, id, now + 30_000) }
            }
            try connection.transaction {
                for id in ids {
                    try connection.step(outcome, id, now + 1)
                    guard sqlite3_changes(database) == 1 else {
                        throw BenchmarkError("bare SQLite writes: \(id) not updated")
                    }
                    try connection.step(event, id, 2, "message.delivered", "delivered", now + 1)
                    try connection.step(log, id, now, exchange)
                }
            }
            commits += 3
        }
        return Result(
            messages: count, elapsed: ContinuousClock.now - start, threadCPUSeconds: ThreadCPU.seconds - cpu,
            commits: commits, stolenSeconds: StolenTime.seconds - stolen)
    }

    /// The few calls the run makes on one connection, each failure a ``BenchmarkError`` with SQLite's message.
    private struct Connection {
        let database: OpaquePointer

        func execute(_ sql: String) throws {
            guard sqlite3_exec(database, sql, nil, nil, nil) == SQLITE_OK else { throw failure(sql) }
        }

        func prepare(_ sql: String) throws -> OpaquePointer {
            var statement: OpaquePointer?
            guard
                sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
                let statement
            else { throw failure(sql) }
            return statement
        }

        /// Binds `values` (text or 64-bit integers) to `statement` in order, steps it once and resets it.
        func step(_ statement: OpaquePointer, _ values: any Sendable...) throws {
            defer {
                sqlite3_reset(statement)
                sqlite3_clear_bindings(statement)
            }
            for (offset, value) in values.enumerated() {
                let index = Int32(offset + 1)
                switch value {
                case let text as String: csqlite_bind_text_transient(statement, index, text, -1)
                case let number as Int64: sqlite3_bind_int64(statement, index, number)
                case let number as Int: sqlite3_bind_int64(statement, index, Int64(number))
                default: throw BenchmarkError("bare SQLite writes: cannot bind \(type(of: value))")
                }
            }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw failure(String(cString: sqlite3_sql(statement))) }
        }

        func transaction(_ body: () throws -> Void) throws {
            try execute("BEGIN IMMEDIATE")
            do {
                try body()
                try execute("COMMIT")
            } catch {
                try? execute("ROLLBACK")
                throw error
            }
        }

        private func failure(_ sql: String) -> BenchmarkError {
            BenchmarkError("bare SQLite writes: \(String(cString: sqlite3_errmsg(database))) in \(sql)")
        }
    }
}

/// The calling thread's processor time (`CLOCK_THREAD_CPUTIME_ID`).
enum ThreadCPU {
    /// Seconds of processor time the calling thread has used.
    static var seconds: Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
