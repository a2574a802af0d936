import Engine

/// The database schema, as an ordered list of migrations; `PRAGMA user_version` records the last one applied.
///
/// Never edit a released migration: add one. Each runs in its own transaction at open, so a database
/// is always at one version. Dates are integer milliseconds since 1970 (UTC); JSON columns hold the
/// JSON forms the Providers and Engine modules read and write.
enum Schema {
    /// One step from version `version - 1` to `version`.
    struct Migration {
        /// The version the database is at after this step.
        let version: Int
        /// The statements, run in order.
        let statements: [String]
    }

    /// Every migration, oldest first; versions count up from 1 (with gaps only while branches are apart).
    static let migrations: [Migration] = [
        Migration(
            version: 1,
            statements: [
                """
                CREATE TABLE messages (
                    id TEXT PRIMARY KEY NOT NULL,
                    environment TEXT NOT NULL,
                    channel_id TEXT NOT NULL,
                    provider TEXT NOT NULL,
                    channel_type TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    workflow_key TEXT,
                    workflow_run_id TEXT,
                    workflow_recipient_run_id TEXT,
                    workflow_step_ref TEXT,
                    recipient TEXT NOT NULL,
                    content_type TEXT,
                    content TEXT,
                    send_windows TEXT NOT NULL,
                    status TEXT NOT NULL,
                    seen_at INTEGER,
                    read_at INTEGER,
                    interacted_at INTEGER,
                    link_clicked_at INTEGER,
                    archived_at INTEGER,
                    provider_message_id TEXT,
                    attempt_count INTEGER NOT NULL,
                    next_attempt_at INTEGER,
                    reauthentication_retried INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    lease_owner TEXT,
                    lease_expires_at INTEGER
                ) STRICT
                """,
                // claimDue and countByStatus: one channel's messages in a status, oldest due first.
                """
                CREATE INDEX messages_due
                    ON messages (environment, channel_id, status, next_attempt_at, id)
                """,
                // Status callbacks find a message by the provider's id.
                """
                CREATE INDEX messages_provider_message_id
                    ON messages (environment, channel_id, provider_message_id)
                    WHERE provider_message_id IS NOT NULL
                """,
                // releaseLeases and nextDueDate: the few messages leased at any time.
                """
                CREATE INDEX messages_leased
                    ON messages (environment, channel_id, lease_owner)
                    WHERE lease_owner IS NOT NULL
                """,
                // pruneDelivered: delivered messages not pruned yet, by age.
                """
                CREATE INDEX messages_prunable
                    ON messages (updated_at)
                    WHERE status = 'delivered' AND content IS NOT NULL
                """,
                """
                CREATE TABLE message_events (
                    message_id TEXT NOT NULL REFERENCES messages (id),
                    seq INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    status TEXT,
                    reason TEXT,
                    occurred_at INTEGER NOT NULL,
                    PRIMARY KEY (message_id, seq)
                ) STRICT
                """,
                """
                CREATE TABLE attempt_logs (
                    message_id TEXT NOT NULL REFERENCES messages (id),
                    attempt INTEGER NOT NULL,
                    started_at INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL,
                    exchanges TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    detail TEXT,
                    PRIMARY KEY (message_id, attempt)
                ) STRICT
                """,
                """
                CREATE TABLE channel_data (
                    environment TEXT NOT NULL,
                    recipient_id TEXT NOT NULL,
                    channel_id TEXT NOT NULL,
                    data TEXT NOT NULL,
                    PRIMARY KEY (environment, recipient_id, channel_id)
                ) STRICT
                """,
            ]),
        Migration(
            version: 2,
            statements: [
                // Manual retries start a new round of attempts; attempt numbers stay unique.
                "ALTER TABLE messages ADD COLUMN retry_round_start INTEGER NOT NULL DEFAULT 0"
            ]
        ),
        Migration(
            version: 3,
            statements: [
                // Listings: the tenant and trigger data of the producing run, and the recipient id on its own.
                "ALTER TABLE messages ADD COLUMN tenant TEXT",
                "ALTER TABLE messages ADD COLUMN data TEXT",
                "ALTER TABLE messages ADD COLUMN recipient_id TEXT",
                "UPDATE messages SET recipient_id = json_extract(recipient, '$.id')",
                // Feeds and per-recipient listings, newest first.
                """
                CREATE INDEX messages_by_recipient
                    ON messages (environment, recipient_id, channel_id, created_at, id)
                """,
                // Listings by delivery status, newest first.
                """
                CREATE INDEX messages_by_status
                    ON messages (environment, status, created_at, id)
                """,
            ]
        ),
        Migration(
            version: 4,
            statements: [
                // Users (collection '') and objects; listings read one collection in id order.
                """
                CREATE TABLE recipients (
                    environment TEXT NOT NULL,
                    collection TEXT NOT NULL,
                    id TEXT NOT NULL,
                    properties TEXT NOT NULL,
                    created_at TEXT,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (environment, collection, id)
                ) STRICT
                """,
                // Raw preference set JSON per recipient (by storage id, like channel_data) and set id.
                """
                CREATE TABLE preference_sets (
                    environment TEXT NOT NULL,
                    recipient_id TEXT NOT NULL,
                    set_id TEXT NOT NULL,
                    data TEXT NOT NULL,
                    PRIMARY KEY (environment, recipient_id, set_id)
                ) STRICT
                """,
            ]
        ),
        Migration(
            version: 5,
            statements: [
                // Recipient runs as JSON documents, with the columns queries and scheduling need.
                """
                CREATE TABLE workflow_runs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    environment TEXT NOT NULL,
                    workflow_key TEXT NOT NULL,
                    workflow_run_id TEXT NOT NULL,
                    recipient_id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    cancellation_key TEXT,
                    due_at INTEGER,
                    body TEXT NOT NULL
                ) STRICT
                """,
                "CREATE INDEX workflow_runs_due ON workflow_runs (due_at) WHERE due_at IS NOT NULL",
                "CREATE INDEX workflow_runs_by_workflow ON workflow_runs (environment, workflow_key, state)",
                // Open batches by key, with their close time.
                """
                CREATE TABLE workflow_batches (
                    id TEXT PRIMARY KEY NOT NULL,
                    key TEXT NOT NULL UNIQUE,
                    closes_at INTEGER NOT NULL,
                    body TEXT NOT NULL
                ) STRICT
                """,
                "CREATE TABLE workflow_throttles (key TEXT PRIMARY KEY NOT NULL, body TEXT NOT NULL) STRICT",
                """
                CREATE TABLE workflow_idempotency (
                    key TEXT PRIMARY KEY NOT NULL, workflow_run_id TEXT NOT NULL, created_at INTEGER NOT NULL
                ) STRICT
                """,
                // The workflow versions runs are pinned to.
                """
                CREATE TABLE workflow_versions (
                    workflow_key TEXT NOT NULL, version TEXT NOT NULL, snapshot TEXT NOT NULL,
                    PRIMARY KEY (workflow_key, version)
                ) STRICT
                """,
            ]
        ),
        // v6: workflow schedules (the whole schedule as JSON; the next occurrence indexed for the runner).
        Migration(
            version: 6,
            statements: [
                """
                CREATE TABLE schedules (
                    id TEXT PRIMARY KEY,
                    environment TEXT NOT NULL,
                    workflow_key TEXT NOT NULL,
                    recipient_id TEXT NOT NULL,
                    next_occurrence_at INTEGER,
                    body TEXT NOT NULL
                ) STRICT
                """,
                "CREATE INDEX schedules_due ON schedules (next_occurrence_at) WHERE next_occurrence_at IS NOT NULL",
                "CREATE INDEX schedules_listing ON schedules (environment, workflow_key, recipient_id, id)",
            ]
        ),
        // v7: object subscriptions, keyed by environment, object and subscriber (storage ids); `seq` is the
        // insertion order an object's subscribers are listed and fanned out in.
        Migration(
            version: 7,
            statements: [
                """
                CREATE TABLE subscriptions (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    environment TEXT NOT NULL,
                    object_id TEXT NOT NULL,
                    recipient_id TEXT NOT NULL,
                    properties TEXT NOT NULL,
                    inserted_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    UNIQUE (environment, object_id, recipient_id)
                ) STRICT
                """,
                // An object's subscribers in insertion order (the fan-out and the object's listing).
                "CREATE INDEX subscriptions_by_object ON subscriptions (environment, object_id, seq)",
                // A recipient's subscriptions (its listing, and the cascade when it is deleted or merged).
                "CREATE INDEX subscriptions_by_recipient ON subscriptions (environment, recipient_id, seq)",
            ]
        ),
        // v8: completed bulk operations, fetched again by id (`GET /v1/bulk_operations/{id}`).
        Migration(
            version: 8,
            statements: [
                """
                CREATE TABLE bulk_operations (
                    id TEXT PRIMARY KEY,
                    environment TEXT NOT NULL,
                    name TEXT NOT NULL,
                    rows INTEGER NOT NULL,
                    completed_at INTEGER NOT NULL
                ) STRICT
                """
            ]
        ),
        // v9: recipient runs without AUTOINCREMENT and without the (environment, workflow_key, state) index. Every trigger wrote both:
        // sqlite_sequence's row and an index entry that no query used well (the run listing sorted all of
        // an environment's runs through it instead of walking `seq` backwards). Runs are never deleted, so
        // `seq` keeps counting up without AUTOINCREMENT.
        Migration(
            version: 9,
            statements: [
                """
                CREATE TABLE workflow_runs_v9 (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    environment TEXT NOT NULL,
                    workflow_key TEXT NOT NULL,
                    workflow_run_id TEXT NOT NULL,
                    recipient_id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    cancellation_key TEXT,
                    due_at INTEGER,
                    body TEXT NOT NULL
                ) STRICT
                """,
                """
                INSERT INTO workflow_runs_v9 (seq, id, environment, workflow_key, workflow_run_id, recipient_id, state,
                    cancellation_key, due_at, body)
                SELECT seq, id, environment, workflow_key, workflow_run_id, recipient_id, state, cancellation_key, due_at,
                    body
                FROM workflow_runs
                """,
                // Also removes the table's sqlite_sequence row.
                "DROP TABLE workflow_runs",
                "ALTER TABLE workflow_runs_v9 RENAME TO workflow_runs",
                "CREATE INDEX workflow_runs_due ON workflow_runs (due_at) WHERE due_at IS NOT NULL",
            ]
        ),
        // v10: audience memberships, keyed by environment, user, tenant ('' for none) and audience; `seq` is the
        // order an audience's members are listed in. The key's index, user first, serves membership conditions
        // (one covering search per run) and the cascade when a user is deleted.
        Migration(
            version: 10,
            statements: [
                """
                CREATE TABLE audience_members (
                    seq INTEGER PRIMARY KEY,
                    environment TEXT NOT NULL,
                    audience_key TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    tenant TEXT NOT NULL,
                    added_at INTEGER NOT NULL,
                    UNIQUE (environment, user_id, tenant, audience_key)
                ) STRICT
                """,
                // An audience's members in insertion order (its listing).
                "CREATE INDEX audience_members_by_audience ON audience_members (environment, audience_key, seq)",
            ]
        ),
    ]

