/// A message status variable, `refs.<step_ref>.delivery_status` or `refs.<step_ref>.engagement_status`.
struct MessageStatusVariable: Hashable {
    /// Which status the variable reads.
    enum Kind: String {
        case delivery = "delivery_status"
        case engagement = "engagement_status"

        /// The operators allowed: hierarchical comparisons for delivery, inclusion for engagement.
        var operators: [ConditionOperator] {
            switch self {
            case .delivery:
                [.equalTo, .notEqualTo, .greaterThan, .greaterThanOrEqualTo, .lessThan, .lessThanOrEqualTo]
            case .engagement:
                [.contains, .notContains]
            }
        }

        /// The `$message.<case>` names allowed as the argument.
        var arguments: [String] {
            switch self {
            case .delivery: MessageStatusRank.table.map(\.name)
            case .engagement:
                EngagementStatus.allCases.map(\.rawValue) + [Self.seenNotRead, Self.readNotLinkClicked]
            }
        }

        static let seenNotRead = "seen_not_read"
        static let readNotLinkClicked = "read_not_link_clicked"
    }

    /// The step ref.
    var ref: String
    /// Which status.
    var kind: Kind

    /// Reads a variable; `nil` unless it has exactly the shape `refs.<ref>.<kind>`.
    init?(_ variable: String) {
        let parts = variable.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "refs", !parts[1].isEmpty, let kind = Kind(rawValue: String(parts[2]))
        else { return nil }
        self.ref = String(parts[1])
        self.kind = kind
    }
}
