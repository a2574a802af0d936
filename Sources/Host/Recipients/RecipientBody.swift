internal import Engine
internal import Providers

/// Reads the bodies of the recipient endpoints, validating everything before anything is written.
///
/// Errors are ``HostError`` 422 `invalid_params` (or `EngineError` `invalidInput`, mapped to the same) and
/// name the field as a JSON path: `users[3].timezone`, `preferences.default.channel_types.email`.
enum RecipientBody {
    /// An identify or set-object body as an upsert, its inline preference sets checked with
    /// ``PreferenceSet/parse(_:id:path:)``.
    ///
    /// - Parameters:
    ///   - body: The JSON object.
    ///   - reference: Whom it identifies (from the path or the entry's `id`).
    ///   - path: The body's JSON path, `""` at the top level.
    static func upsert(_ body: JSONObject, reference: RecipientReference, path: String) throws -> RecipientUpsert {
        let upsert = try RecipientUpsert.parse(body: body, reference: reference, path: path)
        let preferencesPath = member(path, "preferences")
        for (id, json) in upsert.preferences.sorted(by: { $0.key < $1.key }) {
            try APIRequest.validateIdentifier(id, field: "\(preferencesPath).\(id.prefix(64))")
            _ = try PreferenceSet.parse(json, id: id, path: "\(preferencesPath).\(id)")
        }
        return upsert
    }

    /// The entries of a bulk upsert body (`{"users": [...]}`, `{"objects": [...]}`): each an object with an
    /// `id`, at most `limit` of them.
    ///
    /// - Parameters:
    ///   - body: The request body.
    ///   - key: The array's key.
    ///   - limit: The most entries accepted.
    ///   - reference: Makes the recipient reference from an entry's id.
    static func bulkUpserts(
        _ body: JSONObject, key: String, limit: Int, reference: (String) -> RecipientReference
    ) throws -> [RecipientUpsert] {
        let entries = try array(body, key: key, limit: limit)
        var upserts: [RecipientUpsert] = []
        for (index, entry) in entries.enumerated() {
            let path = "\(key)[\(index)]"
            guard case .object(let object) = entry else {
                throw HostError.invalidParams("\(path): expected an object with an id, found \(entry.typeName)")
            }
            guard case .string(let id)? = object["id"] else {
                let found = object["id"].map { "found \($0.typeName)" } ?? "it is missing"
                throw HostError.invalidParams("\(path).id: expected a string of 1 to 256 characters, \(found)")
            }
            let recipient = reference(id)
            try recipient.validate(path: path)
            upserts.append(try upsert(object, reference: recipient, path: path))
        }
        return upserts
    }

    /// The ids of a bulk delete body (`{"user_ids": [...]}`), each 1 to 256 characters without `/` or `#`,
    /// at most `limit` of them (and at least one unless `allowsEmpty`).
    static func ids(_ body: JSONObject, key: String, limit: Int, allowsEmpty: Bool = true) throws(HostError)
        -> [String]
    {
        let entries = try array(body, key: key, limit: limit)
        if entries.isEmpty && !allowsEmpty {
            throw HostError.invalidParams("\(key): is empty; expected an array of 1 to \(limit) ids")
        }
        var ids: [String] = []
        for (index, entry) in entries.enumerated() {
            guard case .string(let id) = entry else {
                throw HostError.invalidParams("\(key)[\(index)]: expected a string id, found \(entry.typeName)")
            }
            try APIRequest.validateIdentifier(id, field: "\(key)[\(index)]")
            ids.append(id)
        }
        return ids
    }

    /// A required string member that names a recipient, such as `from_user_id`.
    static func identifier(_ body: JSONObject, key: String) throws(HostError) -> String {
        guard case .string(let id)? = body[key] else {
            let found = body[key].map { "found \($0.typeName)" } ?? "it is missing"
            throw HostError.invalidParams("\(key): expected a string of 1 to 256 characters, \(found)")
        }
        try APIRequest.validateIdentifier(id, field: key)
        return id
    }

    /// A required array member of at most `limit` elements.
    static func array(_ body: JSONObject, key: String, limit: Int) throws(HostError) -> [JSONValue] {
        guard let value = body[key] else {
            throw HostError.invalidParams("\(key): required; expected an array of at most \(limit) entries")
        }
        guard case .array(let entries) = value else {
            throw HostError.invalidParams(
                "\(key): expected an array of at most \(limit) entries, found \(value.typeName)")
        }
        guard entries.count <= limit else {
            throw HostError.invalidParams(
                "\(key): has \(entries.count) entries; at most \(limit) are accepted per call")
        }
        return entries
    }

    /// `path.key`, or `key` alone at the top level.
    static func member(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
