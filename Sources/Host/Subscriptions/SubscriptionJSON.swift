internal import Engine
internal import Providers

/// Knock's `Subscription` JSON, with the object and the recipient as full `Object` / `User` JSON.
enum SubscriptionJSON {
    /// The subscriptions in Knock's shape, in order, their objects and recipients read in one store call.
    ///
    /// `{"__typename": "Subscription", "object": {…Object…}, "recipient": {…User or Object…},
    /// "properties": {…}, "inserted_at", "updated_at"}`. A recipient missing from the store (deleted while
    /// this answer was built) shows as `{"__typename", "id"[, "collection"]}`.
    static func entries(_ subscriptions: [Subscription], store: any RecipientStore, environment: String)
        async throws -> [JSONValue]
    {
        let references = Array(Set(subscriptions.flatMap { [$0.object, $0.recipient] }))
        let records = try await store.recipients(references, environment: environment)
        func json(_ reference: RecipientReference) -> JSONValue {
            if let record = records[reference] { return record.json }
            var stub = JSONObject()
            stub["__typename"] = reference.collection == nil ? "User" : "Object"
            stub["id"] = .string(reference.id)
            if let collection = reference.collection { stub["collection"] = .string(collection) }
            return .object(stub)
        }
        return subscriptions.map { subscription in
            [
                "__typename": "Subscription", "object": json(subscription.object),
                "recipient": json(subscription.recipient), "properties": .object(subscription.properties),
                "inserted_at": .string(ISO8601Timestamp.string(from: subscription.insertedAt)),
                "updated_at": .string(ISO8601Timestamp.string(from: subscription.updatedAt)),
            ]
        }
    }
}
