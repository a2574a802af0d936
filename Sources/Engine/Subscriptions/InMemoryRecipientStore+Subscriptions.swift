public import Foundation

extension InMemoryRecipientStore {
    /// The key of a stored subscription.
    struct SubscriptionKey: Hashable {
        var environment: String
        var object: RecipientReference
        var recipient: RecipientReference
    }

    public func subscribe(
        _ changes: [SubscriptionChange], identifying upserts: [RecipientUpsert], environment: String, now: Date
    ) throws -> [Subscription] {
        try SubscriptionChange.validate(changes, identifying: upserts)
        let identified = Set(upserts.map(\.reference))
        for change in changes {
            for (reference, isObject) in [(change.object, true), (change.recipient, false)]
            where !identified.contains(reference) && recipient(reference, environment: environment) == nil {
                throw SubscriptionStoreErrors.missing(reference, environment: environment, isObject: isObject)
            }
        }
        _ = try upsert(upserts, environment: environment, now: now)
        return changes.map { change in
            let key = SubscriptionKey(environment: environment, object: change.object, recipient: change.recipient)
            var subscription: Subscription
            if let existing = subscriptionsByKey[key] {
                subscription = existing
            } else {
                lastSubscriptionSequence += 1
                subscription = Subscription(
                    object: change.object, recipient: change.recipient, insertedAt: now, updatedAt: now,
                    sequence: lastSubscriptionSequence)
            }
            subscription.properties = change.properties
            subscription.updatedAt = now
            subscriptionsByKey[key] = subscription
            return subscription
        }
    }

    public func unsubscribe(_ changes: [SubscriptionChange], environment: String) -> [Subscription] {
        changes.compactMap { change in
            subscriptionsByKey.removeValue(
                forKey: SubscriptionKey(environment: environment, object: change.object, recipient: change.recipient))
        }
    }

    public func subscriptions(_ query: SubscriptionQuery, page: PageRequest) throws -> Page<Subscription> {
        let all = subscriptionsByKey.filter { $0.key.environment == query.environment && query.matches($0.value) }
            .map(\.value)
            .sorted { query.isDescending ? $0.sequence > $1.sequence : $0.sequence < $1.sequence }
        return try Page(subscriptions: all, descending: query.isDescending, page: page)
    }

    /// Re-points a user's subscriptions at another user, except to objects the other already subscribes to
    /// (those are dropped with the merged user).
    func moveSubscriptions(from: RecipientReference, to: RecipientReference, environment: String) {
        for (key, subscription) in subscriptionsByKey where key.environment == environment && key.recipient == from {
            let target = SubscriptionKey(environment: environment, object: key.object, recipient: to)
            guard subscriptionsByKey[target] == nil else { continue }
            var moved = subscription
            moved.recipient = to
            subscriptionsByKey[target] = moved
            subscriptionsByKey[key] = nil
        }
    }
}
