public import Foundation

/// Where schedules live.
public protocol ScheduleStore: Sendable {
    /// Inserts or replaces schedules (by id), in one transaction.
    func save(_ schedules: [Schedule]) async throws

    /// The schedules with these ids in the environment, in the order asked (missing ones left out).
    func schedules(ids: [String], environment: String) async throws -> [Schedule]

    /// Schedules of an environment, optionally of one workflow and/or one recipient, by id.
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

    /// Creates a query.
    public init(environment: String, workflowKey: String? = nil, recipients: [RecipientReference]? = nil) {
        self.environment = environment
        self.workflowKey = workflowKey
        self.recipients = recipients
    }

    /// Whether `schedule` is one this query returns.
    public func matches(_ schedule: Schedule) -> Bool {
        schedule.environment == environment && (workflowKey.map { $0 == schedule.workflowKey } ?? true)
            && (recipients.map { $0.contains(schedule.recipient) } ?? true)
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

    public func schedules(_ query: ScheduleQuery, page: PageRequest) -> Page<Schedule> {
        let matching = byID.values.filter(query.matches).sorted { $0.id < $1.id }
        let start = page.after.map { after in matching.firstIndex { $0.id > after } ?? matching.count } ?? 0
        let size = max(1, min(page.size, PageRequest.maximumSize))
        let entries = Array(matching.dropFirst(start).prefix(size))
        let more = start + entries.count < matching.count
        return Page(entries: entries, after: more ? entries.last?.id : nil, before: start > 0 ? entries.first?.id : nil)
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
