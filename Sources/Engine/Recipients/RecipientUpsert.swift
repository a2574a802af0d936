public import Providers

/// One recipient to create or update: its properties, channel data and preference sets.
///
/// Build it from Knock's identify body with ``parse(body:reference:path:)``, which validates the
/// reserved properties and splits `channel_data` and `preferences` out of the properties.
public struct RecipientUpsert: Sendable, Hashable {
    /// The user or object.
    public var reference: RecipientReference
    /// Properties to deep-merge into the stored ones (reserved and custom, top level).
    public var properties: JSONObject
    /// `created_at`: `nil` to keep the stored value, `.some(nil)` to set it to `null`, or a new
    /// ISO-8601 value.
    public var createdAt: String??
    /// Channel data to set, by channel id; each replaces the stored data for its channel, and `null`
    /// removes it.
    public var channelData: [String: JSONValue]
    /// Preference sets by set id; each is deep-merged into the stored set of that id (Knock merges
    /// inline preferences rather than replacing them).
    public var preferences: [String: JSONValue]

    /// Creates an upsert.
    public init(
        reference: RecipientReference,
        properties: JSONObject = [:],
        createdAt: String?? = nil,
        channelData: [String: JSONValue] = [:],
        preferences: [String: JSONValue] = [:]
    ) {
        self.reference = reference
        self.properties = properties
        self.createdAt = createdAt
        self.channelData = channelData
        self.preferences = preferences
    }

    /// Splits and validates Knock's identify (or set-object, or inline recipient) body.
    ///
    /// ```swift
    /// let upsert = try RecipientUpsert.parse(
    ///     body: ["name": "Ann", "channel_data": ["ios": ["tokens": ["t1"]]]], reference: .user("u1"), path: "")
    /// ```
    ///
    /// - `id` (and `collection` for objects), if present, must equal the reference's: ids cannot change.
    /// - `__typename` and `updated_at` (response fields) are ignored.
    /// - `created_at` must be an ISO-8601 date-time or `null`.
    /// - `channel_data` and `preferences` must be objects (or `null`, meaning none) whose values are
    ///   objects; a `null` channel data value removes that channel's data.
    /// - A `properties` object is flattened: its members become top-level properties (Knock's SDKs
    ///   send custom properties there); top-level keys win over its members.
    /// - Reserved properties are checked with ``RecipientProperties/validate(_:path:)``.
    ///
    /// - Parameters:
    ///   - body: The JSON object.
    ///   - reference: Whom it identifies.
    ///   - path: The body's JSON path (`""` at the top level), named in errors.
    /// - Returns: The upsert.
    /// - Throws: ``EngineError/Code/invalidInput`` naming the field, what was wrong and what is accepted.
    public static func parse(body: JSONObject, reference: RecipientReference, path: String) throws(EngineError)
        -> RecipientUpsert
    {
        var upsert = RecipientUpsert(reference: reference)
        try checkUnchanged(body["id"], expected: reference.id, key: "id", path: path)
        if let collection = reference.collection {
            try checkUnchanged(body["collection"], expected: collection, key: "collection", path: path)
        }
        if let created = body["created_at"] {
            upsert.createdAt = .some(try RecipientProperties.createdAt(created, path: path))
        }
        upsert.channelData = try objectMap(body["channel_data"], key: "channel_data", path: path, allowNull: true)
        upsert.preferences = try objectMap(body["preferences"], key: "preferences", path: path, allowNull: false)
        var properties = JSONObject()
        if case .object(let nested)? = body["properties"] {
            try RecipientProperties.validate(nested, path: JSONPath.member(path, "properties"))
            for (key, value) in nested where !RecipientProperties.system.contains(key) { properties[key] = value }
        }
        let split: Set<String> = ["channel_data", "preferences"]
        for (key, value) in body where !RecipientProperties.system.contains(key) && !split.contains(key) {
            if key == "properties", value.objectValue != nil { continue }
            properties[key] = value
        }
        try RecipientProperties.validate(properties, path: path)
        upsert.properties = properties
        return upsert
    }

    /// Checks the parts a store relies on, for upserts not made by ``parse(body:reference:path:)``.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` for an invalid id, collection or reserved property.
    public func validate(path: String) throws(EngineError) {
        try reference.validate(path: path)
        try RecipientProperties.validate(properties, path: path)
        if case .some(.some(let created)) = createdAt {
            _ = try RecipientProperties.createdAt(.string(created), path: path)
        }
    }

    private static func checkUnchanged(_ value: JSONValue?, expected: String, key: String, path: String)
        throws(EngineError)
    {
        guard let value, value != .string(expected) else { return }
        throw EngineError(
            .invalidInput,
            "\(JSONPath.member(path, key)): is \(value.stringValue.map { "\"\($0)\"" } ?? value.typeName) but the "
                + "recipient is \"\(expected)\"; a recipient's \(key) cannot be changed")
    }

    private static func objectMap(_ value: JSONValue?, key: String, path: String, allowNull: Bool)
        throws(EngineError) -> [String: JSONValue]
    {
        let field = JSONPath.member(path, key)
        guard let value, value != .null else { return [:] }
        guard case .object(let object) = value else {
            throw EngineError(.invalidInput, "\(field): expected an object keyed by id, found \(value.typeName)")
        }
        var result: [String: JSONValue] = [:]
        for (id, entry) in object {
            if id.isEmpty { throw EngineError(.invalidInput, "\(field): keys must not be empty") }
            switch entry {
            case .object:
                result[id] = entry
            case .null where allowNull:
                result[id] = entry
            default:
                throw EngineError(
                    .invalidInput,
                    "\(field).\(id): expected an object\(allowNull ? " or null" : ""), found \(entry.typeName)")
            }
        }
        return result
    }
}
