import Engine
import Foundation
import Providers
import Testing

@testable import SQLiteStore

/// Schema v9: recipient runs without AUTOINCREMENT and without the unused (environment, workflow_key, state)
/// index, migrated from v6 keeping every run and its `seq`.
@Suite struct SQLiteRunSchemaTests {
    static let now = Date(timeIntervalSince1970: 1_704_067_200)

    static func run(_ id: String, workflowKey: String = "comment") -> RecipientRun {
        RecipientRun(
            id: id, workflowRunID: "wr-\(id)", workflowKey: workflowKey, version: "v1", environment: "development",
            recipient: .user("u-\(id)"), createdAt: now)
    }

    /// The names of the indexes on `workflow_runs`, and whether `sqlite_sequence` counts its rows.
    static func runTableShape(_ connection: SQLiteConnection) throws -> (indexes: [String], sequenced: Bool) {
        let indexes = try connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'workflow_runs' ORDER BY name"
        ) { $0.string(0) }
        let sequenced = try connection.queryFirst(
            "SELECT count(*) FROM sqlite_sequence WHERE name = 'workflow_runs'"
        ) { $0.int(0) }
        return (indexes, sequenced == 1)
    }

    @Test func aVersion6DatabaseIsMigratedKeepingItsRunsInOrder() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            // A database as version 6 left it, with two runs whose seq has a gap (AUTOINCREMENT).
            let (_, connection) = try directory.database(atVersion: 6)
            for (seq, run) in [(3, Self.run("r-a")), (7, Self.run("r-b", workflowKey: "digest"))] {
                try connection.execute(
                    "INSERT INTO workflow_runs (seq, id, environment, workflow_key, workflow_run_id, recipient_id, "
                        + "state, due_at, body) VALUES (?1, ?2, 'development', ?3, ?4, ?5, 'pending', ?6, ?7)",
                    seq, run.id, run.workflowKey, run.workflowRunID, run.recipient.storageID, Self.now,
                    run.json.encoded())
            }
            #expect(try Self.runTableShape(connection).sequenced)
        }
        let path = directory.file(SQLiteMessageStore.fileName)
        let store = try SQLiteMessageStore.open(path: path)
        try await store.insert([Self.run("r-c")])
        let listed = try await store.runs(RecipientRunQuery(environment: "development"), page: PageRequest())
        #expect(listed.entries.map(\.id) == ["r-c", "r-b", "r-a"])
        let digest = try await store.runs(
            RecipientRunQuery(environment: "development", workflowKey: "digest"), page: PageRequest())
        #expect(digest.entries.map(\.id) == ["r-b"])
        #expect(try await store.dueRuns(now: Self.now, limit: 10).map(\.id) == ["r-a", "r-b", "r-c"])
        await store.close()

        let connection = try SQLiteConnection(path: path)
        #expect(try Schema.version(of: connection) == SQLiteMessageStore.schemaVersion)
        let seqs = try connection.query("SELECT id, seq FROM workflow_runs ORDER BY seq") {
            "\($0.string(0))=\($0.int(1))"
        }
        #expect(seqs == ["r-a=3", "r-b=7", "r-c=8"])
        let shape = try Self.runTableShape(connection)
        #expect(shape.indexes == ["sqlite_autoindex_workflow_runs_1", "workflow_runs_due"])
        #expect(!shape.sequenced)
    }

    @Test func theRunListingWalksSeqBackwardsWithoutSorting() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try SQLiteMessageStore.open(directory: directory.path)
        let connection = try SQLiteConnection(path: directory.file(SQLiteMessageStore.fileName))
        let plan = try connection.query(
            "EXPLAIN QUERY PLAN " + SQLiteMessageStore.runListingQuery, "development", Int64.max, "comment",
            nil as String?, nil as String?, nil as String?, #"["pending"]"#, 51
        ) { $0.string(3) }
        #expect(plan.first == "SEARCH workflow_runs USING INTEGER PRIMARY KEY (rowid<?)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") })
    }

    @Test func aFilteredListingPagesThroughExactlyTheMatchingRuns() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let runs = (1...7).map { Self.run("r-\($0)") }
        try await store.insert(runs)
        for index in [1, 4, 6] {
            var finished = runs[index]
            finished.state = .completed
            try await store.update(finished)
        }
        // r-2, r-5 and r-7 completed: the pending ones, newest first, are r-6, r-4, r-3 and r-1.
        let pending = RecipientRunQuery(environment: "development", states: ["pending", "waiting"])
        let first = try await store.runs(pending, page: PageRequest(size: 2))
        #expect(first.entries.map(\.id) == ["r-6", "r-4"])
        #expect(first.after == "r-4")
        let second = try await store.runs(pending, page: PageRequest(after: first.after, size: 2))
        #expect(second.entries.map(\.id) == ["r-3", "r-1"])
        #expect(second.after == nil)
        #expect(second.before == "r-3")
        let completed = try await store.runs(
            RecipientRunQuery(environment: "development", states: ["completed"]), page: PageRequest(size: 50))
        #expect(completed.entries.map(\.id) == ["r-7", "r-5", "r-2"])
    }

    @Test func aDuplicateRunIDIsAConflictNamingTheRunAndKeepsTheFirst() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert([Self.run("r-1")])
        await #expect {
            try await store.insert([Self.run("r-1", workflowKey: "other")])
        } throws: { error in
            (error as? EngineError)?.code == .conflict
                && (error as? EngineError)?.message == "recipient run r-1 exists already"
        }
        #expect(try await store.run(id: "r-1")?.workflowKey == "comment")
    }
}
