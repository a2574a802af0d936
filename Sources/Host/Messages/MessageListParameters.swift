public import Engine
internal import HTTPServer
internal import Providers

/// Reads the query parameters of Knock's message listings (`GET /v1/messages`, a user's or an object's
/// messages) and of the in-app feed into a ``MessageQuery``.
///
/// Array parameters may be sent as `status[]=sent&status[]=queued` or `status=sent&status=queued`.
/// Unknown values are refused naming the parameter and the accepted values. `workflow_categories` is
/// read by ``workflowCategories(_:)`` and resolved to workflow keys by the routes, which know the
/// workflows.
public enum MessageListParameters {
    /// The delivery statuses `status[]` accepts, in Knock's order.
    static let statusNames = [
        "queued", "sent", "delivered", "delivery_attempted", "undelivered", "not_sent", "bounced",
    ]
    /// The most ids `message_ids[]` may list (Knock's limit).
    public static let maximumMessageIDs = 50

    /// The query of a message listing.
    ///
    /// - Parameters:
    ///   - request: The request, for its query parameters.
    ///   - environment: The key's environment.
    ///   - recipient: The recipient the path names (`user_id`, or `collection/id` for objects), if any.
    /// - Returns: The query.
    /// - Throws: ``HostError`` 422 `invalid_params` naming the parameter.
    public static func listing(
        _ request: APIRequest, environment: String, recipient: String? = nil
    ) throws(HostError) -> MessageQuery {
        var query = try common(request, environment: environment, recipient: recipient)
        let statuses = values(request, "status")
        if !statuses.isEmpty {
            var set: Set<DeliveryStatus> = []
            for name in statuses {
                guard let status = DeliveryStatus(rawValue: name) else {
                    throw HostError.invalidParams(
                        "status: expected any of \(statusNames.joined(separator: ", ")), found \"\(name.prefix(64))\"")
                }
                set.insert(status)
            }
            query.statuses = set
        }
        let engagement = values(request, "engagement_status")
        if !engagement.isEmpty {
            var set: Set<EngagementFilter> = []
            for name in engagement {
                guard let filter = EngagementFilter(rawValue: name) else {
                    let accepted = EngagementFilter.allCases.map(\.rawValue).joined(separator: ", ")
                    throw HostError.invalidParams(
                        "engagement_status: expected any of \(accepted), found \"\(name.prefix(64))\"")
                }
                set.insert(filter)
            }
            query.engagement = set
        }
        query.workflowRunID = try text(request, "workflow_run_id")
        query.workflowRecipientRunID = try text(request, "workflow_recipient_run_id")
        let ids = values(request, "message_ids")
        if !ids.isEmpty {
            guard ids.count <= maximumMessageIDs else {
                throw HostError.invalidParams(
                    "message_ids: expected at most \(maximumMessageIDs) ids, found \(ids.count)")
            }
            for (index, id) in ids.enumerated() {
                try APIRequest.validateIdentifier(id, field: "message_ids[\(index)]")
            }
            query.messageIDs = ids
        }
        return query
    }

    /// The query of an in-app feed: `status`, `archived`, `has_tenant` and the shared filters.
    ///
    /// - Parameters:
    ///   - request: The request, for its query parameters.
    ///   - environment: The key's environment.
    ///   - recipient: The feed's user.
    ///   - channelID: The feed's channel.
    /// - Throws: ``HostError`` 422 `invalid_params` naming the parameter.
    public static func feed(
        _ request: APIRequest, environment: String, recipient: String, channelID: String
    ) throws(HostError) -> MessageQuery {
        var query = try common(request, environment: environment, recipient: recipient)
        query.channelID = channelID
        do {
            query.engagement = try EngagementFilter.feed(
                status: request.query("status"), archived: request.query("archived"))
        } catch {
            throw HostError(error)
        }
        if let text = request.query("has_tenant") {
            guard let value = Bool(text) else {
                throw HostError.invalidParams("has_tenant: expected true or false, found \"\(text.prefix(64))\"")
            }
            query.hasTenant = value
        }
        return query
    }

    /// The filters every listing shares: `channel_id`, `source`, `tenant`, `trigger_data`, `inserted_at.*`.
    private static func common(
        _ request: APIRequest, environment: String, recipient: String?
    ) throws(HostError) -> MessageQuery {
        var query = MessageQuery(environment: environment, recipient: recipient)
        query.insertedAt = try insertedAt(request)
        query.channelID = try text(request, "channel_id")
        query.workflowKey = try text(request, "source")
        query.tenant = try text(request, "tenant")
        if let text = request.query("trigger_data") {
            let parsed: JSONValue
            do {
                parsed = try JSONValue.parse(Array(text.utf8), maximumDepth: request.maxJSONDepth)
            } catch {
                throw HostError.invalidParams("trigger_data: expected a JSON object, found text that is not JSON")
            }
            guard case .object(let object) = parsed else {
                throw HostError.invalidParams(
                    "trigger_data: expected a JSON object, found \(JSONKind.describe(parsed))")
            }
            query.triggerData = object
        }
        return query
    }

    /// Every value of an array parameter, in either spelling.
    static func values(_ request: APIRequest, _ name: String) -> [String] {
        request.http.query.filter { $0.name == name || $0.name == name + "[]" }.map(\.value)
    }

    /// A single text filter: `nil` when absent; refused when empty or over 256 characters.
    static func text(_ request: APIRequest, _ name: String) throws(HostError) -> String? {
        guard let value = request.query(name) else { return nil }
        guard !value.isEmpty, value.count <= 256 else {
            throw HostError.invalidParams("\(name): expected 1 to 256 characters, found \(value.count)")
        }
        return value
    }
}
