public import Foundation
public import Providers

/// A subscription: a recipient (the subscriber, a user or an object) linked to an object, with
/// properties of its own (Knock's `Subscription`).
///
/// A trigger whose recipients include the object also runs the workflow for each of its subscribers
/// (see ``SubscriptionFanOut``); the subscriber's run sees the properties as `recipient.subscription`.
public struct Subscription: Sendable, Hashable {
    /// The object subscribed to.
    public var object: RecipientReference
    /// The subscriber.
    public var recipient: RecipientReference
    /// The subscription's own properties (`{}` when none were given).
    public var properties: JSONObject
    /// When the subscription was first created.
    public var insertedAt: Date
    /// When its properties were last set.
    public var updatedAt: Date
    /// The store's insertion counter: subscriptions of an object are listed and fanned out in this order.
    /// Updating a subscription keeps it.
    public var sequence: Int64

    /// Creates a subscription.
    public init(
        object: RecipientReference, recipient: RecipientReference, properties: JSONObject = JSONObject(),
        insertedAt: Date, updatedAt: Date, sequence: Int64
    ) {
        self.object = object
        self.recipient = recipient
        self.properties = properties
        self.insertedAt = insertedAt
        self.updatedAt = updatedAt
        self.sequence = sequence
    }
}

/// One subscription to create, update or delete.
public struct SubscriptionChange: Sendable, Hashable {
    /// The object subscribed to.
    public var object: RecipientReference
    /// The subscriber.
    public var recipient: RecipientReference
    /// The properties to store (they replace the stored ones); ignored when unsubscribing.
    public var properties: JSONObject

    /// Creates a change.
    public init(object: RecipientReference, recipient: RecipientReference, properties: JSONObject = JSONObject()) {
        self.object = object
        self.recipient = recipient
        self.properties = properties
    }

    /// Checks every change of a subscribe call and every upsert of a recipient identified inline, naming
    /// each by its index (`[3].recipient`).
    ///
    /// - Throws: ``EngineError/Code/invalidInput``.
    public static func validate(_ changes: [SubscriptionChange], identifying upserts: [RecipientUpsert])
        throws(EngineError)
    {
        for (index, change) in changes.enumerated() { try change.validate(path: "[\(index)]") }
        for (index, upsert) in upserts.enumerated() { try upsert.validate(path: "[\(index)]") }
    }

    /// Checks the references: `object` must be an object and differ from `recipient`.
    ///
    /// - Parameter path: The change's JSON path, named in the error.
    /// - Throws: ``EngineError/Code/invalidInput``.
    public func validate(path: String) throws(EngineError) {
        try object.validate(path: JSONPath.member(path, "object"))
        try recipient.validate(path: JSONPath.member(path, "recipient"))
        guard object.collection != nil else {
            throw EngineError(
                .invalidInput,
                "\(JSONPath.member(path, "object")): \(object) is not an object; only objects have "
                    + "subscribers")
        }
        guard object != recipient else {
            throw EngineError(
                .invalidInput, "\(JSONPath.member(path, "recipient")): \(object) cannot subscribe to itself")
        }
    }
}

/// Limits on subscription calls and on the fan-out of triggers.
public enum SubscriptionLimits {
    /// Recipients per add or delete call (per entry of a bulk call), as Knock's.
    public static let recipientsPerCall = 100
    /// Entries (objects) per bulk add or bulk delete call.
    public static let bulkEntries = 1000
    /// The most recipient runs one trigger may create, its listed recipients and every subscriber reached
    /// included: a trigger that would create more is rejected whole.
    public static let maximumRunsPerTrigger = 10_000
    /// How many subscribers the fan-out reads per store call.
    public static let fanOutPageSize = 500
    /// The largest page a store returns (API listings are held to ``PageRequest/maximumSize`` before).
    public static let maximumStorePage = 1000
}

/// The opaque cursors of subscription listings: the subscription's ``Subscription/sequence``.
public enum SubscriptionCursor {
    /// The cursor that points at a subscription.
    public static func encode(_ sequence: Int64) -> String {
        RecipientCursor.encode("s\(sequence)")
    }

    /// Checks a page request and decodes its cursor.
    ///
    /// - Returns: The sequence of the `after` or `before` cursor (at most one is set).
    /// - Throws: ``EngineError/Code/invalidInput`` naming `page_size`, `after` or `before`.
    public static func bounds(of page: PageRequest) throws(EngineError) -> (after: Int64?, before: Int64?) {
        guard (1...SubscriptionLimits.maximumStorePage).contains(page.size) else {
            throw EngineError(
                .invalidInput,
                "page_size: \(page.size) is out of range; expected 1 to \(SubscriptionLimits.maximumStorePage)")
        }
        if page.after != nil, page.before != nil {
            throw EngineError(.invalidInput, "after, before: give at most one cursor")
        }
        func decode(_ cursor: String?, field: String) throws(EngineError) -> Int64? {
            guard let cursor else { return nil }
            let text = try RecipientCursor.decode(cursor, field: field)
            guard text.first == "s", let sequence = Int64(text.dropFirst()) else {
                throw EngineError(.invalidInput, "\(field): \"\(cursor)\" is not a cursor returned by this listing")
            }
            return sequence
        }
        return (try decode(page.after, field: "after"), try decode(page.before, field: "before"))
    }
}

/// Errors both subscription stores throw.
public enum SubscriptionStoreErrors {
    /// A subscription names an object, or a subscriber, that does not exist.
    ///
    /// - Parameters:
    ///   - reference: The missing recipient.
    ///   - environment: The environment.
    ///   - isObject: Whether it is the object subscribed to (else the subscriber).
    public static func missing(_ reference: RecipientReference, environment: String, isObject: Bool) -> EngineError {
        let hint =
            isObject
            ? "set the object before subscribing recipients to it"
            : "identify it first, or pass it inline with its properties (a map with \"id\")"
        return EngineError(.notFound, "\(reference) does not exist in environment \"\(environment)\"; \(hint)")
    }
}
