public import Engine
internal import Foundation
public import Providers

extension RecipientRun {
    /// Knock's `WorkflowRecipientRun`, plus two host extensions: `state` (the engine's exact state:
    /// pending, waiting, batched, completed, halted, failed, cancelled) and `state_reason` (why a run halted
    /// or failed, else `null`).
    ///
    /// `status` maps the state onto Knock's values: pending → `queued`; waiting and batched → `paused`;
    /// completed, halted and failed → `completed`; cancelled → `cancelled`. `error_count` counts the step
    /// log's `failed` entries.
    public var knockJSON: JSONValue {
        let reason: JSONValue =
            switch state {
            case .halted(let reason), .failed(let reason): .string(reason)
            default: .null
            }
        return [
            "__typename": "WorkflowRecipientRun", "id": .string(id), "workflow_run_id": .string(workflowRunID),
            "workflow": .string(workflowKey), "status": .string(Self.knockStatus(of: state)),
            "state": .string(state.name), "state_reason": reason, "recipient": recipient.json,
            "actor": actor?.json ?? .null, "tenant": tenant.map(JSONValue.string) ?? .null,
            "error_count": .number(Double(stepLog.filter { $0.outcome == "failed" }.count)),
            "trigger_source": [
                "type": "api", "cancellation_key": cancellationKey.map(JSONValue.string) ?? .null,
                "audience_key": .null, "schedule_id": .null,
            ],
            "inserted_at": .string(ISO8601Timestamp.string(from: createdAt)),
            "updated_at": .string(ISO8601Timestamp.string(from: updatedAt)),
        ]
    }

    /// Knock's `WorkflowRecipientRunDetail`: ``knockJSON`` plus `events`, one per step log entry, oldest
    /// first.
    ///
    /// Each event has `id` (`<run id>.<index>`), `event` (the outcome: executed, skipped, not_sent, waiting,
    /// batched, retrying, halted, failed, cancelled, terminated, completed), `status` (`error` for failed
    /// entries, else `ok`), `step_ref` and `step_type` (`null` for the `trigger` and `run` entries, which are
    /// not steps), `attempt` (1), `inserted_at`, and `data`: `{"reason", "details"}` — the sentence and the
    /// evaluated conditions, preference decision, message ids, window times and fetch exchanges.
    public var knockDetailJSON: JSONValue {
        guard case .object(var object) = knockJSON else { return knockJSON }
        object["events"] = .array(
            stepLog.enumerated().map { index, entry in
                let isStep = entry.stepRef != "trigger" && entry.stepRef != "run"
                return [
                    "__typename": "WorkflowRecipientRunEvent", "id": .string("\(id).\(index)"),
                    "event": .string(entry.outcome), "status": entry.outcome == "failed" ? "error" : "ok",
                    "step_ref": isStep ? .string(entry.stepRef) : .null,
                    "step_type": isStep ? .string(entry.stepType) : .null, "attempt": 1,
                    "inserted_at": .string(ISO8601Timestamp.string(from: entry.at)),
                    "data": ["reason": entry.reason.map(JSONValue.string) ?? .null, "details": .object(entry.details)],
                ]
            })
        return .object(object)
    }

    /// Knock's status for an engine state.
    static func knockStatus(of state: RunState) -> String {
        switch state {
        case .pending: "queued"
        case .waiting, .batched: "paused"
        case .cancelled: "cancelled"
        case .completed, .halted, .failed: "completed"
        }
    }

    /// The engine states a Knock status filter selects.
    static func states(forKnockStatus status: String) -> Set<String>? {
        switch status {
        case "queued": ["pending"]
        case "processing": []
        case "paused": ["waiting", "batched"]
        case "completed": ["completed", "halted", "failed"]
        case "cancelled": ["cancelled"]
        default: nil
        }
    }
}
