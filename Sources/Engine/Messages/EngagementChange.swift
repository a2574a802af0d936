public import Foundation

/// A change to messages' engagement, as the messages API makes them (`PUT`/`DELETE
/// /v1/messages/{id}/seen`, the batch endpoints, the feed client).
///
/// Setting a status records its time; clearing it removes the time. Statuses are independent: marking
/// a message read does not mark it seen. A change that finds the status already as requested changes
/// nothing (the first time stays, no event is added).
public enum EngagementChange: String, Sendable, Hashable, CaseIterable {
    case seen, unseen, read, unread, interacted
    case linkClicked = "link_clicked"
    case archived, unarchived

    /// The engagement status it sets or clears.
    public var status: EngagementStatus {
        switch self {
        case .seen, .unseen: .seen
        case .read, .unread: .read
        case .interacted: .interacted
        case .linkClicked: .linkClicked
        case .archived, .unarchived: .archived
        }
    }

    /// Whether it sets (rather than clears) ``status``.
    public var sets: Bool {
        switch self {
        case .seen, .read, .interacted, .linkClicked, .archived: true
        case .unseen, .unread, .unarchived: false
        }
    }

    /// The timeline and status webhook event: `message.seen`, `message.unseen`, ….
    public var eventKind: MessageEvent.Kind {
        sets ? .engagement(status) : MessageEvent.Kind.engagementCleared(status) ?? .engagement(status)
    }

    /// Applies the change to an engagement at `date`.
    ///
    /// - Returns: Whether anything changed.
    public func apply(to engagement: inout Engagement, at date: Date) -> Bool {
        let isSet = engagement[status] != nil
        guard isSet != sets else { return false }
        engagement[status] = sets ? date : nil
        return true
    }
}
