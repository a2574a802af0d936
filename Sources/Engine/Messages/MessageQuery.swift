public import Providers

/// Which messages a listing returns (Knock's `GET /v1/messages` and feed filters).
///
/// Only notification messages (``MessageRecord/Kind/notification``) of ``environment`` are ever
/// listed. Every filter that is set must hold: ``statuses`` matches any one of its statuses, every
/// member of ``engagement`` must hold, and every key of ``triggerData`` must equal the message's
/// trigger data value at that key (compared as JSON).
public struct MessageQuery: Sendable, Hashable {
    /// The environment.
    public var environment: String
    /// Only messages to this recipient (a user id, or `collection/id` for objects).
    public var recipient: String?
    /// Only messages on this channel.
    public var channelID: String?
    /// Only messages in one of these delivery statuses.
    public var statuses: Set<DeliveryStatus>?
    /// Only messages for which every one of these holds.
    public var engagement: Set<EngagementFilter>?
    /// Only messages produced by this workflow (Knock's `source`).
    public var workflowKey: String?
    /// Only messages of runs triggered for this tenant.
    public var tenant: String?
    /// Only messages with (`true`) or without (`false`) a tenant (the feed's `has_tenant`).
    public var hasTenant: Bool?
    /// Only messages of this workflow run.
    public var workflowRunID: String?
    /// Only messages of this recipient run.
    public var workflowRecipientRunID: String?
    /// Only these messages.
    public var messageIDs: [String]?
    /// Only messages whose trigger data has these values at these top-level keys.
    public var triggerData: JSONObject?
    /// Only messages produced by one of these workflows (the host resolves Knock's
    /// `workflow_categories` to the keys of the workflows in those categories). Empty lists nothing.
    public var workflowKeys: [String]?
    /// Only messages created (Knock's `inserted_at`) within these bounds.
    public var insertedAt: DateBounds?

    /// Creates a query; every filter is off unless given.
    public init(
        environment: String, recipient: String? = nil, channelID: String? = nil,
        statuses: Set<DeliveryStatus>? = nil, engagement: Set<EngagementFilter>? = nil,
        workflowKey: String? = nil, tenant: String? = nil, hasTenant: Bool? = nil, workflowRunID: String? = nil,
        workflowRecipientRunID: String? = nil, messageIDs: [String]? = nil, triggerData: JSONObject? = nil,
        workflowKeys: [String]? = nil, insertedAt: DateBounds? = nil
    ) {
        self.environment = environment
        self.recipient = recipient
        self.channelID = channelID
        self.statuses = statuses
        self.engagement = engagement
        self.workflowKey = workflowKey
        self.tenant = tenant
        self.hasTenant = hasTenant
        self.workflowRunID = workflowRunID
        self.workflowRecipientRunID = workflowRecipientRunID
        self.messageIDs = messageIDs
        self.triggerData = triggerData
        self.workflowKeys = workflowKeys
        self.insertedAt = insertedAt
    }

    /// Whether a message is listed by this query (the reference semantics every store implements).
    public func matches(_ message: MessageRecord) -> Bool {
        guard message.kind == .notification, message.environment == environment else { return false }
        if let recipient, message.recipient.id != recipient { return false }
        if let channelID, message.channelID != channelID { return false }
        if let statuses, !statuses.contains(message.status) { return false }
        if let engagement, !engagement.allSatisfy({ $0.matches(message.engagement) }) { return false }
        if let workflowKey, message.workflow?.key != workflowKey { return false }
        if let tenant, message.tenant != tenant { return false }
        if let hasTenant, (message.tenant != nil) != hasTenant { return false }
        if let workflowRunID, message.workflow?.runID != workflowRunID { return false }
        if let workflowRecipientRunID, message.workflow?.recipientRunID != workflowRecipientRunID { return false }
        if let messageIDs, !messageIDs.contains(message.id) { return false }
        if let workflowKeys, !workflowKeys.contains(where: { $0 == message.workflow?.key }) { return false }
        if let insertedAt, !insertedAt.contains(message.createdAt) { return false }
        if let triggerData {
            let data = message.data ?? JSONObject()
            for (key, value) in triggerData where data[key] != value { return false }
        }
        return true
    }
}

/// An engagement condition of a listing (Knock's `engagement_status` values and the feed's `status`
/// and `archived` parameters).
public enum EngagementFilter: String, Sendable, Hashable, CaseIterable {
    case seen, unseen, read, unread, archived, unarchived, interacted
    case linkClicked = "link_clicked"

    /// Whether a message with this engagement matches.
    public func matches(_ engagement: Engagement) -> Bool {
        switch self {
        case .seen: engagement.seenAt != nil
        case .unseen: engagement.seenAt == nil
        case .read: engagement.readAt != nil
        case .unread: engagement.readAt == nil
        case .archived: engagement.archivedAt != nil
        case .unarchived: engagement.archivedAt == nil
        case .interacted: engagement.interactedAt != nil
        case .linkClicked: engagement.linkClickedAt != nil
        }
    }

    /// The filters for Knock's feed parameters: `status` (`unread`, `read`, `unseen`, `seen`, `all`;
    /// default `all`) and `archived` (`exclude`, `include`, `only`; default `exclude`).
    ///
    /// - Parameters:
    ///   - status: The `status` parameter, if given.
    ///   - archived: The `archived` parameter, if given.
    /// - Returns: The filters; empty for `status=all&archived=include`.
    /// - Throws: ``EngineError/Code/invalidInput`` naming the parameter and the accepted values.
    public static func feed(status: String?, archived: String?) throws(EngineError) -> Set<EngagementFilter> {
        var filters: Set<EngagementFilter> = []
        switch status ?? "all" {
        case "all": break
        case let name where ["unread", "read", "unseen", "seen"].contains(name):
            filters.insert(EngagementFilter(rawValue: name)!)
        case let other:
            throw EngineError(
                .invalidInput, "status: expected one of unread, read, unseen, seen, all, found \"\(other)\"")
        }
        switch archived ?? "exclude" {
        case "exclude": filters.insert(.unarchived)
        case "include": break
        case "only": filters.insert(.archived)
        case let other:
            throw EngineError(.invalidInput, "archived: expected one of exclude, include, only, found \"\(other)\"")
        }
        return filters
    }
}
