/// The rank table message status conditions compare with, lowest first (Knock's combined hierarchy):
///
/// | rank | status |
/// |---|---|
/// | 0 | `skipped` (the step produced no message) |
/// | 1 | `undelivered` |
/// | 2 | `bounced` |
/// | 3 | `delivery_attempted` |
/// | 4 | `queued` |
/// | 5 | `not_sent` |
/// | 6 | `sent` |
/// | 7 | `delivered` |
/// | 8 | `seen` |
/// | 9 | `read` |
/// | 10 | `interacted`, `link_clicked` |
/// | 11 | `archived` |
///
/// The rank is for comparisons only; it is not the order statuses happen in.
public enum MessageStatusRank {
    /// The rank of a step that was skipped, or produced no message: below every status.
    public static let skipped = 0

    /// Every `$message.<name>` status with its rank, lowest first.
    public static let table: [(name: String, rank: Int)] = [
        ("skipped", skipped),
        ("undelivered", 1), ("bounced", 2), ("delivery_attempted", 3), ("queued", 4), ("not_sent", 5),
        ("sent", 6), ("delivered", 7), ("seen", 8), ("read", 9), ("interacted", 10), ("link_clicked", 10),
        ("archived", 11),
    ]

    /// The rank of a delivery status.
    public static func rank(of status: DeliveryStatus) -> Int {
        rank(named: status.rawValue) ?? skipped
    }

    /// The rank of an engagement status.
    public static func rank(of status: EngagementStatus) -> Int {
        rank(named: status.rawValue) ?? skipped
    }

    /// The rank of a status by its name (`sent`, `link_clicked`, `skipped`), or `nil` for an unknown name.
    public static func rank(named name: String) -> Int? {
        table.first { $0.name == name }?.rank
    }

    /// The name shown for a rank in traces: the first status with that rank.
    static func name(ofRank rank: Int) -> String {
        table.first { $0.rank == rank }?.name ?? "skipped"
    }
}
