import Engine
import Foundation
import Providers
import SQLiteStore
import Testing
import Transport

/// A subscriber's run keeps its subscription properties across a restart (SQLite), and the fan-out is
/// written with the trigger.
@Suite struct SubscriptionRestartTests {
    static let park = RecipientReference.object(collection: "parks", id: "isla-nublar")

    struct Host {
        let store: SQLiteMessageStore
        let delivery: RecordingDelivery
        let engine: WorkflowEngine

        init(directory: String, clock: ManualEngineClock) throws {
            store = try SQLiteMessageStore.open(directory: directory)
            delivery = RecordingDelivery(messages: InMemoryMessageStore())
            let definition = try WorkflowCatalog.parse(
                JSONValue.parse(SubscriptionFanOutTests.delayed), file: "test.json")
            engine = WorkflowEngine(
                catalog: WorkflowCatalog([definition]),
                environments: [
                    "development": WorkflowEnvironment(name: "development", channels: WorkflowHarness.channels)
                ],
                recipients: store, messages: InMemoryMessageStore(), delivery: delivery, store: store, triggers: store,
                clock: clock, transport: ScriptedTransport { _, _ in HTTPResponse(status: 204) })
        }
    }

    @Test func aDelayedSubscriberRunStillHasItsPropertiesAfterARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("subs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualEngineClock()
        let runIDs: [String]
        do {
            let host = try Host(directory: directory, clock: clock)
            _ = try await host.store.upsert(
                [RecipientUpsert(reference: Self.park), RecipientUpsert(reference: .user("ann"))],
                environment: "development", now: clock.now())
            _ = try await host.store.subscribe(
                [SubscriptionChange(object: Self.park, recipient: .user("ann"), properties: ["role": "warden"])],
                identifying: [], environment: "development", now: clock.now())
            let result = try await host.engine.trigger(
                TriggerRequest(recipients: [.reference(Self.park)]), workflowKey: "delayed", environment: "development")
            try await host.engine.runUntilIdle()
            runIDs = result.recipientRunIDs
            #expect(await host.delivery.requests.isEmpty)
            await host.store.close()
        }
        clock.advance(300)
        let restarted = try Host(directory: directory, clock: clock)
        let subscriber = try #require(try await restarted.store.run(id: runIDs[1]))
        #expect(subscriber.recipient == .user("ann"))
        #expect(subscriber.subscription == ["role": "warden"])
        #expect(try await restarted.store.run(id: runIDs[0])?.subscription == nil)
        try await restarted.engine.runUntilIdle()
        let sent = await restarted.delivery.requests.map { "\($0.recipient.id) \($0.content.mainText)" }
        #expect(
            sent.sorted() == [
                "ann ann:warden", "parks/isla-nublar isla-nublar:",
            ])
    }
}
