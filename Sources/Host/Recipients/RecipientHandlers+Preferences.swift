internal import Engine
internal import HTTPServer
internal import Providers

extension RecipientHandlers {
    /// Every preference set of the recipient, sorted by id, in Knock's `PreferenceSet` shape.
    ///
    /// - Throws: ``HostError`` 404 when the recipient does not exist.
    func listPreferences(_ request: APIRequest, _ reference: RecipientReference) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        _ = try await existing(reference, environment: environment)
        let sets = try await store.preferenceSets(reference, environment: environment)
        return .json(.array(sets.sorted { $0.key < $1.key }.map { Self.preferenceSetJSON($0.value, id: $0.key) }))
    }

    /// One preference set (path `id`); a set never written answers as an empty set of that id.
    ///
    /// - Throws: ``HostError`` 404 when the recipient does not exist.
    func getPreferences(_ request: APIRequest, _ reference: RecipientReference) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let id = try request.identifier("id")
        _ = try await existing(reference, environment: environment)
        let stored = try await store.preferenceSets(reference, environment: environment)[id]
        return .json(stored.map { Self.preferenceSetJSON($0, id: id) } ?? PreferenceSet(id: id).json)
    }

    /// Replaces (or with `"__persistence_strategy__": "merge"`, deep-merges into) one preference set;
    /// creates the recipient if it does not exist. The result is validated before anything is written.
    func setPreferences(_ request: APIRequest, _ reference: RecipientReference) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let id = try request.identifier("id")
        var body = try request.jsonObjectBody()
        let strategy = body["__persistence_strategy__"]
        guard strategy == nil || strategy == "replace" || strategy == "merge" else {
            let found = strategy?.stringValue.map { "\"\($0.prefix(32))\"" } ?? strategy?.typeName ?? ""
            throw HostError.invalidParams("__persistence_strategy__: expected \"merge\" or \"replace\", found \(found)")
        }
        body = JSONObject(
            body.filter { $0.key != "__persistence_strategy__" && $0.key != "id" }.map { ($0.key, $0.value) })
        let existing = try await store.recipient(reference, environment: environment)
        if strategy == "merge", existing != nil,
            case .object(let stored)? = try await store.preferenceSets(reference, environment: environment)[id]
        {
            body = stored.deepMerged(with: body)
        }
        let set = try PreferenceSet.parse(.object(body), id: id, path: "$")
        if existing == nil {
            // A new recipient has no set to merge into: one upsert creates both, atomically.
            let upsert = RecipientUpsert(reference: reference, preferences: [id: .object(body)])
            _ = try await store.upsert([upsert], environment: environment, now: now())
        } else {
            try await store.setPreferenceSet(.object(body), id: id, for: reference, environment: environment)
        }
        return .json(set.json)
    }

    /// Deletes one preference set; 204 whether or not it existed.
    func deletePreferences(_ request: APIRequest, _ reference: RecipientReference) async throws
        -> HTTPServerResponse
    {
        let environment = try request.requireEnvironment()
        let id = try request.identifier("id")
        try await store.setPreferenceSet(.null, id: id, for: reference, environment: environment)
        return .noContent
    }

    /// A stored set in Knock's response shape (stored sets were validated when written).
    static func preferenceSetJSON(_ stored: JSONValue, id: String) -> JSONValue {
        (try? PreferenceSet.parse(stored, id: id, path: "$"))?.json ?? PreferenceSet(id: id).json
    }
}
