public import Engine
public import Foundation
public import Providers

/// A fixed set of messages covering every listing filter, shared by the in-memory and SQLite stores' tests.
///
/// Listed newest first, the production notifications are msg_8, msg_5 (same time; higher id first),
/// msg_4, msg_3, msg_2, msg_1; msg_6 is a status event and msg_7 is in staging.
public enum ListingSamples {
    /// The creation time of the first sample.
    public static let start = Date(timeIntervalSince1970: 1_780_300_800)

    /// One sample message, created `seconds` after ``start``.
    public static func record(
        _ number: Int, recipient: String = "user-1", channel: String = "feed", seconds: Int,
        status: DeliveryStatus = .delivered, engagement: Engagement = Engagement(), workflow: WorkflowReference? = nil,
        tenant: String? = nil, data: JSONObject? = nil, kind: MessageRecord.Kind = .notification,
        environment: String = "production"
    ) -> MessageRecord {
        let created = start.addingTimeInterval(TimeInterval(seconds))
        let content: OutboundMessage.Content =
            channel == "feed"
            ? .inAppFeed(InAppFeedContent(markdownBody: "Item \(number)"))
            : .email(EmailContent(subject: "Item \(number)", text: "Hello"))
        return MessageRecord(
            id: "msg_\(number)", environment: environment, channelID: channel,
            provider: channel == "feed" ? "in_app_feed" : "postmark", channelType: content.channelType, kind: kind,
            workflow: workflow, tenant: tenant, data: data, recipient: Recipient(id: recipient), content: content,
            status: status, engagement: engagement, nextAttemptAt: nil, createdAt: created, updatedAt: created)
    }

    /// Every sample.
    public static var all: [MessageRecord] {
        let at = { (seconds: Int) in start.addingTimeInterval(TimeInterval(seconds)) }
        return [
            record(
                1, seconds: 0, workflow: WorkflowReference(key: "welcome", runID: "run_1", recipientRunID: "rr_1"),
                tenant: "acme", data: ["plan": "pro", "n": 1]),
            record(
                2, seconds: 1, engagement: Engagement(seenAt: at(100)), workflow: WorkflowReference(key: "digest"),
                data: ["plan": "free"]),
            record(
                3, recipient: "user-2", seconds: 2, engagement: Engagement(seenAt: at(100), readAt: at(101)),
                workflow: WorkflowReference(key: "welcome", runID: "run_2", recipientRunID: "rr_2"), tenant: "acme"),
            record(
                4, channel: "email", seconds: 3, status: .sent,
                workflow: WorkflowReference(key: "welcome", runID: "run_1", recipientRunID: "rr_3")),
            record(5, seconds: 4, engagement: Engagement(seenAt: at(100), archivedAt: at(102))),
            record(6, seconds: 5, kind: .statusEvent),
            record(7, seconds: 6, environment: "staging"),
            record(8, seconds: 4, status: .queued, data: ["plan": "pro", "nested": ["a": [1, 2]]]),
        ]
    }

    /// Queries and the ids they list, newest first.
    public static let expectations: [(MessageQuery, [String])] = {
        func query(_ build: (inout MessageQuery) -> Void) -> MessageQuery {
            var query = MessageQuery(environment: "production")
            build(&query)
            return query
        }
        func ids(_ numbers: Int...) -> [String] { numbers.map { "msg_\($0)" } }
        return [
            (query { _ in }, ids(8, 5, 4, 3, 2, 1)),
            (MessageQuery(environment: "staging"), ids(7)),
            (query { $0.recipient = "user-1" }, ids(8, 5, 4, 2, 1)),
            (
                query {
                    $0.recipient = "user-1"; $0.channelID = "feed"
                }, ids(8, 5, 2, 1)
            ),
            (query { $0.statuses = [.sent] }, ids(4)),
            (query { $0.statuses = [.delivered, .sent] }, ids(5, 4, 3, 2, 1)),
            (query { $0.engagement = [.unseen] }, ids(8, 4, 1)),
            (query { $0.engagement = [.seen, .unread] }, ids(5, 2)),
            (query { $0.engagement = [.archived] }, ids(5)),
            (query { $0.engagement = [.read, .unarchived] }, ids(3)),
            (query { $0.engagement = [.interacted] }, []),
            (query { $0.workflowKey = "welcome" }, ids(4, 3, 1)),
            (query { $0.tenant = "acme" }, ids(3, 1)),
            (query { $0.hasTenant = false }, ids(8, 5, 4, 2)),
            (query { $0.hasTenant = true }, ids(3, 1)),
            (query { $0.workflowRunID = "run_1" }, ids(4, 1)),
            (query { $0.workflowRecipientRunID = "rr_1" }, ids(1)),
            (query { $0.messageIDs = ["msg_1", "msg_5", "msg_6", "msg_7", "msg_x"] }, ids(5, 1)),
            (query { $0.triggerData = ["plan": "pro"] }, ids(8, 1)),
            (query { $0.triggerData = ["plan": "pro", "n": 1] }, ids(1)),
            (query { $0.triggerData = ["n": "1"] }, []),
            (query { $0.triggerData = ["nested": ["a": [1, 2]]] }, ids(8)),
            (query { $0.triggerData = ["nested": ["a": [2, 1]]] }, []),
            (query { $0.workflowKeys = ["welcome"] }, ids(4, 3, 1)),
            (query { $0.workflowKeys = ["digest", "welcome"] }, ids(4, 3, 2, 1)),
            (query { $0.workflowKeys = [] }, []),
            (query { $0.insertedAt = DateBounds(after: start.addingTimeInterval(3)) }, ids(8, 5)),
            (query { $0.insertedAt = DateBounds(atOrAfter: start.addingTimeInterval(3)) }, ids(8, 5, 4)),
            (query { $0.insertedAt = DateBounds(before: start.addingTimeInterval(1)) }, ids(1)),
            (
                query {
                    $0.insertedAt = DateBounds(
                        atOrAfter: start.addingTimeInterval(1), atOrBefore: start.addingTimeInterval(2))
                }, ids(3, 2)
            ),
        ]
    }()
}