    /// The version this binary writes: the last migration's.
    static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The database's schema version (`PRAGMA user_version`); 0 for a new database.
    ///
    /// Reading it is the first read of the file, so it is where a non-database file fails.
    static func version(of connection: SQLiteConnection) throws -> Int {
        try connection.queryFirst("PRAGMA user_version") { $0.int(0) } ?? 0
    }

    /// The error for a database written by a newer DeliveryHost.
    static func tooNew(_ version: Int, path: String) -> EngineError {
        EngineError(
            .schemaTooNew,
            "\(path): the database schema version \(version) is newer than this DeliveryHost understands "
                + "(\(latestVersion)); upgrade DeliveryHost or use another data directory")
    }

    /// Applies every migration the database lacks, each in its own transaction.
    ///
    /// - Throws: ``EngineError/Code/schemaTooNew`` if another process moved the database past
    ///   ``latestVersion`` meanwhile; ``EngineError/Code/storageFailure`` if a step fails (its
    ///   transaction is rolled back, leaving the database at the previous version).
    static func migrate(_ connection: SQLiteConnection) throws {
        let start = try version(of: connection)
        for migration in migrations where migration.version > start {
            try connection.transaction {
                // Read again under the write lock: another process may be migrating the same file.
                let current = try version(of: connection)
                guard current < migration.version else {
                    if current > latestVersion { throw tooNew(current, path: connection.path) }
                    return
                }
                for statement in migration.statements {
                    try connection.executeScript(statement)
                }
                try connection.executeScript("PRAGMA user_version = \(migration.version)")
            }
        }
    }
}
