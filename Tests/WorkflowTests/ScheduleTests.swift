import Engine
import Foundation
import Providers
import SQLiteStore
import Synchronization
import Testing

/// Schedules (§11; §27 #39, #169–178): recurring in the recipient's time zone, one-off, `ending_at`,
/// static data, limits, occurrences, deletion and the workflow version used.
@Suite struct ScheduleTests {
    static let workflow = """
        {"key": "park-alert", "steps": [
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "{{ data.type | default: 'no data' }}"}}]}
        """
    /// 2024-01-01T00:00:00Z, the harness clock's start: Sunday 19:00 in New York.
    static let start = Date(timeIntervalSince1970: 1_704_067_200)
    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86_400

    struct Setup {
        let harness: WorkflowHarness
        let runner: ScheduleRunner
        let store: any ScheduleStore
    }

    static func setup(_ kind: RecipientStoreKind = .memory, triggerFault: TriggerFault? = nil) async throws -> Setup {
        let harness = try WorkflowHarness([workflow], triggerFault: triggerFault)
        try await harness.identify([
            "jhammond": ["timezone": "America/New_York"], "esattler": ["timezone": "Europe/Paris"], "utc": [:],
        ])
        let store: any ScheduleStore =
            switch kind {
            case .memory: InMemoryScheduleStore()
            case .sqlite: try SQLiteMessageStore.inMemory()
            }
        let counter = Mutex(0)
        let runner = ScheduleRunner(
            store: store, engine: harness.engine,
            makeID: {
                counter.withLock { count in
                    count += 1
                    return "sch_\(count)"
                }
            })
        return Setup(harness: harness, runner: runner, store: store)
    }

