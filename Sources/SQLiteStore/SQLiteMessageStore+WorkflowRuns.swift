public import Engine
public import Foundation
public import Providers

/// The workflow engine's run store on the same database as messages (schema version 5): runs, batches and
/// throttle windows are JSON documents beside the columns that queries and scheduling need.
extension SQLiteMessageStore: WorkflowRunStore {
    public nonisolated func insert(_ runs: [RecipientRun]) async throws {
        try await insertRows(runs.map { ($0, $0.json.encoded()) })
    }

    /// Inserts runs with their encoded bodies in one group-committed write, all or none.
    private func insertRows(_ rows: [(RecipientRun, String)]) async throws {
        try await write { [self] in
            for (run, body) in rows { try insertRow(run, body: body) }
        }
    }

    /// Inserts a run with its encoded body inside the current transaction.
    ///
    /// - Throws: ``EngineError/Code/conflict`` if a run with its id exists.
    func insertRow(_ run: RecipientRun, body: String) throws {
        do {
            // The unique index on `id` finds a duplicate; no lookup before (this runs for every trigger).
            try connection.execute(
                "INSERT INTO workflow_runs (id, environment, workflow_key, workflow_run_id, recipient_id, state, "
                    + "cancellation_key, due_at, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                run.id, run.environment, run.workflowKey, run.workflowRunID, run.recipient.storageID, run.state.name,
                run.cancellationKey, run.dueAt, body)
        } catch let error as EngineError where error.code == .conflict {
            throw EngineError(.conflict, "recipient run \(run.id) exists already")
        }
    }

    public nonisolated func update(_ run: RecipientRun) async throws {
        // Encoded on the caller's thread; stored in a commit shared with the writes waiting at the time.
        try await updateRow(run, body: run.json.encoded())
    }

    private func updateRow(_ run: RecipientRun, body: String) async throws {
        try await write { [self] in
            try connection.execute(
                "UPDATE workflow_runs SET state = ?2, due_at = ?3, body = ?4 WHERE id = ?1",
                run.id, run.state.name, run.dueAt, body)
            guard connection.changes == 1 else { throw EngineError(.notFound, "no recipient run \(run.id)") }
        }
    }

    public func run(id: String) throws -> RecipientRun? {
        try connection.queryFirst("SELECT body FROM workflow_runs WHERE id = ?1", id) { row in
            try Self.run(row.string(0))
        }
    }

    /// One page of runs, newest first: every filter of a ``RecipientRunQuery`` is a column, so the page is
    /// read with `LIMIT` (one row past the page tells whether more follow). Parameters: environment, the
    /// `seq` to start below, workflow key, workflow run id, recipient storage id, cancellation key, states
    /// as a JSON array, and the limit.
    static let runListingQuery =
        "SELECT seq, body FROM workflow_runs WHERE environment = ?1 AND seq < ?2 "
        + "AND (?3 IS NULL OR workflow_key = ?3) AND (?4 IS NULL OR workflow_run_id = ?4) "
        + "AND (?5 IS NULL OR recipient_id = ?5) AND (?6 IS NULL OR cancellation_key = ?6) "
        + "AND (?7 IS NULL OR state IN (SELECT value FROM json_each(?7))) ORDER BY seq DESC LIMIT ?8"

    public func runs(_ query: RecipientRunQuery, page: PageRequest) throws -> Page<RecipientRun> {
        var start = Int64.max
        if let after = page.after,
            let seq = try connection.queryFirst(
                "SELECT seq FROM workflow_runs WHERE id = ?1", after, read: { $0.int64(0) })
        {
            start = seq
        }
        let size = max(1, min(page.size, PageRequest.maximumSize))
        let states = query.states.map { JSONValue.array($0.sorted().map(JSONValue.string)).encoded() }
        let matching = try connection.query(
            Self.runListingQuery, query.environment, start, query.workflowKey, query.workflowRunID,
            query.recipient?.storageID, query.cancellationKey, states, size + 1
        ) { row in try Self.run(row.string(1)) }
        let entries = Array(matching.prefix(size))
        return Page(
            entries: entries, after: matching.count > size ? entries.last?.id : nil,
            before: page.after != nil ? entries.first?.id : nil)
    }

    public func dueRuns(now: Date, limit: Int) throws -> [RecipientRun] {
        try connection.query(
            "SELECT body FROM workflow_runs WHERE due_at IS NOT NULL AND due_at <= ?1 ORDER BY due_at, seq LIMIT ?2",
            now, limit
        ) { row in try Self.run(row.string(0)) }
    }

