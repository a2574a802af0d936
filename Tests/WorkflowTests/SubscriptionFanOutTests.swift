import Engine
import Foundation
import Providers
import Testing

/// Subscription fan-out through the engine (§3.3, §21; §27 #40–45, #50, #177).
@Suite struct SubscriptionFanOutTests {
    /// A feed message naming the recipient and its subscription role, and an email sent only to admins.
    static let alert = """
        {"key": "alert", "steps": [
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "{{ recipient.id }}:{{ recipient.subscription.role | default: 'listed' }}"}},
          {"ref": "email_1", "type": "channel", "channel_type": "email", "channel_key": "email",
           "conditions": {"all": [{"variable": "recipient.subscription.role", "operator": "equal_to", "argument": "admin"}]},
           "template": {"subject": "admin {{ recipient.name }}", "text_body": "x"}}]}
        """
    static let delayed = """
        {"key": "delayed", "steps": [
          {"ref": "delay_1", "type": "delay", "settings": {"delay_for": {"unit": "minutes", "value": 5}}},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "{{ recipient.id }}:{{ recipient.subscription.role }}"}}]}
        """
    static let park = RecipientReference.object(collection: "parks", id: "isla-nublar")
    static let sector = RecipientReference.object(collection: "sectors", id: "east")
    static let paddock = RecipientReference.object(collection: "paddocks", id: "rex")

    /// A harness with users and the hierarchy, subscriptions in this order: park ← ann (admin), park ← sector
    /// and bob (member), sector ← cat (viewer), sector ← ann and paddock (sector-lead), paddock ← keeper.
    static func hierarchy() async throws -> WorkflowHarness {
        let harness = try WorkflowHarness([alert, delayed])
        try await harness.identify([
            "ann": ["name": "Ann", "email": "ann@example.test"], "bob": ["email": "bob@example.test"],
            "cat": ["email": "cat@example.test"], "keeper": [:], "actor": [:],
        ])
        _ = try await harness.recipients.upsert(
            [park, sector, paddock].map { RecipientUpsert(reference: $0) }, environment: "development",
            now: harness.clock.now())
        try await subscribe(harness, [.user("ann")], to: park, ["role": "admin"])
        try await subscribe(harness, [sector, .user("bob")], to: park, ["role": "member"])
        try await subscribe(harness, [.user("cat")], to: sector, ["role": "viewer"])
        try await subscribe(harness, [.user("ann"), paddock], to: sector, ["role": "sector-lead"])
        try await subscribe(harness, [.user("keeper")], to: paddock, ["role": "keeper"])
        return harness
    }

    static func subscribe(
        _ harness: WorkflowHarness, _ recipients: [RecipientReference], to object: RecipientReference,
        _ properties: JSONObject = [:]
    ) async throws {
        _ = try await harness.recipients.subscribe(
            recipients.map { SubscriptionChange(object: object, recipient: $0, properties: properties) },
            identifying: [], environment: "development", now: harness.clock.now())
    }

    /// The runs of a trigger as `recipient storage id:subscription role`.
    static func runs(_ harness: WorkflowHarness, _ result: TriggerResult) async throws -> [String] {
        var runs: [String] = []
        for id in result.recipientRunIDs {
            let run = try await harness.run(id)
            #expect(run.workflowRunID == result.workflowRunID)
            runs.append("\(run.recipient.storageID):\(run.subscription?["role"]?.stringValue ?? "-")")
        }
        return runs
    }

