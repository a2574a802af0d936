import Foundation
import Providers

/// Creates, changes and deletes schedules, and triggers their workflow at each occurrence through the
/// workflow engine (so a scheduled run uses the workflow version current when it runs).
///
/// ```swift
/// let schedules = ScheduleRunner(store: store, engine: engine)
/// let created = try await schedules.create(try ScheduleRequest.parseCreate(body), environment: "production")
/// await schedules.run()      // until cancelled; tests call runUntilIdle()
/// ```
public actor ScheduleRunner {
    let store: any ScheduleStore
    let engine: WorkflowEngine
    let makeID: @Sendable () -> String
    let wakeUp = WakeSignal()

    /// Creates a runner.
    ///
    /// - Parameters:
    ///   - store: Where schedules live.
    ///   - engine: The engine that runs the workflows (its clock, recipients and environments are used).
    ///   - makeID: New schedule ids (random UUIDs by default).
    public init(store: any ScheduleStore, engine: WorkflowEngine, makeID: (@Sendable () -> String)? = nil) {
        self.store = store
        self.engine = engine
        self.makeID = makeID ?? { RandomText.uuid() }
    }

    // MARK: - Changes

    /// Creates one schedule per recipient, upserting inline recipients and actor first.
    ///
    /// - Throws: ``EngineError/Code/notFound`` for an unknown workflow or environment; the recipient
    ///   store's validation errors. Nothing is stored then.
    public func create(_ request: ScheduleRequest, environment: String) async throws -> [Schedule] {
        try await create([request], paths: [.createBody], environment: environment)
    }

    /// Creates the schedules of a bulk create (see ``ScheduleRequest/parseBulkCreate(_:)``), all or none.
    ///
    /// - Throws: ``EngineError/Code/notFound`` naming the first entry with an unknown workflow
    ///   (`schedules[3].workflow: …`) or an unknown environment; the recipient store's validation errors.
    ///   Nothing is stored then.
    public func createBulk(_ requests: [ScheduleRequest], environment: String) async throws -> [Schedule] {
        try await create(requests, paths: requests.indices.map(EntryPath.bulkEntry), environment: environment)
    }

    /// Checks every request, upserts every inline recipient and actor in one call, then stores every
    /// schedule in one call; `paths` name each request's fields in error messages.
    private func create(_ requests: [ScheduleRequest], paths: [EntryPath], environment: String) async throws
        -> [Schedule]
    {
        guard engine.environments[environment] != nil else {
            throw EngineError(.notFound, "unknown environment '\(environment)'")
        }
        for (request, path) in zip(requests, paths)
        where request.workflowKey.map({ engine.catalog.workflow($0) == nil }) ?? true {
            throw EngineError(
                .notFound, "\(path.prefix)workflow: workflow '\(request.workflowKey ?? "")' not found")
        }
        let now = engine.clock.now()
        var upserts: [RecipientUpsert] = []
        for (request, path) in zip(requests, paths) { upserts += try Self.inlineUpserts(request, path: path) }
        if !upserts.isEmpty { _ = try await engine.recipients.upsert(upserts, environment: environment, now: now) }
        var created: [Schedule] = []
        for request in requests {
            for identifier in request.recipients {
                var schedule = Schedule(
                    id: makeID(), environment: environment, workflowKey: request.workflowKey ?? "",
                    recipient: identifier.reference, actor: request.actor?.reference, tenant: request.tenant,
                    data: request.data ?? JSONObject(), repeats: request.repeats ?? [],
                    scheduledAt: request.scheduledAt, endingAt: request.endingAt, insertedAt: now, updatedAt: now)
                schedule.nextOccurrenceAt = ScheduleTiming.first(
                    schedule, now: now, timeZone: try await timeZone(for: schedule))
                created.append(schedule)
            }
        }
        try await store.save(created)
        wakeUp.signal()
        return created
    }

    /// Applies the fields a request sets to existing schedules and recomputes their next occurrence.
    ///
    /// - Throws: ``EngineError/Code/notFound`` naming the first id that is not a schedule of the
    ///   environment; nothing changes then.
    public func update(_ request: ScheduleRequest, environment: String) async throws -> [Schedule] {
        let found = try await existing(request.scheduleIDs, environment: environment)
        let now = engine.clock.now()
        try await upsertInline(request, environment: environment, now: now)
        var updated: [Schedule] = []
        for var schedule in found {
            if let repeats = request.repeats { schedule.repeats = repeats }
            if let data = request.data { schedule.data = data }
            if let tenant = request.tenant { schedule.tenant = tenant.isEmpty ? nil : tenant }
            if let actor = request.actor { schedule.actor = actor.reference }
            if request.clearsScheduledAt { schedule.scheduledAt = nil }
            if let scheduledAt = request.scheduledAt { schedule.scheduledAt = scheduledAt }
            if request.clearsEndingAt { schedule.endingAt = nil }
            if let endingAt = request.endingAt { schedule.endingAt = endingAt }
            guard !schedule.repeats.isEmpty || schedule.scheduledAt != nil else {
                throw EngineError(
                    .invalidInput,
                    "repeats: schedule \(schedule.id) would have neither 'repeats' nor 'scheduled_at'")
            }
            schedule.updatedAt = now
            schedule.nextOccurrenceAt = ScheduleTiming.first(
                schedule, now: now, timeZone: try await timeZone(for: schedule))
            updated.append(schedule)
        }
        try await store.save(updated)
        wakeUp.signal()
        return updated
    }

    /// Deletes schedules: their next occurrence never runs.
    ///
    /// - Returns: The schedules as they were.
    /// - Throws: ``EngineError/Code/notFound`` naming the first unknown id; nothing is deleted then.
    public func delete(ids: [String], environment: String) async throws -> [Schedule] {
        let found = try await existing(ids, environment: environment)
        try await store.deleteSchedules(ids: ids, environment: environment)
        return found
    }

    private func existing(_ ids: [String], environment: String) async throws -> [Schedule] {
        let found = try await store.schedules(ids: ids, environment: environment)
        if let missing = ids.first(where: { id in !found.contains { $0.id == id } }) {
            throw EngineError(.notFound, "schedule_ids: no schedule \(missing) in environment '\(environment)'")
        }
        return found
    }

    private func upsertInline(_ request: ScheduleRequest, environment: String, now: Date) async throws {
        let upserts = try Self.inlineUpserts(request, path: .createBody)
        if !upserts.isEmpty { _ = try await engine.recipients.upsert(upserts, environment: environment, now: now) }
    }

    /// The upserts of a request's inline recipients and actor, their errors named by `path`.
    private static func inlineUpserts(_ request: ScheduleRequest, path: EntryPath) throws -> [RecipientUpsert] {
        var upserts: [RecipientUpsert] = []
        for (index, identifier) in request.recipients.enumerated() {
            if let upsert = try upsert(identifier, path: path.recipient(index)) { upserts.append(upsert) }
        }
        if let actor = request.actor, let upsert = try upsert(actor, path: "\(path.prefix)actor") {
            upserts.append(upsert)
        }
        return upserts
    }

    /// How a request's fields are named in errors: a create body's `recipients[i]`, or a bulk entry's
    /// `schedules[n].recipient`.
    private struct EntryPath: Sendable {
        /// What precedes a field name: empty, or `schedules[n].`.
        let prefix: String
        /// The path of the request's recipient at an index.
        let recipient: @Sendable (Int) -> String

        static let createBody = EntryPath(prefix: "", recipient: { "recipients[\($0)]" })

        static func bulkEntry(_ index: Int) -> EntryPath {
            EntryPath(prefix: "schedules[\(index)].", recipient: { _ in "schedules[\(index)].recipient" })
        }
    }

    private static func upsert(_ identifier: RecipientIdentifier, path: String) throws -> RecipientUpsert? {
        switch identifier {
        case .reference: nil
        case .inlineUser(_, let properties), .inlineObject(_, _, let properties):
            try RecipientUpsert.parse(body: properties, reference: identifier.reference, path: path)
        }
    }

    /// The recipient's time zone, else the environment's default, else UTC.
    private func timeZone(for schedule: Schedule) async throws -> TimeZone {
        let record = try await engine.recipients.recipient(schedule.recipient, environment: schedule.environment)
        return record?.properties["timezone"]?.stringValue.flatMap(TimeZone.init(identifier:))
            ?? engine.environments[schedule.environment]?.timeZone ?? .gmt
    }

    // MARK: - Running

    /// Runs until cancelled: triggers due schedules, then sleeps until the next occurrence or a change.
    public func run() async {
        let store = self.store
        await wakeUp.runDueWork(
            on: engine.clock, work: { try await self.runDue() }, nextDue: { try await store.nextScheduleDate() })
    }

    /// Triggers every schedule due at the clock's current time, once each, and moves it to its next
    /// occurrence (missed occurrences run once, not once each).
    ///
    /// - Returns: How many schedules ran.
    @discardableResult
    public func runUntilIdle() async throws -> Int {
        try await WakeSignal.repeatUntilIdle { try await self.runDue() }
    }

    private func runDue() async throws -> Int {
        let now = engine.clock.now()
        let due = try await store.dueSchedules(now: now, limit: 100)
        var ran: [Schedule] = []
        for var schedule in due {
            let occurrence = schedule.nextOccurrenceAt ?? now
            // A schedule runs for its recipient only: an object's subscribers are not fanned out to.
            let request = TriggerRequest(
                recipients: [.reference(schedule.recipient)], actor: schedule.actor.map { .reference($0) },
                data: schedule.data, tenant: schedule.tenant, fansOut: false)
            do {
                _ = try await engine.trigger(
                    request, workflowKey: schedule.workflowKey, environment: schedule.environment)
            } catch let error as EngineError where Self.skipsOccurrence(error) {
                // The workflow was removed or set inactive since, or the trigger is invalid: this
                // occurrence is skipped and the schedule goes on.
            } catch {
                // The store failed: the occurrence stays due and runs on the next pass.
                if !ran.isEmpty { try await store.save(ran) }
                throw error
            }
            schedule.lastOccurrenceAt = occurrence
            schedule.nextOccurrenceAt = ScheduleTiming.next(
                schedule, after: max(occurrence, now), timeZone: try await timeZone(for: schedule))
            ran.append(schedule)
        }
        if !ran.isEmpty { try await store.save(ran) }
        return ran.count
    }

    /// Whether a trigger error ends just this occurrence (it would fail the same way if tried again),
    /// rather than leaving it due to be tried again.
    static func skipsOccurrence(_ error: EngineError) -> Bool {
        switch error.code {
        case .notFound, .workflowInactive, .invalidInput, .invalidWorkflow: true
        default: false
        }
    }
}
