internal import Engine
internal import HTTPServer
internal import Providers

/// Reads the bodies and query parameters of the subscription endpoints, validating everything before
/// anything is written. Errors are 422 `invalid_params` naming the field as a JSON path.
enum SubscriptionBody {
    /// What one add call (or one entry of a bulk add) asks for.
    struct Add {
        /// The subscriptions, one per recipient (de-duplicated, first kept).
        var changes: [SubscriptionChange]
        /// The inline recipients to identify first.
        var upserts: [RecipientUpsert]
    }

    /// `{"recipients": [RecipientRequest…], "properties": {…} | null}` for one object.
    ///
    /// - Parameters:
    ///   - body: The body, or a bulk entry.
    ///   - object: The object subscribed to.
    ///   - path: The body's JSON path (`""` at the top level).
    ///   - extraKeys: Keys accepted besides `recipients` and `properties` (a bulk entry's `id`).
    static func add(_ body: JSONObject, object: RecipientReference, path: String, extraKeys: [String] = []) throws
        -> Add
    {
        try checkKeys(body, accepted: extraKeys + ["recipients", "properties"], path: path)
        let propertiesPath = RecipientBody.member(path, "properties")
        let properties: JSONObject
        switch body["properties"] {
        case nil, .null?: properties = JSONObject()
        case .object(let value)?: properties = value
        case let other?:
            throw HostError.invalidParams("\(propertiesPath): expected an object or null, found \(other.typeName)")
        }
        var add = Add(changes: [], upserts: [])
        var seen: Set<RecipientReference> = []
        for (index, entry) in try recipients(body, path: path).enumerated() {
            let entryPath = "\(RecipientBody.member(path, "recipients"))[\(index)]"
            let identifier = try RecipientIdentifier.parse(entry, path: entryPath)
            let reference = identifier.reference
            let change = SubscriptionChange(object: object, recipient: reference, properties: properties)
            try change.validate(path: entryPath)
            switch identifier {
            case .reference: break
            case .inlineUser(_, let inline), .inlineObject(_, _, let inline):
                add.upserts.append(try RecipientBody.upsert(inline, reference: reference, path: entryPath))
            }
            if seen.insert(reference).inserted { add.changes.append(change) }
        }
        return add
    }

    /// `{"recipients": [RecipientReference…]}` for one object: the subscriptions to delete.
    static func delete(_ body: JSONObject, object: RecipientReference, path: String, extraKeys: [String] = [])
        throws -> [SubscriptionChange]
    {
        try checkKeys(body, accepted: extraKeys + ["recipients"], path: path)
        var changes: [SubscriptionChange] = []
        for (index, entry) in try recipients(body, path: path).enumerated() {
            let entryPath = "\(RecipientBody.member(path, "recipients"))[\(index)]"
            let reference = try RecipientIdentifier.parse(entry, path: entryPath).reference
            changes.append(SubscriptionChange(object: object, recipient: reference))
        }
        return changes
    }

    /// The entries of a bulk body (`{"subscriptions": [{"id": …, "recipients": […]}, …]}`), each with the
    /// object it names in `collection`.
    static func bulkEntries(_ body: JSONObject, collection: String) throws -> [(JSONObject, RecipientReference, String)]
    {
        try checkKeys(body, accepted: ["subscriptions"], path: "")
        var entries: [(JSONObject, RecipientReference, String)] = []
        let list = try RecipientBody.array(body, key: "subscriptions", limit: SubscriptionLimits.bulkEntries)
        for (index, entry) in list.enumerated() {
            let path = "subscriptions[\(index)]"
            guard case .object(let object) = entry else {
                throw HostError.invalidParams(
                    "\(path): expected an object with an id and recipients, found \(entry.typeName)")
            }
            guard case .string(let id)? = object["id"] else {
                let found = object["id"].map { "found \($0.typeName)" } ?? "it is missing"
                throw HostError.invalidParams("\(path).id: expected the object's id (a string), \(found)")
            }
            try APIRequest.validateIdentifier(id, field: "\(path).id")
            entries.append((object, .object(collection: collection, id: id), path))
        }
        return entries
    }

    /// The required `recipients` array: 1 to ``SubscriptionLimits/recipientsPerCall`` entries.
    private static func recipients(_ body: JSONObject, path: String) throws(HostError) -> [JSONValue] {
        let field = RecipientBody.member(path, "recipients")
        let limit = SubscriptionLimits.recipientsPerCall
        guard case .array(let list)? = body["recipients"] else {
            let found = body["recipients"].map { "found \($0.typeName)" } ?? "it is missing"
            throw HostError.invalidParams(
                "\(field): expected an array of 1 to \(limit) recipients (user ids, {\"id\": …} users or "
                    + "{\"collection\": …, \"id\": …} objects), \(found)")
        }
        guard (1...limit).contains(list.count) else {
            throw HostError.invalidParams(
                "\(field): has \(list.count) entries; 1 to \(limit) recipients are accepted per call")
        }
        return list
    }

    private static func checkKeys(_ body: JSONObject, accepted: [String], path: String) throws(HostError) {
        for key in body.keys where !accepted.contains(key) {
            throw HostError.invalidParams(
                "\(RecipientBody.member(path, key)): unknown key (accepted: \(accepted.joined(separator: ", ")))")
        }
    }

    // MARK: - Query

    /// The references of a query array such as `recipients[]`: `name[]=user_id` for users and
    /// `name[][collection]=…&name[][id]=…` for objects (how Knock's SDKs encode them), in order.
    static func references(_ request: APIRequest, name: String) throws(HostError) -> [RecipientReference]? {
        var references: [RecipientReference] = []
        var collections: [String] = []
        var objectIDs: [String] = []
        for parameter in request.http.query {
            switch parameter.name {
            case "\(name)[]", name:
                try APIRequest.validateIdentifier(parameter.value, field: "\(name)[]")
                references.append(.user(parameter.value))
            case "\(name)[][collection]":
                try APIRequest.validateIdentifier(parameter.value, field: "\(name)[][collection]")
                collections.append(parameter.value)
            case "\(name)[][id]":
                try APIRequest.validateIdentifier(parameter.value, field: "\(name)[][id]")
                objectIDs.append(parameter.value)
            default: continue
            }
        }
        guard collections.count == objectIDs.count else {
            throw HostError.invalidParams(
                "\(name)[]: every object needs both '\(name)[][collection]' and '\(name)[][id]'")
        }
        references += zip(collections, objectIDs).map { .object(collection: $0, id: $1) }
        return references.isEmpty ? nil : references
    }
}
