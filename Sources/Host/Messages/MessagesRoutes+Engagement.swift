internal import Engine
internal import HTTPServer
internal import Providers

extension MessagesRoutes {
    /// The most ids one batch request may change.
    public static let maximumBatchSize = 1000

    /// The single-message engagement routes: the method, the path's last segment and the change.
    static let singleChanges: [(method: String, segment: String, change: EngagementChange)] = [
        ("PUT", "seen", .seen), ("DELETE", "seen", .unseen), ("DELETE", "unseen", .unseen),
        ("PUT", "read", .read), ("DELETE", "read", .unread), ("DELETE", "unread", .unread),
        ("PUT", "interacted", .interacted),
        ("PUT", "archived", .archived), ("DELETE", "archived", .unarchived), ("DELETE", "unarchived", .unarchived),
    ]

    /// The batch changes, each at `POST /v1/messages/batch/<name>`.
    static let batchChanges: [EngagementChange] = [.seen, .unseen, .read, .unread, .interacted, .archived, .unarchived]

    func registerEngagement(in routes: inout RouteTable) {
        let group = self
        for (method, segment, change) in Self.singleChanges {
            routes.add(method, "/v1/messages/:message_id/\(segment)") { request in
                let environment = try request.requireEnvironment()
                let id = try request.identifier("message_id")
                if change == .interacted, !request.http.body.isEmpty {
                    _ = try Self.metadata(in: request.jsonObjectBody())
                }
                let updated = try await group.pipeline.updateEngagement(
                    messageIDs: [id], environment: environment, change)
                return .json(updated.first?.knockJSON ?? .null)
            }
        }
        for change in Self.batchChanges {
            routes.add("POST", "/v1/messages/batch/\(change.rawValue)") { request in
                let environment = try request.requireEnvironment()
                let body = try request.jsonObjectBody()
                let ids = try Self.messageIDs(in: body)
                if change == .interacted { _ = try Self.metadata(in: body) }
                let updated = try await group.pipeline.updateEngagement(
                    messageIDs: ids, environment: environment, change)
                return .json(.array(updated.map(\.knockJSON)))
            }
        }
        routes.add("POST", "/v1/messages/:message_id/retry") { request in
            let message = try await group.message(request)
            return .json(try await group.pipeline.retry(messageID: message.id).knockJSON)
        }
    }

    /// The `message_ids` of a batch body: a non-empty array of at most ``maximumBatchSize`` message ids.
    ///
    /// - Throws: ``HostError`` 422 naming the JSON path (`message_ids`, `message_ids[2]`).
    static func messageIDs(in body: JSONObject) throws(HostError) -> [String] {
        guard let value = body["message_ids"] else {
            throw HostError.invalidParams("message_ids: required; expected an array of message ids")
        }
        guard case .array(let items) = value else {
            throw HostError.invalidParams(
                "message_ids: expected an array of message ids, found \(JSONKind.describe(value))")
        }
        guard (1...maximumBatchSize).contains(items.count) else {
            throw HostError.invalidParams(
                "message_ids: expected 1 to \(maximumBatchSize) message ids, found \(items.count)")
        }
        var ids: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let id) = item else {
                throw HostError.invalidParams(
                    "message_ids[\(index)]: expected a message id string, found \(JSONKind.describe(item))")
            }
            try APIRequest.validateIdentifier(id, field: "message_ids[\(index)]")
            ids.append(id)
        }
        return ids
    }

    /// The optional `metadata` of an interaction: an object or `null`. The host checks it but does not keep it.
    ///
    /// - Throws: ``HostError`` 422 naming `metadata`.
    static func metadata(in body: JSONObject) throws(HostError) -> JSONObject? {
        switch body["metadata"] {
        case nil, .null?: return nil
        case .object(let object)?: return object
        case let other?:
            throw HostError.invalidParams("metadata: expected a JSON object, found \(JSONKind.describe(other))")
        }
    }
}