    static func create(_ setup: Setup, _ body: String) async throws -> [Schedule] {
        let request = try ScheduleRequest.parseCreate(try #require(try JSONValue.parse(body).objectValue))
        return try await setup.runner.create(request, environment: "development")
    }

    /// Moves the clock to `date`, runs due schedules, then the runs they started.
    static func advance(_ setup: Setup, to date: Date) async throws {
        setup.harness.clock.advance(date.timeIntervalSince(setup.harness.clock.now()))
        try await setup.runner.runUntilIdle()
        try await setup.harness.engine.runUntilIdle()
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func aWeeklyScheduleFiresEveryMondayAtNineInTheRecipientsTimeZone(kind: RecipientStoreKind) async throws {
        let setup = try await Self.setup(kind)
        let created = try await Self.create(
            setup,
            #"{"workflow": "park-alert", "recipients": ["jhammond", "esattler"], "repeats": [{"frequency": "weekly", "days": ["mon"], "hours": 9}]}"#
        )
        let newYork = Self.start.addingTimeInterval(14 * Self.hour)  // Monday 09:00 EST = 14:00Z
        let paris = Self.start.addingTimeInterval(8 * Self.hour)  // Monday 09:00 CET = 08:00Z
        #expect(created.map(\.nextOccurrenceAt) == [newYork, paris])
        #expect(created.map(\.id) == ["sch_1", "sch_2"])

        try await Self.advance(setup, to: paris.addingTimeInterval(-1))
        #expect(await setup.harness.sent.isEmpty)
        try await Self.advance(setup, to: paris)
        #expect(await setup.harness.sent.map(\.recipient.id) == ["esattler"])
        try await Self.advance(setup, to: newYork)
        #expect(await setup.harness.sent.map(\.recipient.id) == ["esattler", "jhammond"])
        // #174: no static data, so the run's data is empty.
        #expect(await setup.harness.sent.map(\.content.mainText) == ["no data", "no data"])

        let stored = try await setup.store.schedules(ids: ["sch_1", "sch_2"], environment: "development")
        #expect(stored.map(\.lastOccurrenceAt) == [newYork, paris])
        #expect(stored.map(\.nextOccurrenceAt) == [newYork + 7 * Self.day, paris + 7 * Self.day])
    }

    @Test func intervalTwoFiresEveryOtherWeekAndDefaultsAreMidnightEveryPeriod() async throws {
        let setup = try await Self.setup()
        let biweekly = try await Self.create(
            setup,
            #"{"workflow": "park-alert", "recipients": ["utc"], "repeats": [{"frequency": "weekly", "interval": 2, "days": ["mon"], "hours": 9}]}"#
        )
        let daily = try await Self.create(
            setup, #"{"workflow": "park-alert", "recipients": ["jhammond"], "repeats": [{"frequency": "daily"}]}"#)
        let firstMonday = Self.start.addingTimeInterval(9 * Self.hour)
        #expect(biweekly.first?.nextOccurrenceAt == firstMonday)
        #expect(biweekly.first?.repeats.first?.interval == 2)
        // Defaults: interval 1, 00:00 — the next midnight in New York is 05:00Z.
        #expect(daily.first?.nextOccurrenceAt == Self.start.addingTimeInterval(5 * Self.hour))
        try await Self.advance(setup, to: firstMonday)
        let after = try await setup.store.schedules(ids: [biweekly[0].id], environment: "development")
        #expect(after.first?.nextOccurrenceAt == firstMonday + 14 * Self.day)
    }

    @Test func endingAtBoundsOneOffAndRecurringSchedules() async throws {
        let setup = try await Self.setup()
        let never = try await Self.create(
            setup,
            #"{"workflow": "park-alert", "recipients": ["utc"], "scheduled_at": "2024-01-02T10:00:00Z", "ending_at": "2024-01-01T12:00:00Z"}"#
        )
        #expect(never.first?.nextOccurrenceAt == nil)
        let once = try await Self.create(
            setup,
            #"{"workflow": "park-alert", "recipients": ["utc"], "scheduled_at": "2024-01-01T06:00:00Z", "data": {"type": "dinosaurs-loose"}}"#
        )
        let recurring = try await Self.create(
            setup,
            #"{"workflow": "park-alert", "recipients": ["utc"], "repeats": [{"frequency": "daily", "hours": 12}], "ending_at": "2024-01-02T11:00:00Z"}"#
        )
        try await Self.advance(setup, to: Self.start.addingTimeInterval(3 * Self.day))
        // The one-off ran once with its static data (#174); the daily one only on the 1st (#173).
        #expect(await setup.harness.sent.map(\.content.mainText) == ["dinosaurs-loose", "no data"])
        let stored = try await setup.store.schedules(
            ids: [never[0].id, once[0].id, recurring[0].id], environment: "development")
        #expect(stored.map(\.nextOccurrenceAt) == [nil, nil, nil])
        #expect(
            stored.map(\.lastOccurrenceAt) == [
                nil, Self.start.addingTimeInterval(6 * Self.hour), Self.start.addingTimeInterval(12 * Self.hour),
            ])
    }

    @Test func deletingAScheduleCancelsItsNextOccurrence() async throws {
        let setup = try await Self.setup()
        let created = try await Self.create(
            setup, #"{"workflow": "park-alert", "recipients": ["utc"], "repeats": [{"frequency": "hourly"}]}"#)
        let deleted = try await setup.runner.delete(ids: [created[0].id], environment: "development")
        #expect(deleted.map(\.id) == [created[0].id])
        try await Self.advance(setup, to: Self.start.addingTimeInterval(5 * Self.hour))
        #expect(await setup.harness.sent.isEmpty)
        let missing = try await #require(throws: EngineError.self) {
            try await setup.runner.delete(ids: [created[0].id], environment: "development")
        }
        #expect(missing.message == "schedule_ids: no schedule sch_1 in environment 'development'")
    }

    @Test func anObjectRecipientRunsForTheObjectOnly() async throws {
        let setup = try await Self.setup()
        // Inline properties upsert the object before the schedule is stored.
        _ = try await Self.create(
            setup,
            #"{"workflow": "park-alert", "recipients": [{"collection": "parks", "id": "jurassic", "name": "Jurassic"}], "scheduled_at": "2024-01-01T01:00:00Z"}"#
        )
        #expect(
            try await setup.harness.recipients.recipient(
                .object(collection: "parks", id: "jurassic"), environment: "development")?
                .properties["name"] == "Jurassic")
        try await Self.advance(setup, to: Self.start.addingTimeInterval(Self.hour))
        #expect(await setup.harness.sent.map(\.recipient.id) == ["parks/jurassic"])
    }

    @Test func aScheduledRunUsesTheVersionCurrentWhenItRuns() async throws {
        let setup = try await Self.setup()
        _ = try await Self.create(
            setup, #"{"workflow": "park-alert", "recipients": ["utc"], "scheduled_at": "2024-01-01T01:00:00Z"}"#)
        let changed = Self.workflow.replacingOccurrences(of: "no data", with: "version two")
        await setup.harness.engine.replaceCatalog(
            WorkflowCatalog([try WorkflowCatalog.parse(JSONValue.parse(changed), file: "w.json")]))
        try await Self.advance(setup, to: Self.start.addingTimeInterval(Self.hour))
        #expect(await setup.harness.sent.map(\.content.mainText) == ["version two"])
    }

    @Test func anInactiveWorkflowSkipsTheOccurrenceAndTheScheduleGoesOn() async throws {
        let setup = try await Self.setup()
        let created = try await Self.create(
            setup,
            #"{"workflow": "park-alert", "recipients": ["utc"], "repeats": [{"frequency": "daily", "hours": 6}]}"#)
        try await setup.harness.engine.setActive(false, workflowKey: "park-alert", environment: "development")
        try await Self.advance(setup, to: Self.start.addingTimeInterval(6 * Self.hour))
        #expect(await setup.harness.sent.isEmpty)
        let stored = try await setup.store.schedules(ids: [created[0].id], environment: "development")
        #expect(stored.first?.nextOccurrenceAt == Self.start.addingTimeInterval(Self.day + 6 * Self.hour))
        try await setup.harness.engine.setActive(true, workflowKey: "park-alert", environment: "development")
        try await Self.advance(setup, to: Self.start.addingTimeInterval(Self.day + 6 * Self.hour))
        #expect(await setup.harness.sent.count == 1)
    }

    @Test func updatesApplyToEverySchedule() async throws {
        let setup = try await Self.setup()
        let created = try await Self.create(
            setup,
            #"{"workflow": "park-alert", "recipients": ["utc", "jhammond"], "scheduled_at": "2024-01-03T00:00:00Z"}"#)
        let request = try ScheduleRequest.parseUpdate([
            "schedule_ids": .array(created.map { .string($0.id) }), "repeats": [["frequency": "daily", "hours": 7]],
            "data": ["type": "storm"],
        ])
        let updated = try await setup.runner.update(request, environment: "development")
        #expect(updated.map(\.data) == [["type": "storm"], ["type": "storm"]])
        #expect(
            updated.map(\.nextOccurrenceAt) == [
                // Recurring from scheduled_at: 07:00 on the 3rd in UTC and in New York.
                Self.start.addingTimeInterval(2 * Self.day + 7 * Self.hour),
                Self.start.addingTimeInterval(2 * Self.day + 12 * Self.hour),
            ])
    }

    @Test func requestsAreValidatedWithPreciseErrors() throws {
        func error(_ body: String, update: Bool = false) throws -> String {
            let object = try #require(try JSONValue.parse(body).objectValue)
            return try #require(throws: EngineError.self) {
                if update {
                    _ = try ScheduleRequest.parseUpdate(object)
                } else {
                    _ = try ScheduleRequest.parseCreate(object)
                }
            }.message
        }
        let hundred = (0..<100).map { "\"u\($0)\"" }.joined(separator: ",")
        #expect(
            throws: Never.self,
            performing: {
                _ = try ScheduleRequest.parseCreate(
                    try #require(
                        try JSONValue.parse(
                            #"{"workflow": "w", "recipients": [\#(hundred)], "scheduled_at": "2024-01-01T00:00:00Z"}"#
                        )
                        .objectValue))
            })
        #expect(
            try error(#"{"workflow": "w", "recipients": [\#(hundred), "x"], "scheduled_at": "2024-01-01T00:00:00Z"}"#)
                == "recipients: expected an array of 1 to 100 recipients, found 101 entries")
        #expect(
            try error(#"{"workflow": "w", "recipients": ["a"]}"#)
                == "repeats: a schedule needs 'repeats' (recurring) or 'scheduled_at' (one-off); neither was given")
        #expect(
            try error(#"{"workflow": "w", "recipients": ["a"], "scheduled_at": "tomorrow"}"#)
                == "scheduled_at: expected an ISO-8601 UTC time such as 2024-01-02T10:00:00Z, found 'tomorrow'")
        #expect(
            try error(#"{"recipients": ["a"], "scheduled_at": "2024-01-01T00:00:00Z"}"#)
                == "workflow: expected the key of a workflow, found nothing")
        #expect(
            try error(#"{"workflow": "w", "recipients": ["a"], "repeats": [{"frequency": "yearly"}]}"#).hasPrefix(
                "repeats[0].frequency"))
        #expect(
            try error(#"{"schedule_ids": []}"#, update: true)
                == "schedule_ids: expected an array of 1 to 100 schedule ids, found 0 entries")
        #expect(
            try error(#"{"workflow": "w", "recipients": ["a"], "scheduled_at": "2024-01-01T00:00:00Z", "colour": 1}"#)
                == "colour: unknown key (accepted: workflow, recipients, repeats, data, tenant, actor, scheduled_at, ending_at)"
        )
    }
}
