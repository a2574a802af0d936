import Foundation
public import Providers

extension RecipientRun {
    /// The run as JSON (times as seconds since 1970), for storage and the API; ``init(json:)`` reads it back.
    ///
    /// `subscription` (the subscription's properties) is present only for a run that came from one.
    public var json: JSONValue {
        var object = JSONObject([
            ("id", .string(id)), ("workflow_run_id", .string(workflowRunID)), ("workflow_key", .string(workflowKey)),
            ("version", .string(version)), ("environment", .string(environment)),
            ("recipient", .string(recipient.storageID)), ("actor", actor.map { .string($0.storageID) } ?? .null),
            ("tenant", tenant.map(JSONValue.string) ?? .null), ("data", .object(data)),
            ("cancellation_key", cancellationKey.map(JSONValue.string) ?? .null), ("state", state.json),
            (
                "position",
                [
                    "indices": .array(position.indices.map { .number(Double($0)) }),
                    "branches": .array(position.branches.map { .number(Double($0)) }),
                ]
            ),
            ("step_log", .array(stepLog.map(\.json))),
            (
                "messages",
                .object(
                    JSONObject(messages.keys.sorted().map { ($0, .array((messages[$0] ?? []).map(JSONValue.string))) }))
            ),
            ("fetch_attempts", .number(Double(fetchAttempts))), ("skips_delays", .bool(skipsDelays)),
            ("created_at", .number(createdAt.timeIntervalSince1970)),
            ("updated_at", .number(updatedAt.timeIntervalSince1970)),
        ])
        if let subscription { object["subscription"] = .object(subscription) }
        if let batch {
            object["batch"] = [
                "total_activities": .number(Double(batch.totalActivities)),
                "total_actors": .number(Double(batch.totalActors)), "activities": .array(batch.activities),
                "actors": .array(batch.actors),
            ]
        }
        return .object(object)
    }

