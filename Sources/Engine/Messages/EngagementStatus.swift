public import Foundation

/// How the recipient has engaged with a message; a message may have several at once.
public enum EngagementStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case seen
    case read
    case interacted
    case linkClicked = "link_clicked"
    case archived
}

/// When each engagement status was set; `nil` where it is not (or no longer) set.
public struct Engagement: Sendable, Hashable {
    public var seenAt: Date?
    public var readAt: Date?
    public var interactedAt: Date?
    public var linkClickedAt: Date?
    public var archivedAt: Date?

    /// No engagement.
    public init(
        seenAt: Date? = nil, readAt: Date? = nil, interactedAt: Date? = nil, linkClickedAt: Date? = nil,
        archivedAt: Date? = nil
    ) {
        self.seenAt = seenAt
        self.readAt = readAt
        self.interactedAt = interactedAt
        self.linkClickedAt = linkClickedAt
        self.archivedAt = archivedAt
    }

    /// The statuses currently set.
    public var statuses: Set<EngagementStatus> {
        var set: Set<EngagementStatus> = []
        if seenAt != nil { set.insert(.seen) }
        if readAt != nil { set.insert(.read) }
        if interactedAt != nil { set.insert(.interacted) }
        if linkClickedAt != nil { set.insert(.linkClicked) }
        if archivedAt != nil { set.insert(.archived) }
        return set
    }

    /// The time a status was set, if it is.
    public subscript(status: EngagementStatus) -> Date? {
        get {
            switch status {
            case .seen: seenAt
            case .read: readAt
            case .interacted: interactedAt
            case .linkClicked: linkClickedAt
            case .archived: archivedAt
            }
        }
        set {
            switch status {
            case .seen: seenAt = newValue
            case .read: readAt = newValue
            case .interacted: interactedAt = newValue
            case .linkClicked: linkClickedAt = newValue
            case .archived: archivedAt = newValue
            }
        }
    }
}
