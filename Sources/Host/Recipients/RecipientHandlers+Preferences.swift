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
        let parsed = try RecipientBody.preferenceSetRequest(try request.jsonObjectBody(), path: "")
        var body = parsed.set
        if parsed.merge,
            case .object(let stored)? = try await store.preferenceSets(reference, environment: environment)[id]
        {
            body = stored.deepMerged(with: body)
        }
        let set = try PreferenceSet.parse(.object(body), id: id, path: "$")
        try await store.replacePreferenceSet(
            .object(body), id: id, for: [reference], environment: environment, now: now())
        return .json(set.json)
    }

    /// Replaces the preference set `id` of every recipient in one store call, creating the missing ones, and
    /// answers a completed `BulkOperation` of one row per recipient.
    ///
    /// - Parameters:
    ///   - set: The set, already validated.
    ///   - id: The set id.
    ///   - references: The recipients, already validated.
    ///   - name: The operation's name, such as `users.set_preferences`.
    ///   - environment: The key's environment.
    func bulkReplacePreferences(
        _ set: JSONObject, id: String, for references: [RecipientReference], name: String, environment: String
    ) async throws -> HTTPServerResponse {
        let now = now()
        try await store.replacePreferenceSet(.object(set), id: id, for: references, environment: environment, now: now)
        return try await operations.completed(name, rows: references.count, environment: environment, at: now)
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
