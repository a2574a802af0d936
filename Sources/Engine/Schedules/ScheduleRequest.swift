public import Foundation
public import Providers

/// The fields of Knock's create and update schedule bodies (`CreateSchedulesRequest`,
/// `UpdateSchedulesRequest`), validated. On update, a field left out keeps each schedule's value.
public struct ScheduleRequest: Sendable {
    /// The workflow (create only).
    public var workflowKey: String?
    /// The recipients, one schedule each (create only), inline ones upserted first.
    public var recipients: [RecipientIdentifier]
    /// The schedules to change (update and delete).
    public var scheduleIDs: [String]
    /// The repeat rules; `[]` makes a one-off schedule.
    public var repeats: [WindowRule]?
    /// `data`; `null` clears it.
    public var data: JSONObject?
    /// `tenant`; an empty string clears it.
    public var tenant: String?
    /// `actor`.
    public var actor: RecipientIdentifier?
    /// `scheduled_at`; ``clearsScheduledAt`` when sent as `null`.
    public var scheduledAt: Date?
    /// `ending_at`; ``clearsEndingAt`` when sent as `null`.
    public var endingAt: Date?
    /// Whether `scheduled_at` was sent as `null`.
    public var clearsScheduledAt = false
    /// Whether `ending_at` was sent as `null`.
    public var clearsEndingAt = false

    /// The keys a create body accepts.
    public static let createKeys = [
        "workflow", "recipients", "repeats", "data", "tenant", "actor", "scheduled_at", "ending_at",
    ]
    /// The keys an update body accepts.
    public static let updateKeys = ["schedule_ids", "repeats", "data", "tenant", "actor", "scheduled_at", "ending_at"]

    /// Parses a create body: `workflow`, 1 to 100 `recipients`, and `repeats` or `scheduled_at`.
    public static func parseCreate(_ body: JSONObject) throws(EngineError) -> ScheduleRequest {
        var request = try parseCommon(body, accepted: createKeys)
        request.workflowKey = try workflow(body)
        guard case .array(let recipients)? = body["recipients"], (1...Schedule.batchLimit).contains(recipients.count)
        else {
            throw EngineError(
                .invalidInput,
                "recipients: expected an array of 1 to \(Schedule.batchLimit) recipients, found "
                    + (body["recipients"]?.arrayValue.map { "\($0.count) entries" } ?? found(body["recipients"])))
        }
        request.recipients = try recipients.enumerated().map { index, value throws(EngineError) in
            try RecipientIdentifier.parse(value, path: "recipients[\(index)]")
        }
        try requireTiming(request)
        return request
    }

    /// The non-empty `workflow` key of a create body.
    static func workflow(_ body: JSONObject) throws(EngineError) -> String {
        guard let workflow = body["workflow"]?.stringValue, !workflow.isEmpty else {
            throw EngineError(
                .invalidInput, "workflow: expected the key of a workflow, found \(found(body["workflow"]))")
        }
        return workflow
    }

    /// Checks that a new schedule has `repeats` or `scheduled_at`.
    static func requireTiming(_ request: ScheduleRequest) throws(EngineError) {
        guard !(request.repeats ?? []).isEmpty || request.scheduledAt != nil else {
            throw EngineError(
                .invalidInput,
                "repeats: a schedule needs 'repeats' (recurring) or 'scheduled_at' (one-off); neither was given")
        }
    }

    /// Parses an update body: 1 to 100 `schedule_ids` and the fields to change.
    public static func parseUpdate(_ body: JSONObject) throws(EngineError) -> ScheduleRequest {
        var request = try parseCommon(body, accepted: updateKeys)
        request.scheduleIDs = try ids(body)
        return request
    }

    /// Parses a delete body: 1 to 100 `schedule_ids`.
    public static func parseDelete(_ body: JSONObject) throws(EngineError) -> [String] {
        for key in body.keys where key != "schedule_ids" {
            throw EngineError(.invalidInput, "\(key): unknown key (accepted: schedule_ids)")
        }
        return try ids(body)
    }

    private static func ids(_ body: JSONObject) throws(EngineError) -> [String] {
        guard case .array(let values)? = body["schedule_ids"], (1...Schedule.batchLimit).contains(values.count),
            values.allSatisfy({ $0.stringValue?.isEmpty == false })
        else {
            throw EngineError(
                .invalidInput,
                "schedule_ids: expected an array of 1 to \(Schedule.batchLimit) schedule ids, found "
                    + (body["schedule_ids"]?.arrayValue.map { "\($0.count) entries" } ?? found(body["schedule_ids"])))
        }
        return values.compactMap(\.stringValue)
    }

    static func parseCommon(_ body: JSONObject, accepted: [String]) throws(EngineError) -> ScheduleRequest {
        for key in body.keys where !accepted.contains(key) {
            throw EngineError(
                .invalidInput, "\(key): unknown key (accepted: \(accepted.joined(separator: ", ")))")
        }
        var request = ScheduleRequest(recipients: [], scheduleIDs: [])
        if let repeats = body["repeats"], repeats != .null {
            guard case .array(let rules) = repeats else {
                throw EngineError(
                    .invalidInput, "repeats: expected an array of repeat rules, found \(repeats.typeName)")
            }
            request.repeats = try rules.enumerated().map { index, rule throws(EngineError) in
                try WindowRule.parse(rule, path: "repeats[\(index)]")
            }
        }
        switch body["data"] {
        case nil: break
        case .null?: request.data = JSONObject()
        case .object(let data)?: request.data = data
        case let other?: throw EngineError(.invalidInput, "data: expected an object, found \(other.typeName)")
        }
        switch body["tenant"] {
        case nil, .null?: break
        case .string(let tenant)?: request.tenant = tenant
        case .object(let tenant)?:
            guard let id = tenant["id"]?.stringValue else {
                throw EngineError(.invalidInput, "tenant.id: expected a string")
            }
            request.tenant = id
        case let other?: throw EngineError(.invalidInput, "tenant: expected a tenant id, found \(other.typeName)")
        }
        if let actor = body["actor"], actor != .null {
            request.actor = try RecipientIdentifier.parse(actor, path: "actor")
        }
        (request.scheduledAt, request.clearsScheduledAt) = try date(body, "scheduled_at")
        (request.endingAt, request.clearsEndingAt) = try date(body, "ending_at")
        return request
    }

    private static func date(_ body: JSONObject, _ key: String) throws(EngineError) -> (Date?, Bool) {
        switch body[key] {
        case nil: return (nil, false)
        case .null?: return (nil, true)
        case .string(let text)?:
            guard let date = ConditionTimestamp.date(text) else {
                throw EngineError(
                    .invalidInput, "\(key): expected an ISO-8601 UTC time such as 2024-01-02T10:00:00Z, found '\(text)'"
                )
            }
            return (date, false)
        case let other?:
            throw EngineError(.invalidInput, "\(key): expected an ISO-8601 UTC time string, found \(other.typeName)")
        }
    }

    static func found(_ value: JSONValue?) -> String {
        value.map { $0.stringValue.map { "'\($0)'" } ?? $0.typeName } ?? "nothing"
    }
}
