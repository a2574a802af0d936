public import Providers

extension ScheduleRequest {
    /// The keys one entry of a bulk create body accepts: a create body's, with one `recipient`.
    public static let bulkEntryKeys = [
        "workflow", "recipient", "repeats", "data", "tenant", "actor", "scheduled_at", "ending_at",
    ]

    /// Parses a bulk create body (`POST /v1/schedules/bulk/create`): `schedules`, 1 to
    /// ``Schedule/bulkLimit`` entries, each a create body with a single `recipient` (which may be inline).
    ///
    /// - Returns: One request per entry, each with exactly one recipient.
    /// - Throws: ``EngineError/Code/invalidInput`` naming the entry, as in
    ///   `schedules[2].repeats[0].frequency: …`.
    public static func parseBulkCreate(_ body: JSONObject) throws(EngineError) -> [ScheduleRequest] {
        for key in body.keys where key != "schedules" {
            throw EngineError(.invalidInput, "\(key): unknown key (accepted: schedules)")
        }
        guard case .array(let entries)? = body["schedules"], (1...Schedule.bulkLimit).contains(entries.count) else {
            throw EngineError(
                .invalidInput,
                "schedules: expected an array of 1 to \(Schedule.bulkLimit) schedules, found "
                    + (body["schedules"]?.arrayValue.map { "\($0.count) entries" } ?? found(body["schedules"])))
        }
        return try entries.enumerated().map { index, entry throws(EngineError) in
            let path = "schedules[\(index)]"
            guard case .object(let fields) = entry else {
                throw EngineError(.invalidInput, "\(path): expected a schedule object, found \(entry.typeName)")
            }
            do throws(EngineError) {
                return try parseBulkEntry(fields)
            } catch {
                throw EngineError(error.code, "\(path).\(error.message)")
            }
        }
    }

    private static func parseBulkEntry(_ fields: JSONObject) throws(EngineError) -> ScheduleRequest {
        var request = try parseCommon(fields, accepted: bulkEntryKeys)
        request.workflowKey = try workflow(fields)
        guard let recipient = fields["recipient"], recipient != .null else {
            throw EngineError(.invalidInput, "recipient: required; a user id or a recipient to identify inline")
        }
        request.recipients = [try RecipientIdentifier.parse(recipient, path: "recipient")]
        try requireTiming(request)
        return request
    }
}