    /// Reads ``json``.
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` if a member is missing or malformed.
    public init(json: JSONValue) throws {
        func string(_ key: String) throws -> String {
            guard let value = json[key]?.stringValue else {
                throw EngineError(.storageFailure, "recipient run: bad \(key)")
            }
            return value
        }
        func date(_ key: String) throws -> Date {
            guard let value = json[key]?.numberValue else {
                throw EngineError(.storageFailure, "recipient run: bad \(key)")
            }
            return Date(timeIntervalSince1970: value)
        }
        self.init(
            id: try string("id"), workflowRunID: try string("workflow_run_id"), workflowKey: try string("workflow_key"),
            version: try string("version"), environment: try string("environment"),
            recipient: RecipientReference(storageID: try string("recipient")),
            actor: json["actor"]?.stringValue.map(RecipientReference.init(storageID:)),
            tenant: json["tenant"]?.stringValue,
            data: json["data"]?.objectValue ?? JSONObject(), cancellationKey: json["cancellation_key"]?.stringValue,
            skipsDelays: json["skips_delays"]?.boolValue ?? false, createdAt: try date("created_at"))
        updatedAt = try date("updated_at")
        state = try RunState(json: json["state"] ?? .null)
        position = StepPosition(
            indices: json["position"]?["indices"]?.arrayValue?.compactMap(\.intValue) ?? [0],
            branches: json["position"]?["branches"]?.arrayValue?.compactMap(\.intValue) ?? [])
        stepLog = try (json["step_log"]?.arrayValue ?? []).map(StepLogEntry.init(json:))
        var messages: [String: [String]] = [:]
        for (ref, ids) in json["messages"]?.objectValue ?? JSONObject() {
            messages[ref] = ids.arrayValue?.compactMap(\.stringValue) ?? []
        }
        self.messages = messages
        fetchAttempts = json["fetch_attempts"]?.intValue ?? 0
        subscription = json["subscription"]?.objectValue
        if let batch = json["batch"]?.objectValue {
            self.batch = BatchVariables(
                totalActivities: batch["total_activities"]?.intValue ?? 0,
                totalActors: batch["total_actors"]?.intValue ?? 0, activities: batch["activities"]?.arrayValue ?? [],
                actors: batch["actors"]?.arrayValue ?? [])
        }
    }
}

extension RunState {
    /// `{"name": …}` plus `until` (seconds since 1970), `batch_id` or `reason`.
    public var json: JSONValue {
        switch self {
        case .waiting(let until): ["name": "waiting", "until": .number(until.timeIntervalSince1970)]
        case .batched(let id): ["name": "batched", "batch_id": .string(id)]
        case .halted(let reason): ["name": "halted", "reason": .string(reason)]
        case .failed(let reason): ["name": "failed", "reason": .string(reason)]
        default: ["name": .string(name)]
        }
    }

    init(json: JSONValue) throws {
        switch json["name"]?.stringValue {
        case "pending": self = .pending
        case "waiting": self = .waiting(until: Date(timeIntervalSince1970: json["until"]?.numberValue ?? 0))
        case "batched": self = .batched(batchID: json["batch_id"]?.stringValue ?? "")
        case "completed": self = .completed
        case "halted": self = .halted(reason: json["reason"]?.stringValue ?? "")
        case "failed": self = .failed(reason: json["reason"]?.stringValue ?? "")
        case "cancelled": self = .cancelled
        default: throw EngineError(.storageFailure, "recipient run: bad state")
        }
    }
}

extension StepLogEntry {
    /// The entry as JSON (`at` in seconds since 1970).
    public var json: JSONValue {
        [
            "at": .number(at.timeIntervalSince1970), "step_ref": .string(stepRef), "step_type": .string(stepType),
            "outcome": .string(outcome), "reason": reason.map(JSONValue.string) ?? .null, "details": .object(details),
        ]
    }

    init(json: JSONValue) throws {
        guard let at = json["at"]?.numberValue, let ref = json["step_ref"]?.stringValue,
            let type = json["step_type"]?.stringValue, let outcome = json["outcome"]?.stringValue
        else { throw EngineError(.storageFailure, "recipient run: bad step log entry") }
        self.init(
            at: Date(timeIntervalSince1970: at), stepRef: ref, stepType: type, outcome: outcome,
            reason: json["reason"]?.stringValue, details: json["details"]?.objectValue ?? JSONObject())
    }
}

extension BatchRecord {
    /// The batch as JSON, for storage.
    public var json: JSONValue {
        [
            "id": .string(id), "key": .string(key), "opened_at": .number(openedAt.timeIntervalSince1970),
            "closes_at": .number(closesAt.timeIntervalSince1970), "arrivals": .number(Double(arrivals)),
            "items": .array(
                items.map { item in
                    [
                        "run_id": .string(item.runID), "data": .object(item.data), "actor": item.actor,
                        "actor_id": item.actorID.map(JSONValue.string) ?? .null,
                        "at": .number(item.at.timeIntervalSince1970),
                    ]
                }),
        ]
    }

    /// Reads ``json``.
    public init(json: JSONValue) throws {
        guard let id = json["id"]?.stringValue, let key = json["key"]?.stringValue,
            let opened = json["opened_at"]?.numberValue, let closes = json["closes_at"]?.numberValue
        else { throw EngineError(.storageFailure, "batch: malformed") }
        let items = (json["items"]?.arrayValue ?? []).map { item in
            BatchItem(
                runID: item["run_id"]?.stringValue ?? "", data: item["data"]?.objectValue ?? JSONObject(),
                actor: item["actor"] ?? .null, actorID: item["actor_id"]?.stringValue,
                at: Date(timeIntervalSince1970: item["at"]?.numberValue ?? 0))
        }
        self.init(
            id: id, key: key, openedAt: Date(timeIntervalSince1970: opened),
            closesAt: Date(timeIntervalSince1970: closes),
            items: items, arrivals: json["arrivals"]?.intValue ?? items.count)
    }
}
