import Engine
import Foundation
import Providers
import Testing

@testable import SQLiteStore

/// A group of triggers in one transaction: each atomic on its own, idempotency keys seen across the group.
@Suite struct SQLiteTriggerStoreTests {
    static let now = Date(timeIntervalSince1970: 1_704_067_200)

    static func trigger(
        _ workflowRunID: String, runs: [String], key: String? = nil, upserts: [String] = [], stubs: [String] = []
    ) -> TriggerWrite {
        TriggerWrite(
            environment: "development", idempotencyKey: key, workflowRunID: workflowRunID,
            upserts: upserts.map { RecipientUpsert(reference: .user($0), properties: ["name": .string($0)]) },
            stubs: stubs.map { .object(collection: "$tenants", id: $0) },
            version: WorkflowVersionSnapshot(workflowKey: "comment", version: "v1", snapshot: ["key": "comment"]),
            runs: runs.map { id in
                RecipientRun(
                    id: id, workflowRunID: workflowRunID, workflowKey: "comment", version: "v1",
                    environment: "development", recipient: .user("u-\(id)"), createdAt: now)
            }, now: now)
    }

    static func outcomes(_ results: [Result<TriggerAcceptance, any Error>]) -> [String] {
        results.map { result in
            switch result {
            case .success(.stored): "stored"
            case .success(.replayed(let id)): "replayed \(id)"
            case .failure(let error as EngineError): "failed \(error.code)"
            case .failure(let error): "failed \(error)"
            }
        }
    }

    func storedRunIDs(_ store: SQLiteMessageStore) async throws -> [String] {
        try await store.runs(RecipientRunQuery(environment: "development"), page: PageRequest()).entries.map(\.id)
            .sorted()
    }

    @Test func aGroupIsOneTransactionAndAKeyRepeatedInItReplaysTheFirst() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let before = await store.committedWriteTransactions
        let results = try await store.accept([
            Self.trigger("wr-1", runs: ["r1"], key: "k"),
            Self.trigger("wr-2", runs: ["r2"], key: "k", upserts: ["u2"]),
            Self.trigger("wr-3", runs: ["r3", "r4"], upserts: ["u3"], stubs: ["acme"]),
        ])
        #expect(Self.outcomes(results) == ["stored", "replayed wr-1", "stored"])
        #expect(await store.committedWriteTransactions == before + 1)
        #expect(try await storedRunIDs(store) == ["r1", "r3", "r4"])
        #expect(try await store.recipient(.user("u2"), environment: "development") == nil)
        #expect(try await store.recipient(.user("u3"), environment: "development")?.properties == ["name": "u3"])
        let tenant = RecipientReference.object(collection: "$tenants", id: "acme")
        #expect(try await store.recipient(tenant, environment: "development")?.properties == [:])
        #expect(try await store.version(workflowKey: "comment", version: "v1") == ["key": "comment"])
    }

    @Test func aRejectedTriggerInAGroupLeavesTheOthersStored() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.insert([Self.trigger("wr-0", runs: ["taken"]).runs[0]])
        let before = await store.committedWriteTransactions
        let results = try await store.accept([
            Self.trigger("wr-1", runs: ["r1"], key: "k1"),
            Self.trigger("wr-2", runs: ["r2", "taken"], key: "k2", upserts: ["u2"], stubs: ["t2"]),
            Self.trigger("wr-3", runs: ["r3"], key: "k3"),
        ])
        #expect(Self.outcomes(results) == ["stored", "failed conflict", "stored"])
        #expect(await store.committedWriteTransactions == before + 1)
        #expect(try await storedRunIDs(store) == ["r1", "r3", "taken"])
        #expect(try await store.recipient(.user("u2"), environment: "development") == nil)
        #expect(
            try await store.recipient(.object(collection: "$tenants", id: "t2"), environment: "development") == nil)
        // The rejected trigger's key was rolled back with it: a retry claims it.
        let retry = try await store.accept([Self.trigger("wr-4", runs: ["r4"], key: "k2")])
        #expect(Self.outcomes(retry) == ["stored"])
    }

    @Test func aStubNeverOverwritesAnExistingRecipient() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let tenant = RecipientReference.object(collection: "$tenants", id: "acme")
        _ = try await store.upsert(
            [RecipientUpsert(reference: tenant, properties: ["name": "Acme"])], environment: "development",
            now: Self.now)
        let results = try await store.accept([Self.trigger("wr-1", runs: ["r1"], stubs: ["acme"])])
        #expect(Self.outcomes(results) == ["stored"])
        #expect(try await store.recipient(tenant, environment: "development")?.properties == ["name": "Acme"])
    }
}
