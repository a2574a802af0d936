extension DeliveryStatus {
    /// Whether the status is final: nothing the pipeline does moves a message out of it, except a
    /// manual retry of an `undelivered` message (see ``canTransition(to:cause:)``).
    public var isFinal: Bool {
        switch self {
        case .delivered, .undelivered, .bounced, .notSent: true
        case .queued, .sent, .deliveryAttempted: false
        }
    }

    /// The rank used by message status conditions (Knock's hierarchy, lowest first):
    /// undelivered < bounced < delivery_attempted < queued < not_sent < sent < delivered.
    ///
    /// This is for comparisons in conditions only; it is not the order statuses happen in.
    public var conditionRank: Int {
        switch self {
        case .undelivered: 1
        case .bounced: 2
        case .deliveryAttempted: 3
        case .queued: 4
        case .notSent: 5
        case .sent: 6
        case .delivered: 7
        }
    }

    /// What caused a status change; some transitions are allowed only for some causes.
    public enum TransitionCause: String, Sendable, Hashable {
        /// The pipeline's own work: an attempt, a retry decision, sandbox, a send window.
        case pipeline
        /// A provider's status callback.
        case providerCallback
        /// A person or API call re-queueing an undelivered message.
        case manualRetry
    }

    /// Whether a message may move from this status to `next`.
    ///
    /// The rules:
    /// - `queued` → `sent`, `delivered`, `delivery_attempted`, `undelivered`, `bounced`, `not_sent`
    ///   (the pipeline, after an attempt or a sandbox decision);
    /// - `delivery_attempted` → the same, except `not_sent` (it was attempted);
    /// - `sent` → `delivered`, `undelivered`, `bounced`, only from a provider callback;
    /// - `delivered` → `bounced`, only from a provider callback (a late bounce after a delivery
    ///   confirmation, as SES and Postmark can report); nothing else leaves `delivered`;
    /// - `undelivered` → `queued`, only by a manual retry; `bounced` and `not_sent` are final.
    ///
    /// So late or out-of-order callbacks never move a message backwards: a `delivered` callback after
    /// `bounced` is refused, and so is any callback for a message still `queued` or already `undelivered`.
    public func canTransition(to next: DeliveryStatus, cause: TransitionCause) -> Bool {
        switch (self, cause) {
        case (.queued, .pipeline):
            return next != .queued
        case (.deliveryAttempted, .pipeline):
            return next != .queued && next != .notSent
        case (.sent, .providerCallback):
            return [.delivered, .undelivered, .bounced].contains(next)
        case (.delivered, .providerCallback):
            return next == .bounced
        case (.undelivered, .manualRetry):
            return next == .queued
        default:
            return false
        }
    }
}
