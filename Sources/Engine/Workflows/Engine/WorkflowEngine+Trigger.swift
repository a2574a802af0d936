import Foundation
import Providers

extension WorkflowEngine {
    /// Triggers a workflow: upserts inline recipients, the actor and the tenant, then creates one recipient
    /// run per recipient under one workflow run id. The runs execute in ``run()`` / ``runUntilIdle()``.
    ///
    /// - Parameters:
    ///   - request: The trigger.
    ///   - workflowKey: The workflow.
    ///   - environment: The environment.
    /// - Returns: The workflow run id and the recipient run ids.
    /// - Throws: ``EngineError`` with code ``EngineError/Code/notFound`` for an unknown workflow or
    ///   environment, ``EngineError/Code/workflowInactive`` when the workflow is inactive there, or the
    ///   recipient store's validation errors.
    public func trigger(_ request: TriggerRequest, workflowKey: String, environment: String) async throws
        -> TriggerResult
    {
        guard let settings = environments[environment] else {
            throw EngineError(.notFound, "unknown environment '\(environment)'")
        }
        guard let definition = catalog.workflow(workflowKey) else {
            throw EngineError(.notFound, "workflow '\(workflowKey)' not found")
        }
        guard settings.isActive(workflowKey) else {
            throw EngineError(
                .workflowInactive, "workflow '\(workflowKey)' is inactive in environment '\(environment)'")
        }
        let now = clock.now()
        let workflowRunID = makeID()
        // Inline properties are validated before the idempotency key is claimed, so a rejected trigger
        // stores nothing and a corrected retry with the same key runs.
        let upserts = try await inlineUpserts(request, environment: environment)
        if let key = request.idempotencyKey {
            let scoped = "\(environment)/\(workflowKey)/\(key)"
            if let existing = try await store.claimIdempotencyKey(scoped, workflowRunID: workflowRunID, now: now) {
                return TriggerResult(workflowRunID: existing, recipientRunIDs: [])
            }
        }
        if !upserts.isEmpty { _ = try await recipients.upsert(upserts, environment: environment, now: now) }
        try await store.saveVersion(
            workflowKey: workflowKey, version: definition.version, snapshot: definition.snapshot)
        let runs = request.recipients.map { identifier in
            RecipientRun(
                id: makeID(), workflowRunID: workflowRunID, workflowKey: workflowKey, version: definition.version,
                environment: environment, recipient: identifier.runReference, actor: request.actor?.runReference,
                tenant: request.tenant, data: request.data, cancellationKey: request.cancellationKey,
                skipsDelays: request.skipsDelays, createdAt: now)
        }
        try await store.insert(runs)
        wakeUp.signal()
        return TriggerResult(workflowRunID: workflowRunID, recipientRunIDs: runs.map(\.id))
    }

    /// The upserts of inline-identified recipients, the actor and the tenant (a stub when unknown), validated;
    /// they are applied before any run.
    private func inlineUpserts(_ request: TriggerRequest, environment: String) async throws -> [RecipientUpsert] {
        var upserts: [RecipientUpsert] = []
        for (index, identifier) in ([request.actor].compactMap { $0 } + request.recipients).enumerated() {
            let path =
                request.actor != nil && index == 0
                ? "$.actor" : "$.recipients[\(index - (request.actor == nil ? 0 : 1))]"
            switch identifier {
            case .reference: continue
            case .inlineUser(_, let properties), .inlineObject(_, _, let properties):
                upserts.append(
                    try RecipientUpsert.parse(body: properties, reference: identifier.runReference, path: path))
            }
        }
        if let tenant = request.tenant {
            let reference = RecipientReference.object(collection: "$tenants", id: tenant)
            if let properties = request.tenantProperties {
                upserts.append(try RecipientUpsert.parse(body: properties, reference: reference, path: "$.tenant"))
            } else if try await recipients.recipient(reference, environment: environment) == nil {
                upserts.append(try RecipientUpsert.parse(body: JSONObject(), reference: reference, path: "$.tenant"))
            }
        }
        return upserts
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
