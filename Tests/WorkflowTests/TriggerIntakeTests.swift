import Dispatch
import Foundation
import Providers
import Synchronization
import Testing

@testable import Engine
@testable import SQLiteStore

/// The trigger intake: every row of a trigger in one write, concurrent triggers in one group commit, apart
/// from the engine's actor.
@Suite struct TriggerIntakeTests {
    static let comment = WorkflowRunTests.comment
    static let request = #"""
        {"recipients": [{"id": "u1", "name": "Uma"}, "u2", {"collection": "projects", "id": "p1", "name": "P"}],
         "actor": {"id": "act", "name": "Al"}, "tenant": "acme", "data": {"page": "Brief"}, "cancellation_key": "c1"}
        """#

    @Test func writesEveryRowOfATriggerInOneTransaction() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let fixture = try IntakeFixture(store: store)
        let before = await store.committedWriteTransactions
        let result = try await fixture.intake.trigger(
            TriggerRequest.parse(JSONValue.parse(Self.request), idempotencyKey: "k1"), workflowKey: "comment-created",
            environment: "development")

        #expect(result == TriggerResult(workflowRunID: "id-1", recipientRunIDs: ["id-2", "id-3", "id-4"]))
        #expect(await store.committedWriteTransactions == before + 1)
        #expect(fixture.wakeUps.value == 1)
        let runs = try await store.runs(RecipientRunQuery(environment: "development"), page: PageRequest()).entries
        #expect(runs.map(\.id) == ["id-4", "id-3", "id-2"])
        #expect(runs.map(\.recipient) == [.object(collection: "projects", id: "p1"), .user("u2"), .user("u1")])
        for run in runs {
            #expect(run.workflowRunID == "id-1")
            #expect(run.state == .pending)
            #expect(run.actor == .user("act"))
            #expect(run.tenant == "acme")
            #expect(run.cancellationKey == "c1")
            #expect(run.data == ["page": "Brief"])
            #expect(run.createdAt == fixture.clock.now())
            #expect(run.version == fixture.version)
        }
        let recipient = { (reference: RecipientReference) in
            try await store.recipient(reference, environment: "development")?.properties
        }
        #expect(try await recipient(.user("u1")) == ["name": "Uma"])
        #expect(try await recipient(.user("act")) == ["name": "Al"])
        #expect(try await recipient(.object(collection: "projects", id: "p1")) == ["name": "P"])
        #expect(try await recipient(.object(collection: "$tenants", id: "acme")) == [:])
        #expect(try await recipient(.user("u2")) == nil)
        #expect(
            try await store.version(workflowKey: "comment-created", version: fixture.version)
                == JSONValue.parse(Self.comment))
        #expect(
            try await store.claimIdempotencyKey(
                "development/comment-created/k1", workflowRunID: "other", now: fixture.clock.now()) == "id-1")
    }

    @Test func theVersionSnapshotIsWrittenUntilOneCommitStoredIt() async throws {
        let recorder = RecordingTriggerStore(wrapping: try SQLiteMessageStore.inMemory())
        let fixture = try IntakeFixture(store: recorder)
        let trigger = try TriggerRequest.parse(JSONValue.parse(#"{"recipients": ["u1"]}"#))
        _ = try await fixture.intake.trigger(trigger, workflowKey: "comment-created", environment: "development")
        _ = try await fixture.intake.trigger(trigger, workflowKey: "comment-created", environment: "development")
        let groups = recorder.groups
        #expect(groups.map { $0.map { $0.version?.version } } == [[fixture.version], [nil]])
    }

    @Test func concurrentTriggersShareOneGroupCommit() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let fixture = try IntakeFixture(store: store)
        let intake = fixture.intake
        let before = await store.committedWriteTransactions
        let trigger = { @Sendable (user: String, key: String?) in
            try await intake.trigger(
                TriggerRequest.parse(JSONValue.parse(#"{"recipients": ["\#(user)"]}"#), idempotencyKey: key),
                workflowKey: "comment-created", environment: "development")
        }
        // The store's thread is held; six triggers queue for it meanwhile, each from its own task.
        let gate = DispatchSemaphore(value: 0)
        store.executor.enqueue { gate.wait() }
        let tasks = (0...5).map { index in Task { try await trigger("u\(index)", index == 5 ? "k" : nil) } }
        while store.queuedWriteCount < 6 { await Task.yield() }
        gate.signal()

        var results: [TriggerResult] = []
        for task in tasks { results.append(try await task.value) }
        #expect(await store.committedWriteTransactions == before + 1)
        #expect(results.allSatisfy { $0.recipientRunIDs.count == 1 })
        #expect(fixture.wakeUps.value == 6)
        let stored = try await store.runs(RecipientRunQuery(environment: "development"), page: PageRequest()).entries
        #expect(Set(stored.map(\.recipient)) == Set((0...5).map { RecipientReference.user("u\($0)") }))
        // One version snapshot among them is enough; later triggers skip it.
        #expect(intake.isVersionStored(workflowKey: "comment-created", version: fixture.version))
    }

    @Test func aRejectedTriggerStoresNothingAndLeavesItsKeyFree() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let fixture = try IntakeFixture(store: store)
        let before = await store.committedWriteTransactions
        // Built directly: the body parser would reject these properties before the intake sees them.
        let bad = TriggerRequest(
            recipients: [.reference(.user("u2")), .inlineUser(id: "u1", properties: ["email": 42])],
            idempotencyKey: "k1")
        let error = await #expect(throws: EngineError.self) {
            try await fixture.intake.trigger(bad, workflowKey: "comment-created", environment: "development")
        }
        #expect(error?.message.hasPrefix("$.recipients[1].email: expected a string") == true)
        #expect(await store.committedWriteTransactions == before)
        #expect(try await store.runs(RecipientRunQuery(environment: "development"), page: PageRequest()).entries == [])
        #expect(try await store.recipient(.user("u1"), environment: "development") == nil)
        let good = try TriggerRequest.parse(JSONValue.parse(#"{"recipients": ["u1"]}"#), idempotencyKey: "k1")
        let result = try await fixture.intake.trigger(good, workflowKey: "comment-created", environment: "development")
        #expect(result.recipientRunIDs.count == 1)
        let unknown = await #expect(throws: EngineError.self) {
            try await fixture.intake.trigger(good, workflowKey: "missing", environment: "development")
        }
        #expect(unknown?.code == .notFound)
    }
}

/// An intake over a store, with the comment workflow, a manual clock and sequential ids.
struct IntakeFixture {
    let clock = ManualEngineClock()
    let intake: TriggerIntake
    let version: String
    let wakeUps = Counter()

    init(store: any TriggerStore) throws {
        let definition = try WorkflowCatalog.parse(JSONValue.parse(TriggerIntakeTests.comment), file: "test.json")
        version = definition.version
        let ids = Counter()
        let wakeUps = wakeUps
        intake = TriggerIntake(
            settings: WorkflowSettings(
                catalog: WorkflowCatalog([definition]),
                environments: ["development": WorkflowEnvironment(name: "development")]),
            store: store, subscriptions: InMemoryRecipientStore(), clock: clock, makeID: { "id-\(ids.increment())" },
            onStored: { _ = wakeUps.increment() })
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let state = Mutex(0)

    var value: Int { state.withLock { $0 } }

    /// Adds one and returns the new value.
    func increment() -> Int {
        state.withLock { value in
            value += 1
            return value
        }
    }
}

/// Records the groups handed to a store.
final class RecordingTriggerStore: TriggerStore {
    private let store: any TriggerStore
    private let recorded = Mutex<[[TriggerWrite]]>([])

    init(wrapping store: any TriggerStore) {
        self.store = store
    }

    var groups: [[TriggerWrite]] { recorded.withLock { $0 } }

    func accept(_ triggers: [TriggerWrite]) async throws -> [Result<TriggerAcceptance, any Error>] {
        recorded.withLock { $0.append(triggers) }
        return try await store.accept(triggers)
    }
}
