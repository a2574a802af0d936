import Foundation
import Providers

extension WorkflowEngine {
    func executeBatch(
        _ step: WorkflowStep, _ batch: BatchStep, run: inout RecipientRun, definition: WorkflowDefinition,
        context: inout RunContext, conditions: JSONValue?
    ) async throws -> StepOutcome {
        let now = clock.now()
        func log(_ outcome: String, _ reason: String, _ members: [(String, JSONValue)] = []) {
            run.stepLog.append(
                StepLogEntry(
                    at: now, stepRef: step.ref, stepType: "batch", outcome: outcome, reason: reason,
                    details: WorkflowTime.details(conditions, members)))
        }
        var key = "\(run.environment)/\(run.workflowKey)/\(step.ref)/\(run.recipient.storageID)"
        if let value = keyValue(batch.key, run: run, context: context) { key += "/" + value }
        let actorID = context.actor == .null ? nil : context.actor["id"]?.stringValue
        let item = BatchItem(runID: run.id, data: run.data, actor: context.actor, actorID: actorID, at: now)
        if var open = try await store.openBatch(key: key) {
            open.items.append(item)
            open.arrivals += 1
            if batch.isSliding, let window = batch.window {
                let extended = now.addingTimeInterval(Double(window.seconds))
                let limit =
                    batch.extensionLimit.map { open.openedAt.addingTimeInterval(Double($0.seconds)) } ?? extended
                open.closesAt = min(extended, limit)
            }
            if let maximum = batch.maximumItems, open.arrivals >= maximum { open.closesAt = min(open.closesAt, now) }
            try await store.save(open)
            log(
                "batched",
                "added to the open batch (item \(open.arrivals)), which closes at \(WorkflowTime.string(open.closesAt))",
                [("batch_id", .string(open.id)), ("closes_at", .string(WorkflowTime.string(open.closesAt)))])
            run.state = .batched(batchID: open.id)
            return .suspend
        }
        let end: Date
        switch windowEnd(fixed: batch.window, path: batch.windowPath, run: run, context: context, now: now) {
        case .success(let date): end = date
        case .failure(let error):
            log("skipped", "skipped because the batch window is invalid: \(error.message)")
            return .next
        }
        var opened = BatchRecord(id: makeID(), key: key, openedAt: now, closesAt: end, items: [], arrivals: 1)
        let members: [(String, JSONValue)] = [
            ("batch_id", .string(opened.id)), ("closes_at", .string(WorkflowTime.string(end))),
        ]
        if batch.flushesLeadingItem {
            try await store.save(opened)
            run.batch = BatchVariables(
                totalActivities: 1, totalActors: actorID == nil ? 0 : 1,
                activities: [activity(item, recipient: context.recipientJSON(run))],
                actors: actorID == nil ? [] : [context.actor])
            log(
                "executed",
                "flushed the leading item at once and opened a batch that closes at \(WorkflowTime.string(end))",
                members)
            return .next
        }
        opened.items = [item]
        try await store.save(opened)
        log("batched", "opened a batch that closes at \(WorkflowTime.string(end))", members)
        run.state = .batched(batchID: opened.id)
        return .suspend
    }

    /// One activity of the batch variables: the item's data, its actor and the recipient.
    private func activity(_ item: BatchItem, recipient: JSONValue) -> JSONValue {
        var object = item.data
        object["actor"] = item.actor
        object["recipient"] = recipient
        return .object(object)
    }

    /// Closes a due batch: the first remaining item's run continues past the batch step with the batch
    /// variables and the combined data; the other items' runs complete. A batch with no items left (all
    /// cancelled, or only a flushed leading item) ends with nothing to run.
    func close(_ batch: BatchRecord) async throws {
        try await store.deleteBatch(id: batch.id)
        var runs: [RecipientRun] = []
        for item in batch.items {
            if let run = try await store.run(id: item.runID), case .batched(let id) = run.state, id == batch.id {
                runs.append(run)
            }
        }
        guard var continuing = runs.first else { return }
        let definition = try await definition(for: continuing)
        guard let step = definition.step(at: continuing.position), case .batch(let settings) = step.kind else {
            throw EngineError(.conflict, "run \(continuing.id) is not at a batch step")
        }
        let items = batch.items.filter { item in runs.contains { $0.id == item.runID } }
        let rendered =
            settings.keepsLast ? Array(items.suffix(settings.renderLimit)) : Array(items.prefix(settings.renderLimit))
        let recipient =
            try await recipients.recipient(continuing.recipient, environment: continuing.environment)?.json
            ?? ["id": .string(continuing.recipient.storageID)]
        var actors: [JSONValue] = []
        var seenActors: Set<String> = []
        for item in rendered {
            if let id = item.actorID, seenActors.insert(id).inserted { actors.append(item.actor) }
        }
        var combined = JSONObject()
        for item in rendered {
            for (key, value) in item.data { combined[key] = value }
        }
        let totalActors = Set(items.compactMap(\.actorID)).count
        let now = clock.now()
        continuing.batch = BatchVariables(
            totalActivities: items.count, totalActors: totalActors,
            activities: rendered.map { activity($0, recipient: recipient) }, actors: actors)
        continuing.data = combined
        continuing.state = .pending
        continuing.position = continuing.position.next
        continuing.updatedAt = now
        continuing.stepLog.append(
            StepLogEntry(
                at: now, stepRef: step.ref, stepType: "batch", outcome: "executed",
                reason: "the batch closed with \(items.count) activities; this run continues with them",
                details: [
                    "batch_id": .string(batch.id), "total_activities": .number(Double(items.count)),
                    "total_actors": .number(Double(totalActors)),
                    "runs": .array(runs.map { .string($0.id) }),
                ]))
        try await store.update(continuing)
        for var other in runs.dropFirst() {
            finish(
                &other, .completed, ref: step.ref, type: "batch", outcome: "batched",
                reason: "the batch closed; its activities continue in run \(continuing.id)")
            try await store.update(other)
        }
    }
}