    @Test func anObjectRunsForItselfAndEverySubscriberTwoLevelsDeep() async throws {
        let harness = try await Self.hierarchy()
        let result = try await harness.trigger(
            "alert", #"{"recipients": [{"collection": "parks", "id": "isla-nublar"}]}"#)
        // #40, #42, #44: the park, its subscribers in subscription order, then the sector's; ann once (first
        // path: the park's); the paddock is reached at depth 2, its keeper is not.
        #expect(
            try await Self.runs(harness, result) == [
                "parks/isla-nublar:-", "ann:admin", "sectors/east:member", "bob:member", "cat:viewer",
                "paddocks/rex:sector-lead",
            ])
        // #45: the subscription's properties are in scope, in templates and in conditions (runs of one
        // trigger execute in no set order, so the messages are compared sorted).
        let sent = await harness.sent.map { "\($0.recipient.id) \($0.channelID) \($0.content.mainText)" }
        #expect(
            sent.sorted() == [
                "ann email admin Ann", "ann feed ann:admin", "bob feed bob:member", "cat feed cat:viewer",
                "paddocks/rex feed rex:sector-lead", "parks/isla-nublar feed isla-nublar:listed",
                "sectors/east feed east:member",
            ])
    }

    @Test func aListedRecipientKeepsItsOwnRunAndTheActorIsNeverAdded() async throws {
        let harness = try await Self.hierarchy()
        try await Self.subscribe(harness, [.user("actor")], to: Self.sector)
        // #41: ann is listed and subscribed; #43: the actor subscribes to the sector but is not fanned out to.
        let result = try await harness.trigger(
            "alert", #"{"recipients": ["ann", {"collection": "sectors", "id": "east"}], "actor": "actor"}"#)
        #expect(
            try await Self.runs(harness, result) == [
                "ann:-", "sectors/east:-", "cat:viewer", "paddocks/rex:sector-lead", "keeper:keeper",
            ])
        let keeper = try await harness.trigger(
            "alert", #"{"recipients": [{"collection": "paddocks", "id": "rex"}], "actor": "keeper"}"#)
        #expect(try await Self.runs(harness, keeper) == ["paddocks/rex:-"])
        // A listed actor still runs.
        let listed = try await harness.trigger(
            "alert", #"{"recipients": ["actor", {"collection": "paddocks", "id": "rex"}], "actor": "actor"}"#)
        #expect(try await Self.runs(harness, listed) == ["actor:-", "paddocks/rex:-", "keeper:keeper"])
    }

    @Test func cancellingScopedToASubscriberCancelsItsDerivedRun() async throws {
        let harness = try await Self.hierarchy()
        let result = try await harness.trigger(
            "delayed", #"{"recipients": [{"collection": "sectors", "id": "east"}], "cancellation_key": "k1"}"#)
        #expect(
            try await Self.runs(harness, result) == [
                "sectors/east:-", "cat:viewer", "ann:sector-lead",
                "paddocks/rex:sector-lead", "keeper:keeper",
            ])
        // #50: cat was never listed in the trigger, only reached through the sector.
        let cancelled = try await harness.engine.cancel(
            workflowKey: "delayed", cancellationKey: "k1", recipients: [.user("cat"), .user("bob")],
            environment: "development")
        #expect(cancelled == 1)
        try await harness.advance(300)
        let sent = await harness.sent.map(\.content.mainText)
        #expect(
            sent.sorted() == [
                "ann:sector-lead", "east:", "keeper:keeper", "rex:sector-lead",
            ])
        #expect(try await harness.run(result.recipientRunIDs[1]).state == .cancelled)
    }

    @Test func aScheduleOnAnObjectRunsForTheObjectOnly() async throws {
        let harness = try await Self.hierarchy()
        let runner = ScheduleRunner(store: InMemoryScheduleStore(), engine: harness.engine, makeID: { "sch_1" })
        let request = try ScheduleRequest.parseCreate(
            try #require(
                try JSONValue.parse(
                    #"{"workflow": "alert", "recipients": [{"collection": "parks", "id": "isla-nublar"}], "scheduled_at": "2024-01-01T01:00:00Z"}"#
                ).objectValue))
        _ = try await runner.create(request, environment: "development")
        try await harness.advance(3600)
        try await runner.runUntilIdle()
        try await harness.engine.runUntilIdle()
        // #177: one run, for the park.
        let runs = try await harness.engine.recipientRuns(
            RecipientRunQuery(environment: "development", workflowKey: "alert"))
        #expect(runs.entries.map(\.recipient) == [Self.park])
        let sent = await harness.sent.map(\.content.mainText)
        #expect(sent == ["isla-nublar:listed"])
    }

    @Test func aTriggerThatWouldFanOutTooFarIsRejectedWhole() async throws {
        let harness = try await Self.hierarchy()
        let fanOut = SubscriptionFanOut(store: harness.recipients, limit: 3)
        let error = await #expect(throws: EngineError.self) {
            _ = try await fanOut.targets(listed: [Self.park], actor: nil, environment: "development")
        }
        #expect(
            error?.message
                == #"$.recipients: the trigger would run for more than 3 recipients once objects fan out to their "#
                + #"subscribers (object "parks/isla-nublar" has too many); trigger smaller groups"#)
        #expect(
            try await fanOut.targets(listed: [Self.paddock], actor: nil, environment: "development")
                == [
                    .init(recipient: Self.paddock), .init(recipient: .user("keeper"), subscription: ["role": "keeper"]),
                ])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func largeFanOutsAreReadPageByPageInSubscriptionOrder(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        let now = Date(timeIntervalSince1970: 0)
        // 1,201 subscribers: three store pages of 500, subscribed in descending id order.
        let users = (0...1200).reversed().map { RecipientReference.user(String(format: "u%04d", $0)) }
        _ = try await store.upsert(
            ([Self.park] + users).map { RecipientUpsert(reference: $0) }, environment: "development", now: now)
        _ = try await store.subscribe(
            users.map { SubscriptionChange(object: Self.park, recipient: $0, properties: ["n": .string($0.id)]) },
            identifying: [], environment: "development", now: now)
        let targets = try await SubscriptionFanOut(store: store).targets(
            listed: [Self.park], actor: .user("u0600"), environment: "development")
        #expect(targets.count == 1201)
        #expect(targets.first == .init(recipient: Self.park))
        #expect(targets.dropFirst().map(\.recipient) == users.filter { $0 != .user("u0600") })
        #expect(targets.last == .init(recipient: .user("u0000"), subscription: ["n": "u0000"]))
    }

    @Test func subscribersInAnotherEnvironmentAreNotReached() async throws {
        let harness = try await Self.hierarchy()
        _ = try await harness.recipients.upsert(
            [RecipientUpsert(reference: Self.park)], environment: "production", now: harness.clock.now())
        let result = try await harness.trigger(
            "alert", #"{"recipients": [{"collection": "parks", "id": "isla-nublar"}]}"#, environment: "production")
        #expect(try await Self.runs(harness, result) == ["parks/isla-nublar:-"])
    }
}
