public import Providers

/// One entry of a trigger's `recipients` list, or its `actor`: a reference to an identified recipient,
/// or a recipient to identify inline before the run.
///
/// Knock's rules decide the case:
/// - a string is a user id;
/// - a map with only `collection` and `id` references an object (`$tenants` for a tenant);
/// - a map with `collection`, `id` and more keys is an object to upsert;
/// - a map with `id` and no `collection` is a user to upsert (even with no other keys).
public enum RecipientIdentifier: Sendable, Hashable {
    /// An identified user or object.
    case reference(RecipientReference)
    /// A user to upsert before the run; `properties` is the map without `id` (it may hold
    /// `channel_data` and `preferences`, see ``RecipientUpsert/parse(body:reference:path:)``).
    case inlineUser(id: String, properties: JSONObject)
    /// An object to upsert before the run; `properties` is the map without `collection` and `id`.
    case inlineObject(collection: String, id: String, properties: JSONObject)

    /// The recipient this identifier names.
    public var reference: RecipientReference {
        switch self {
        case .reference(let reference): reference
        case .inlineUser(let id, _): .user(id)
        case .inlineObject(let collection, let id, _): .object(collection: collection, id: id)
        }
    }

    /// Reads a recipient identifier, validating ids and, for inline recipients, their reserved properties.
    ///
    /// ```swift
    /// let actor = try RecipientIdentifier.parse(["id": "u1", "email": "u1@example.com"], path: "actor")
    /// ```
    ///
    /// - Parameters:
    ///   - json: The value.
    ///   - path: Its JSON path, such as `recipients[2]`, named in errors.
    /// - Returns: The identifier.
    /// - Throws: ``EngineError/Code/invalidInput`` naming the field, what was wrong and what is accepted.
    public static func parse(_ json: JSONValue, path: String) throws(EngineError) -> RecipientIdentifier {
        switch json {
        case .string(let id):
            try RecipientID.validate(id, field: path)
            return .reference(.user(id))
        case .object(let object):
            let id = try requiredString(object, "id", path: path)
            if let collectionValue = object["collection"] {
                guard case .string(let collection) = collectionValue else {
                    throw EngineError(
                        .invalidInput,
                        "\(JSONPath.member(path, "collection")): expected a string, found \(collectionValue.typeName)")
                }
                let reference = RecipientReference.object(collection: collection, id: id)
                try reference.validate(path: path)
                let properties = JSONObject(object.members.filter { $0.key != "id" && $0.key != "collection" })
                if properties.isEmpty { return .reference(reference) }
                _ = try RecipientUpsert.parse(body: properties, reference: reference, path: path)
                return .inlineObject(collection: collection, id: id, properties: properties)
            }
            try RecipientID.validate(id, field: JSONPath.member(path, "id"))
            let properties = JSONObject(object.members.filter { $0.key != "id" })
            _ = try RecipientUpsert.parse(body: properties, reference: .user(id), path: path)
            return .inlineUser(id: id, properties: properties)
        default:
            throw EngineError(
                .invalidInput,
                "\(path): expected a user id string, an object reference {\"collection\", \"id\"} or a recipient "
                    + "map with an \"id\", found \(json.typeName)")
        }
    }

    /// The upsert an inline identifier asks for, or `nil` for a reference.
    ///
    /// - Parameter path: The identifier's JSON path, named in errors.
    /// - Throws: ``EngineError/Code/invalidInput`` if a reserved property is invalid.
    public func upsert(path: String) throws(EngineError) -> RecipientUpsert? {
        switch self {
        case .reference: nil
        case .inlineUser(_, let properties), .inlineObject(_, _, let properties):
            try RecipientUpsert.parse(body: properties, reference: reference, path: path)
        }
    }

    private static func requiredString(_ object: JSONObject, _ key: String, path: String) throws(EngineError)
        -> String
    {
        let field = JSONPath.member(path, key)
        guard let value = object[key] else {
            throw EngineError(.invalidInput, "\(field): is required; a recipient map needs a string \"\(key)\"")
        }
        guard case .string(let string) = value else {
            throw EngineError(.invalidInput, "\(field): expected a string, found \(value.typeName)")
        }
        return string
    }
}
