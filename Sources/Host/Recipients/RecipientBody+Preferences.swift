internal import Engine
internal import Providers

extension RecipientBody {
    /// A preference set write (Knock's `PreferenceSetRequest`) split into its persistence strategy and the
    /// set to store, without the request-only keys `id` and `__persistence_strategy__`.
    ///
    /// The set itself is not checked here: callers parse it with ``PreferenceSet/parse(_:id:path:)`` once
    /// they know what will be stored (after a merge, for instance).
    ///
    /// - Parameters:
    ///   - body: The request's set.
    ///   - path: The set's JSON path, `""` at the top level.
    /// - Returns: Whether the set is to be deep-merged into the stored one, and the set.
    /// - Throws: ``HostError`` 422 when `__persistence_strategy__` is neither `"merge"` nor `"replace"`.
    static func preferenceSetRequest(_ body: JSONObject, path: String) throws(HostError) -> (
        merge: Bool, set: JSONObject
    ) {
        let strategy = body["__persistence_strategy__"]
        guard strategy == nil || strategy == "replace" || strategy == "merge" else {
            let found = strategy?.stringValue.map { "\"\($0.prefix(32))\"" } ?? strategy?.typeName ?? ""
            throw HostError.invalidParams(
                "\(member(path, "__persistence_strategy__")): expected \"merge\" or \"replace\", found \(found)")
        }
        let set = JSONObject(
            body.filter { $0.key != "__persistence_strategy__" && $0.key != "id" }.map { ($0.key, $0.value) })
        return (strategy == "merge", set)
    }

    /// The `preferences` member of a bulk set-preferences body (Knock's `BulkPreferenceSetRequest`): which
    /// set it replaces and the set, checked with ``PreferenceSet/parse(_:id:path:)``.
    ///
    /// `preferences.id` names the set: `default` when it is missing or `null`, otherwise `default` or a
    /// tenant id. A bulk call always replaces, so `"__persistence_strategy__": "merge"` is rejected.
    ///
    /// - Parameter body: The request body.
    /// - Returns: The set id and the set to store.
    /// - Throws: ``HostError`` or `EngineError` `invalidInput` (both 422), naming the field as
    ///   `preferences.…`.
    static func bulkPreferenceSet(_ body: JSONObject) throws -> (id: String, set: JSONObject) {
        let expected = "expected a preference set (an object)"
        guard let value = body["preferences"] else {
            throw HostError.invalidParams("preferences: required; \(expected)")
        }
        guard case .object(let object) = value else {
            throw HostError.invalidParams("preferences: \(expected), found \(value.typeName)")
        }
        let id =
            try APIRequest.optionalIdentifier(
                object["id"], field: "preferences.id", expected: "\"default\" or a tenant id (a string)") ?? "default"
        let request = try preferenceSetRequest(object, path: "preferences")
        guard !request.merge else {
            throw HostError.invalidParams(
                "preferences.__persistence_strategy__: a bulk call always replaces the set; "
                    + "expected \"replace\" or no value, found \"merge\"")
        }
        _ = try PreferenceSet.parse(.object(request.set), id: id, path: "preferences")
        return (id, request.set)
    }
}