    public func nextDueDate() throws -> Date? {
        try connection.queryFirst(
            "SELECT min(due) FROM (SELECT min(due_at) AS due FROM workflow_runs WHERE due_at IS NOT NULL "
                + "UNION ALL SELECT min(closes_at) FROM workflow_batches)"
        ) { row in row.optionalDate(0) } ?? nil
    }

    public func openBatch(key: String) throws -> BatchRecord? {
        try connection.queryFirst("SELECT body FROM workflow_batches WHERE key = ?1", key) { row in
            try BatchRecord(json: Self.json(row.string(0), what: "batch"))
        }
    }

    public func batch(id: String) throws -> BatchRecord? {
        try connection.queryFirst("SELECT body FROM workflow_batches WHERE id = ?1", id) { row in
            try BatchRecord(json: Self.json(row.string(0), what: "batch"))
        }
    }

    public func save(_ batch: BatchRecord) async throws {
        try await write { [self] in
            try connection.execute(
                "INSERT INTO workflow_batches (id, key, closes_at, body) VALUES (?1, ?2, ?3, ?4) "
                    + "ON CONFLICT (id) DO UPDATE SET key = excluded.key, closes_at = excluded.closes_at, body = excluded.body",
                batch.id, batch.key, batch.closesAt, batch.json.encoded())
        }
    }

    public func deleteBatch(id: String) async throws {
        try await write { [self] in
            try connection.execute("DELETE FROM workflow_batches WHERE id = ?1", id)
        }
    }

    public func dueBatches(now: Date) throws -> [BatchRecord] {
        try connection.query("SELECT body FROM workflow_batches WHERE closes_at <= ?1 ORDER BY closes_at", now) { row in
            try BatchRecord(json: Self.json(row.string(0), what: "batch"))
        }
    }

    public func throttleWindow(key: String) throws -> ThrottleWindow? {
        try connection.queryFirst("SELECT body FROM workflow_throttles WHERE key = ?1", key) { row in
            let json = try Self.json(row.string(0), what: "throttle window")
            return ThrottleWindow(
                key: key, openedAt: Date(timeIntervalSince1970: json["opened_at"]?.numberValue ?? 0),
                closesAt: Date(timeIntervalSince1970: json["closes_at"]?.numberValue ?? 0),
                count: json["count"]?.intValue ?? 0)
        }
    }

    public func save(_ window: ThrottleWindow) async throws {
        try await write { [self] in
            let body: JSONValue = [
                "opened_at": .number(window.openedAt.timeIntervalSince1970),
                "closes_at": .number(window.closesAt.timeIntervalSince1970), "count": .number(Double(window.count)),
            ]
            try connection.execute(
                "INSERT INTO workflow_throttles (key, body) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET body = excluded.body",
                window.key, body.encoded())
        }
    }

    public func claimIdempotencyKey(_ key: String, workflowRunID: String, now: Date) throws -> String? {
        try connection.transaction { try claim(key, workflowRunID: workflowRunID, now: now) }
    }

    /// Claims an idempotency key inside the current transaction (see ``claimIdempotencyKey(_:workflowRunID:now:)``).
    func claim(_ key: String, workflowRunID: String, now: Date) throws -> String? {
        let oldest = now.addingTimeInterval(-TriggerRequest.idempotencyKeyLifetime)
        if let existing = try connection.queryFirst(
            "SELECT workflow_run_id FROM workflow_idempotency WHERE key = ?1 AND created_at > ?2", key, oldest,
            read: { $0.string(0) })
        {
            return existing
        }
        try connection.execute(
            "INSERT INTO workflow_idempotency (key, workflow_run_id, created_at) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (key) DO UPDATE SET workflow_run_id = excluded.workflow_run_id, "
                + "created_at = excluded.created_at",
            key, workflowRunID, now)
        return nil
    }

    public func saveVersion(workflowKey: String, version: String, snapshot: JSONValue) throws {
        try saveVersion(workflowKey: workflowKey, version: version, encodedSnapshot: snapshot.encoded())
    }

    /// Stores an encoded version snapshot unless that version is stored already.
    func saveVersion(workflowKey: String, version: String, encodedSnapshot: String) throws {
        try connection.execute(
            "INSERT INTO workflow_versions (workflow_key, version, snapshot) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (workflow_key, version) DO NOTHING",
            workflowKey, version, encodedSnapshot)
    }

    public func version(workflowKey: String, version: String) throws -> JSONValue? {
        try connection.queryFirst(
            "SELECT snapshot FROM workflow_versions WHERE workflow_key = ?1 AND version = ?2", workflowKey, version
        ) { row in try Self.json(row.string(0), what: "workflow version") }
    }

    private static func run(_ text: String) throws -> RecipientRun {
        try RecipientRun(json: json(text, what: "recipient run"))
    }
}
