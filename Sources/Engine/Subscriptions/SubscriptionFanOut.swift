public import Providers

/// Who a trigger runs for once object recipients fan out to their subscribers (Knock's subscription
/// fan-out).
///
/// The rules:
/// - every listed recipient runs, objects included, with no subscription properties;
/// - a listed object's subscribers run too, and a subscriber that is itself an object fans out once more
///   (parent → child → subscriber, at most two levels: subscribers of an object reached at the second
///   level are not reached);
/// - each recipient runs once: a listed recipient keeps its listed run, otherwise the first path in this
///   order wins (and gives the run its subscription properties): breadth first — every subscriber of the
///   listed objects (objects in listed order, each object's subscribers in subscription order, oldest
///   first), then the subscribers of the objects reached that way, in the same order;
/// - the actor is never added by the fan-out (it still runs when listed), and its own subscribers are not
///   reached through it.
public struct SubscriptionFanOut: Sendable {
    /// One recipient to run for.
    public struct Target: Sendable, Hashable {
        /// The recipient.
        public var recipient: RecipientReference
        /// The properties of the subscription it was reached through, or `nil` when it was listed.
        public var subscription: JSONObject?

        /// Creates a target.
        public init(recipient: RecipientReference, subscription: JSONObject? = nil) {
            self.recipient = recipient
            self.subscription = subscription
        }
    }

    /// How many levels of subscribers are reached below a listed object.
    public static let maximumDepth = 2

    /// Where subscriptions are read.
    public var store: any SubscriptionStore
    /// The most targets allowed (``SubscriptionLimits/maximumRunsPerTrigger`` by default).
    public var limit: Int

    /// Creates a fan-out over a store.
    public init(store: any SubscriptionStore, limit: Int = SubscriptionLimits.maximumRunsPerTrigger) {
        self.store = store
        self.limit = limit
    }

    /// The recipients a trigger runs for, in run order: the listed ones, then the subscribers reached.
    ///
    /// - Parameters:
    ///   - listed: The trigger's recipients, de-duplicated, in order.
    ///   - actor: The trigger's actor, if any.
    ///   - environment: The environment.
    /// - Returns: One target per recipient.
    /// - Throws: ``EngineError/Code/invalidInput`` naming `$.recipients` when more than ``limit`` recipients
    ///   would run; the store's errors.
    public func targets(listed: [RecipientReference], actor: RecipientReference?, environment: String)
        async throws -> [Target]
    {
        var targets = listed.map { Target(recipient: $0) }
        var seen = Set(listed)
        var level = listed.filter { $0.collection != nil }
        for depth in 1...Self.maximumDepth {
            var next: [RecipientReference] = []
            for object in level {
                var page = PageRequest(size: SubscriptionLimits.fanOutPageSize)
                repeat {
                    let result = try await store.subscriptions(
                        SubscriptionQuery(environment: environment, side: .object(object)), page: page)
                    for subscription in result.entries
                    where subscription.recipient != actor && seen.insert(subscription.recipient).inserted {
                        targets.append(Target(recipient: subscription.recipient, subscription: subscription.properties))
                        if subscription.recipient.collection != nil, depth < Self.maximumDepth {
                            next.append(subscription.recipient)
                        }
                    }
                    guard targets.count <= limit else {
                        throw EngineError(
                            .invalidInput,
                            "$.recipients: the trigger would run for more than \(limit) recipients once objects fan "
                                + "out to their subscribers (\(object) has too many); trigger smaller groups")
                    }
                    page.after = result.after
                } while page.after != nil
            }
            level = next
        }
        return targets
    }
}
