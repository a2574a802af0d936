internal import Engine
internal import HTTPServer
internal import Providers

/// Reads the bodies of the audience endpoints (`{"members": [{"user": {"id": …, …}, "tenant": …}, …]}`),
/// validating everything before anything is written. Errors are 422 `invalid_params` naming the field as a
/// JSON path (`members[3].user.id`).
enum AudienceBody {
    /// What one add or remove call asks for.
    struct Members {
        /// The memberships, de-duplicated (the first kept), in order.
        var changes: [AudienceMemberChange]
        /// The inline users to identify first: entries whose `user` has more than an `id` (add only).
        var upserts: [RecipientUpsert]
    }

    /// The members of an add (`identify: true`) or remove body.
    ///
    /// A `user` with only an `id` is not identified: it need not exist (Knock's "missing user"). On remove,
    /// properties besides `id` are accepted and ignored.
    static func members(_ body: JSONObject, identify: Bool) throws -> Members {
        try checkKeys(body, accepted: ["members"], path: "")
        let limit = AudienceLimits.membersPerCall
        guard case .array(let entries)? = body["members"] else {
            let found = body["members"].map { "found \($0.typeName)" } ?? "it is missing"
            throw HostError.invalidParams(
                "members: expected an array of 1 to \(limit) members ({\"user\": {\"id\": …}, \"tenant\": …}), "
                    + found)
        }
        guard (1...limit).contains(entries.count) else {
            throw HostError.invalidParams(
                "members: has \(entries.count) entries; 1 to \(limit) members are accepted per call")
        }
        var members = Members(changes: [], upserts: [])
        var seen: Set<AudienceMemberChange> = []
        for (index, entry) in entries.enumerated() {
            let path = "members[\(index)]"
            guard case .object(let member) = entry else {
                throw HostError.invalidParams(
                    "\(path): expected an object with a user and an optional tenant, found \(entry.typeName)")
            }
            try checkKeys(member, accepted: ["user", "tenant"], path: path)
            guard case .object(let user)? = member["user"] else {
                let found = member["user"].map { "found \($0.typeName)" } ?? "it is missing"
                throw HostError.invalidParams("\(path).user: expected an object with an id, \(found)")
            }
            guard case .string(let id)? = user["id"] else {
                let found = user["id"].map { "found \($0.typeName)" } ?? "it is missing"
                throw HostError.invalidParams("\(path).user.id: expected a string of 1 to 256 characters, \(found)")
            }
            try APIRequest.validateIdentifier(id, field: "\(path).user.id")
            let tenant = try APIRequest.optionalIdentifier(
                member["tenant"], field: "\(path).tenant", expected: "a tenant id (a string) or null")
            if identify, user.keys.contains(where: { $0 != "id" }) {
                members.upserts.append(try RecipientBody.upsert(user, reference: .user(id), path: "\(path).user"))
            }
            let change = AudienceMemberChange(userID: id, tenant: tenant)
            if seen.insert(change).inserted { members.changes.append(change) }
        }
        return members
    }

    /// The optional `create_audience` query flag: `true` or `false`. Audiences are created on their first
    /// member either way.
    static func checkCreateAudience(_ request: APIRequest) throws(HostError) {
        guard let value = request.query("create_audience") else { return }
        guard value == "true" || value == "false" else {
            throw HostError.invalidParams(
                "create_audience: '\(value.prefix(32))' is not a boolean; accepted: true, false")
        }
    }

    private static func checkKeys(_ body: JSONObject, accepted: [String], path: String) throws(HostError) {
        for key in body.keys where !accepted.contains(key) {
            throw HostError.invalidParams(
                "\(RecipientBody.member(path, key)): unknown key (accepted: \(accepted.joined(separator: ", ")))")
        }
    }
}
