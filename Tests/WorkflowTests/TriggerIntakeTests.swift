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
        let recorder = GatedTriggerStore(wrapping: try SQLiteMessageStore.inMemory(), holdsFirstGroup: false)
        let fixture = try IntakeFixture(store: recorder)
        let trigger = try TriggerRequest.parse(JSONValue.parse(#"{"recipients": ["u1"]}"#))
        _ = try await fixture.intake.trigger(trigger, workflowKey: "comment-created", environment: "development")
        _ = try await fixture.intake.trigger(trigger, workflowKey: "comment-created", environment: "development")
        let groups = recorder.groups
        #expect(groups.map { $0.map { $0.version?.version } } == [[fixture.version], [nil]])
    }

    @Test func concurrentTriggersShareOneGroupCommit() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let gated = GatedTriggerStore(wrapping: store, holdsFirstGroup: true)
        let fixture = try IntakeFixture(store: gated)
        let intake = fixture.intake
        let before = await store.committedWriteTransactions
        let trigger = { @Sendable (user: String, key: String?) in
            try await intake.trigger(
                TriggerRequest.parse(JSONValue.parse(#"{"recipients": ["\#(user)"]}"#), idempotencyKey: key),
                workflowKey: "comment-created", environment: "development")
        }
        // The first trigger's group is held in the store; five more queue behind it meanwhile.
        let first = Task { try await trigger("u0", nil) }
        await gated.waitUntilHeld()
        let others = (1...5).map { index in Task { try await trigger("u\(index)", index == 5 ? "k" : nil) } }
        while intake.queuedCount < 5 { await Task.yield() }
        gated.release()

        let firstResult = try await first.value
        var results: [TriggerResult] = []
        for task in others { results.append(try await task.value) }
        #expect(gated.groups.map(\.count) == [1, 5])
        #expect(intake.groupCount == 2)
        #expect(await store.committedWriteTransactions == before + 2)
        #expect(firstResult.recipientRunIDs.count == 1)
        #expect(results.allSatisfy { $0.recipientRunIDs.count == 1 })
        let stored = try await store.runs(RecipientRunQuery(environment: "development"), page: PageRequest()).entries
        #expect(Set(stored.map(\.recipient)) == Set((0...5).map { RecipientReference.user("u\($0)") }))
    }

    @Test func aRejectedTriggerStoresNothingAndLeavesItsKeyFree() async throws {
        let store = try SQLiteMessageStore.inMemory()
        let fixture = try IntakeFixture(store: store)
        // Built directly: the body parser would reject these properties before the intake sees them.
        let bad = TriggerRequest(
            recipients: [.reference(.user("u2")), .inlineUser(id: "u1", properties: ["email": 42])],
            idempotencyKey: "k1")
        let error = await #expect(throws: EngineError.self) {
            try await fixture.intake.trigger(bad, workflowKey: "comment-created", environment: "development")
        }
        #expect(error?.message.hasPrefix("$.recipients[1].email: expected a string") == true)
        #expect(fixture.intake.groupCount == 0)
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

/// Records the groups handed to a store and can hold the first one until released.
final class GatedTriggerStore: TriggerStore {
    private struct State {
        var groups: [[TriggerWrite]] = []
        var held: CheckedContinuation<Void, Never>?
        var heldWaiter: CheckedContinuation<Void, Never>?
        var isHeld = false
    }

    private let store: any TriggerStore
    private let holdsFirstGroup: Bool
    private let state = Mutex(State())

    init(wrapping store: any TriggerStore, holdsFirstGroup: Bool) {
        self.store = store
        self.holdsFirstGroup = holdsFirstGroup
    }

    var groups: [[TriggerWrite]] { state.withLock { $0.groups } }

    func accept(_ triggers: [TriggerWrite]) async throws -> [Result<TriggerAcceptance, any Error>] {
        let isFirst = state.withLock { state in
            state.groups.append(triggers)
            return state.groups.count == 1
        }
        if isFirst && holdsFirstGroup {
            await withCheckedContinuation { continuation in
                let waiter = state.withLock { state in
                    state.held = continuation
                    state.isHeld = true
                    defer { state.heldWaiter = nil }
                    return state.heldWaiter
                }
                waiter?.resume()
            }
        }
        return try await store.accept(triggers)
    }

    /// Returns once the first group is held.
    func waitUntilHeld() async {
        await withCheckedContinuation { continuation in
            let isHeld = state.withLock { state in
                if !state.isHeld { state.heldWaiter = continuation }
                return state.isHeld
            }
            if isHeld { continuation.resume() }
        }
    }

    /// Lets the held group go on to the store.
    func release() {
        state.withLock { state in
            defer { state.held = nil }
            return state.held
        }?.resume()
    }
}
