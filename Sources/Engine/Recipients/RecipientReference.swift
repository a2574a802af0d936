public import Providers

/// A recipient that has been identified: a user by id, or an object by collection and id.
///
/// Tenants are objects in the collection ``tenantsCollection`` (`$tenants`).
public enum RecipientReference: Sendable, Hashable {
    /// A user, by id.
    case user(String)
    /// An object, by collection and id.
    case object(collection: String, id: String)

    /// The collection tenants live in: a tenant is an object in it.
    public static let tenantsCollection = "$tenants"

    /// A tenant, which is the object `id` in ``tenantsCollection``.
    public static func tenant(_ id: String) -> RecipientReference {
        .object(collection: tenantsCollection, id: id)
    }

    /// The key channel data, preference sets and ``Providers/Recipient/id`` use: the user id, or
    /// `collection/id` for an object. It is unambiguous because neither ids nor collections contain `/`.
    public var storageID: String {
        switch self {
        case .user(let id): id
        case .object(let collection, let id): "\(collection)/\(id)"
        }
    }

    /// The reference a ``storageID`` stands for: an object when it contains `/`, else a user.
    public init(storageID: String) {
        if let slash = storageID.firstIndex(of: "/") {
            self = .object(
                collection: String(storageID[..<slash]), id: String(storageID[storageID.index(after: slash)...]))
        } else {
            self = .user(storageID)
        }
    }

    /// The user id or object id.
    public var id: String {
        switch self {
        case .user(let id), .object(_, let id): id
        }
    }

    /// The object's collection, or `nil` for a user.
    public var collection: String? {
        switch self {
        case .user: nil
        case .object(let collection, _): collection
        }
    }

    /// Knock's JSON form: the user id as a string, or `{"collection": …, "id": …}`.
    public var json: JSONValue {
        switch self {
        case .user(let id): .string(id)
        case .object(let collection, let id): ["collection": .string(collection), "id": .string(id)]
        }
    }

    /// Checks the id (and collection) with ``RecipientID/validate(_:field:)``.
    ///
    /// - Parameter path: The JSON path of the reference, named in the error.
    /// - Throws: ``EngineError/Code/invalidInput`` naming `path.id` or `path.collection`.
    public func validate(path: String) throws(EngineError) {
        switch self {
        case .user(let id):
            try RecipientID.validate(id, field: JSONPath.member(path, "id"))
        case .object(let collection, let id):
            try RecipientID.validate(collection, field: JSONPath.member(path, "collection"))
            try RecipientID.validate(id, field: JSONPath.member(path, "id"))
        }
    }
}

extension RecipientReference: CustomStringConvertible {
    /// `user "id"` or `object "collection/id"`, for messages.
    public var description: String {
        switch self {
        case .user(let id): "user \"\(id)\""
        case .object: "object \"\(storageID)\""
        }
    }
}
