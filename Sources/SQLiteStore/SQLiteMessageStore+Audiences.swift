public import Engine
public import Foundation

/// Audience memberships in the `audience_members` table (schema v10), beside the users they name, so deleting
/// a user deletes its memberships in the same transaction. A membership without a tenant has tenant `''`.
extension SQLiteMessageStore: AudienceStore {
    /// Upserts the users, then adds the memberships, in one transaction (see
    /// ``AudienceStore/addMembers(_:to:identifying:environment:now:)``).
    public func addMembers(
        _ members: [AudienceMemberChange], to audienceKey: String, identifying upserts: [RecipientUpsert],
        environment: String, now: Date
    ) throws {
        try AudienceValidation.validate(members, identifying: upserts, audienceKey: audienceKey)
        try connection.transaction {
            _ = try applyUpserts(upserts, environment: environment, now: now)
            for member in members {
                try connection.execute(
                    "INSERT INTO audience_members (environment, audience_key, user_id, tenant, added_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (environment, user_id, tenant, audience_key) "
                        + "DO NOTHING",
                    environment, audienceKey, member.userID, member.tenant ?? "", now)
            }
        }
    }

    /// Removes memberships in one transaction; missing ones are skipped.
    public func removeMembers(_ members: [AudienceMemberChange], from audienceKey: String, environment: String)
        throws
    {
        try connection.transaction {
            for member in members {
                try connection.execute(
                    "DELETE FROM audience_members WHERE environment = ?1 AND audience_key = ?2 AND user_id = ?3 "
                        + "AND tenant = ?4",
                    environment, audienceKey, member.userID, member.tenant ?? "")
            }
        }
    }

    /// One page of an audience's members, oldest first, read in one transaction.
    public func members(of audienceKey: String, environment: String, page: PageRequest) throws
        -> Page<AudienceMember>
    {
        let bounds = try AudienceCursor.bounds(of: page)
        let matching = "FROM audience_members WHERE environment = ?1 AND audience_key = ?2"
        let select = "SELECT seq, audience_key, user_id, tenant, added_at \(matching)"
        return try connection.readTransaction {
            let entries: [AudienceMember]
            if let before = bounds.before {
                entries = try connection.query(
                    select + " AND seq < ?3 ORDER BY seq DESC LIMIT ?4", environment, audienceKey, before, page.size,
                    read: Self.member(from:)
                ).reversed()
            } else {
                entries = try connection.query(
                    select + " AND (?3 IS NULL OR seq > ?3) ORDER BY seq ASC LIMIT ?4", environment, audienceKey,
                    bounds.after, page.size, read: Self.member(from:))
            }
            guard let first = entries.first?.sequence, let last = entries.last?.sequence else {
                return Page(entries: [])
            }
            func exists(_ comparison: String, _ sequence: Int64) throws -> Bool {
                try connection.queryFirst(
                    "SELECT EXISTS (SELECT 1 \(matching) AND seq \(comparison) ?3)", environment, audienceKey, sequence
                ) { $0.bool(0) } ?? false
            }
            return Page(
                entries: entries,
                after: try exists(">", last) ? AudienceCursor.encode(last) : nil,
                before: try exists("<", first) ? AudienceCursor.encode(first) : nil)
        }
    }

    /// The audiences the user belongs to with exactly this tenant: one search of the table's unique index
    /// (environment, user, tenant, audience), which covers the query.
    public func audienceKeys(userID: String, tenant: String?, environment: String) throws -> Set<String> {
        Set(
            try connection.query(
                "SELECT audience_key FROM audience_members WHERE environment = ?1 AND user_id = ?2 AND tenant = ?3",
                environment, userID, tenant ?? ""
            ) { $0.string(0) })
    }

    /// Deletes every membership of a user inside the current transaction (the cascade of deleting the user).
    func deleteMemberships(of userID: String, environment: String) throws {
        try connection.execute(
            "DELETE FROM audience_members WHERE environment = ?1 AND user_id = ?2", environment, userID)
    }

    private static func member(from row: SQLiteRow) -> AudienceMember {
        let tenant = row.string(3)
        return AudienceMember(
            audienceKey: row.string(1), userID: row.string(2), tenant: tenant.isEmpty ? nil : tenant,
            addedAt: row.date(4), sequence: row.int64(0))
    }
}
