public import Foundation
public import Providers

/// A ``WorkflowRunStore`` in memory, for tests and one-shot tools; nothing survives the process.
public actor InMemoryWorkflowRunStore: WorkflowRunStore {
    private var runsByID: [String: RecipientRun] = [:]
    private var order: [String] = []
    private var batches: [String: BatchRecord] = [:]
    private var throttles: [String: ThrottleWindow] = [:]
    private var idempotency: [String: (workflowRunID: String, at: Date)] = [:]
    private var versions: [String: JSONValue] = [:]

    /// Creates an empty store.
    public init() {}

    public func insert(_ runs: [RecipientRun]) async throws {
        for run in runs where runsByID[run.id] != nil {
            throw EngineError(.conflict, "recipient run \(run.id) exists already")
        }
        for run in runs {
            runsByID[run.id] = run
            order.append(run.id)
        }
    }

    public func update(_ run: RecipientRun) async throws {
        guard runsByID[run.id] != nil else { throw EngineError(.notFound, "no recipient run \(run.id)") }
        runsByID[run.id] = run
    }

    public func run(id: String) async throws -> RecipientRun? {
        runsByID[id]
    }

    public func runs(_ query: RecipientRunQuery, page: PageRequest) async throws -> Page<RecipientRun> {
        let matching = order.reversed().compactMap { runsByID[$0] }.filter(query.matches)
        var start = 0
        if let after = page.after, let index = matching.firstIndex(where: { $0.id == after }) { start = index + 1 }
        let size = max(1, min(page.size, PageRequest.maximumSize))
        let entries = Array(matching.dropFirst(start).prefix(size))
        let more = start + entries.count < matching.count
        return Page(entries: entries, after: more ? entries.last?.id : nil, before: start > 0 ? entries.first?.id : nil)
    }

    public func dueRuns(now: Date, limit: Int) async throws -> [RecipientRun] {
        let due = order.compactMap { runsByID[$0] }.filter { ($0.dueAt.map { $0 <= now }) ?? false }
        return Array(due.sorted { ($0.dueAt ?? now) < ($1.dueAt ?? now) }.prefix(limit))
    }

    public func nextDueDate() async throws -> Date? {
        let runDates = runsByID.values.compactMap(\.dueAt)
        let batchDates = batches.values.map(\.closesAt)
        return (runDates + batchDates).min()
    }

    public func openBatch(key: String) async throws -> BatchRecord? {
        batches.values.first { $0.key == key }
    }

    public func batch(id: String) async throws -> BatchRecord? {
        batches[id]
    }

    public func save(_ batch: BatchRecord) async throws {
        batches[batch.id] = batch
    }

    public func deleteBatch(id: String) async throws {
        batches[id] = nil
    }

    public func dueBatches(now: Date) async throws -> [BatchRecord] {
        batches.values.filter { $0.closesAt <= now }.sorted { $0.closesAt < $1.closesAt }
    }

    public func throttleWindow(key: String) async throws -> ThrottleWindow? {
        throttles[key]
    }

    public func save(_ window: ThrottleWindow) async throws {
        throttles[window.key] = window
    }

    public func claimIdempotencyKey(_ key: String, workflowRunID: String, now: Date) async throws -> String? {
        if let existing = idempotency[key], existing.at > now.addingTimeInterval(-TriggerRequest.idempotencyKeyLifetime)
        {
            return existing.workflowRunID
        }
        idempotency[key] = (workflowRunID, now)
        return nil
    }

    public func saveVersion(workflowKey: String, version: String, snapshot: JSONValue) async throws {
        versions["\(workflowKey)@\(version)"] = snapshot
    }

    public func version(workflowKey: String, version: String) async throws -> JSONValue? {
        versions["\(workflowKey)@\(version)"]
    }
}
