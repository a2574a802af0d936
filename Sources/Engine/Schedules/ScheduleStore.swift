public import Foundation

/// Where schedules live.
public protocol ScheduleStore: Sendable {
    /// Inserts or replaces schedules (by id), in one transaction.
    func save(_ schedules: [Schedule]) async throws

    /// The schedules with these ids in the environment, in the order asked (missing ones left out).
    func schedules(ids: [String], environment: String) async throws -> [Schedule]

    /// Schedules of an environment, optionally of one workflow, some recipients and/or one tenant, by id.
    ///
    /// Pages follow ``Page/init(idOrdered:key:after:before:size:cursor:)``: the cursors are schedule ids,
    /// a `before` page holds the schedules just before the cursor in id order (UTF-8 byte order).
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` when `page` breaks ``PageRequest/checkBounds()``.
    func schedules(_ query: ScheduleQuery, page: PageRequest) async throws -> Page<Schedule>

    /// Deletes schedules by id in the environment (their next occurrence goes with them).
    func deleteSchedules(ids: [String], environment: String) async throws

    /// Schedules whose next occurrence is at or before `now`, earliest first.
    func dueSchedules(now: Date, limit: Int) async throws -> [Schedule]

    /// The earliest next occurrence of any schedule, or `nil`.
    func nextScheduleDate() async throws -> Date?
}

/// Which schedules a listing returns.
public struct ScheduleQuery: Sendable, Hashable {
    /// The environment.
    public var environment: String
    /// Only this workflow's schedules.
    public var workflowKey: String?
    /// Only schedules for these recipients.
    public var recipients: [RecipientReference]?
    /// Only schedules that run for this tenant.
    public var tenant: String?

    /// Creates a query.
    public init(
        environment: String, workflowKey: String? = nil, recipients: [RecipientReference]? = nil,
        tenant: String? = nil
    ) {
        self.environment = environment
        self.workflowKey = workflowKey
        self.recipients = recipients
        self.tenant = tenant
    }

    /// Whether `schedule` is one this query returns.
    public func matches(_ schedule: Schedule) -> Bool {
        schedule.environment == environment && (workflowKey.map { $0 == schedule.workflowKey } ?? true)
            && (recipients.map { $0.contains(schedule.recipient) } ?? true)
            && (tenant.map { $0 == schedule.tenant } ?? true)
    }
}

/// Schedules in memory: for tests and throwaway runs.
public actor InMemoryScheduleStore: ScheduleStore {
    private var byID: [String: Schedule] = [:]

    /// An empty store.
    public init() {}

    public func save(_ schedules: [Schedule]) {
        for schedule in schedules { byID[schedule.id] = schedule }
    }

    public func schedules(ids: [String], environment: String) -> [Schedule] {
        ids.compactMap { byID[$0] }.filter { $0.environment == environment }
    }

    public func schedules(_ query: ScheduleQuery, page: PageRequest) throws -> Page<Schedule> {
        try page.checkBounds()
        let matching = byID.values.filter(query.matches).sorted { $0.id.precedesInBytes($1.id) }
        return Page(
            idOrdered: matching, key: \.id, after: page.after, before: page.before, size: page.size, cursor: { $0 })
    }

    public func deleteSchedules(ids: [String], environment: String) {
        for id in ids where byID[id]?.environment == environment { byID[id] = nil }
    }

    public func dueSchedules(now: Date, limit: Int) -> [Schedule] {
        Array(
            byID.values.filter { ($0.nextOccurrenceAt ?? .distantFuture) <= now }
                .sorted { ($0.nextOccurrenceAt ?? now, $0.id) < ($1.nextOccurrenceAt ?? now, $1.id) }.prefix(limit))
    }

    public func nextScheduleDate() -> Date? {
        byID.values.compactMap(\.nextOccurrenceAt).min()
    }
}
