import Foundation
import Providers

extension WorkflowEngine {
    /// Triggers a workflow: upserts inline recipients, the actor and the tenant (a stub when unknown), and
    /// creates one recipient run per recipient under one workflow run id, all in one atomic write. The runs
    /// execute in ``run()`` / ``runUntilIdle()``.
    ///
    /// Unless ``TriggerRequest/fansOut`` is false, an object recipient also gets a run for each of its
    /// subscribers, read from the recipient store when the trigger is accepted (see ``SubscriptionFanOut``);
    /// those runs carry the subscription's properties and are written in the same atomic write.
    ///
    /// Triggers are accepted by the engine's intake, not on this actor: a trigger never waits for runs to
    /// advance, and concurrent triggers share one durable commit. It returns once its rows are durable.
    /// A trigger with an idempotency key already claimed within
    /// ``TriggerRequest/idempotencyKeyLifetime`` (same environment and workflow) stores nothing and
    /// returns the first trigger's workflow run id with no recipient run ids.
    ///
    /// - Parameters:
    ///   - request: The trigger.
    ///   - workflowKey: The workflow.
    ///   - environment: The environment.
    /// - Returns: The workflow run id and the recipient run ids.
    /// - Throws: ``EngineError`` with code ``EngineError/Code/notFound`` for an unknown workflow or
    ///   environment, ``EngineError/Code/workflowInactive`` when the workflow is inactive there,
    ///   ``EngineError/Code/invalidInput`` for invalid inline properties or a fan-out over
    ///   ``SubscriptionLimits/maximumRunsPerTrigger`` runs, or the store's errors; nothing is stored then.
    public nonisolated func trigger(_ request: TriggerRequest, workflowKey: String, environment: String)
        async throws -> TriggerResult
    {
        try await intake.trigger(request, workflowKey: workflowKey, environment: environment)
    }

    /// Cancels the active runs of a workflow triggered with a cancellation key, optionally only some
    /// recipients' runs. Batched runs leave their batch (which stays open until its close time).
    ///
    /// - Returns: How many runs were cancelled.
    @discardableResult
    public func cancel(
        workflowKey: String, cancellationKey: String, recipients: [RecipientReference]? = nil, environment: String
    ) async throws -> Int {
        let query = RecipientRunQuery(
            environment: environment, workflowKey: workflowKey, states: ["pending", "waiting", "batched"],
            cancellationKey: cancellationKey)
        var cancelled = 0
        var page = PageRequest(size: PageRequest.maximumSize)
        let wanted = recipients.map(Set.init)
        while true {
            let result = try await store.runs(query, page: page)
            for var run in result.entries where wanted.map({ $0.contains(run.recipient) }) ?? true {
                try await removeFromBatch(run)
                finish(
                    &run, .cancelled, ref: "run", type: "run", outcome: "cancelled",
                    reason: "cancelled with cancellation key '\(cancellationKey)'")
                try await store.update(run)
                cancelled += 1
            }
            guard let after = result.after else { break }
            page.after = after
        }
        return cancelled
    }

    /// Removes a batched run's item from its batch; the batch keeps its close time.
    func removeFromBatch(_ run: RecipientRun) async throws {
        guard case .batched(let batchID) = run.state, var batch = try await store.batch(id: batchID) else { return }
        batch.items.removeAll { $0.runID == run.id }
        try await store.save(batch)
    }
}
