public import Foundation

/// One membership of a user in an audience (Knock's `AudienceMember`), in one environment.
///
/// The same user with several tenants is several memberships: a membership condition passes only for the
/// tenant the run was triggered with (see ``AudienceStore/audienceKeys(userID:tenant:environment:)``).
public struct AudienceMember: Sendable, Hashable {
    /// The audience's key.
    public var audienceKey: String
    /// The member's user id. The user need not exist: a member added by id alone is a "missing user" until
    /// it is identified.
    public var userID: String
    /// The tenant the user was added with, or `nil` for none.
    public var tenant: String?
    /// When the membership was first added; adding it again keeps it.
    public var addedAt: Date
    /// The store's insertion counter: an audience's members are listed in this order.
    public var sequence: Int64

    /// Creates a membership.
    public init(audienceKey: String, userID: String, tenant: String?, addedAt: Date, sequence: Int64) {
        self.audienceKey = audienceKey
        self.userID = userID
        self.tenant = tenant
        self.addedAt = addedAt
        self.sequence = sequence
    }
}

/// One membership to add or remove: a user, with or without a tenant.
public struct AudienceMemberChange: Sendable, Hashable {
    /// The user id.
    public var userID: String
    /// The tenant, or `nil` for a membership without one.
    public var tenant: String?

    /// Creates a change.
    public init(userID: String, tenant: String? = nil) {
        self.userID = userID
        self.tenant = tenant
    }

    /// Checks the user id and the tenant id (1 to 256 characters, no `/` or `#`).
    ///
    /// - Parameter path: The member's JSON path, named in the error (`members[3]`).
    /// - Throws: ``EngineError/Code/invalidInput`` naming `user.id` or `tenant`.
    public func validate(path: String) throws(EngineError) {
        try RecipientID.validate(userID, field: JSONPath.member(JSONPath.member(path, "user"), "id"))
        if let tenant { try RecipientID.validate(tenant, field: JSONPath.member(path, "tenant")) }
    }
}

/// Limits on audience calls.
public enum AudienceLimits {
    /// Members per add or remove call, as Knock's.
    public static let membersPerCall = 1000
    /// The largest page a store returns (API listings are held to ``PageRequest/maximumSize`` before).
    public static let maximumStorePage = 1000
}

/// The opaque cursors of audience member listings: the membership's ``AudienceMember/sequence``.
public enum AudienceCursor {
    /// The cursor that points at a membership.
    public static func encode(_ sequence: Int64) -> String {
        RecipientCursor.encode("a\(sequence)")
    }

    /// Checks a page request and decodes its cursor.
    ///
    /// - Returns: The sequence of the `after` or `before` cursor (at most one is set).
    /// - Throws: ``EngineError/Code/invalidInput`` naming `page_size`, `after` or `before`.
    public static func bounds(of page: PageRequest) throws(EngineError) -> (after: Int64?, before: Int64?) {
        guard (1...AudienceLimits.maximumStorePage).contains(page.size) else {
            throw EngineError(
                .invalidInput,
                "page_size: \(page.size) is out of range; expected 1 to \(AudienceLimits.maximumStorePage)")
        }
        if page.after != nil, page.before != nil {
            throw EngineError(.invalidInput, "after, before: give at most one cursor")
        }
        func decode(_ cursor: String?, field: String) throws(EngineError) -> Int64? {
            guard let cursor else { return nil }
            let text = try RecipientCursor.decode(cursor, field: field)
            guard text.first == "a", let sequence = Int64(text.dropFirst()) else {
                throw EngineError(.invalidInput, "\(field): \"\(cursor)\" is not a cursor returned by this listing")
            }
            return sequence
        }
        return (try decode(page.after, field: "after"), try decode(page.before, field: "before"))
    }
}

extension Page where Entry == AudienceMember {
    /// One page of `all` (every member of the audience, oldest first) for a page request.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` as ``AudienceCursor/bounds(of:)``.
    public init(members all: [AudienceMember], page: PageRequest) throws(EngineError) {
        let bounds = try AudienceCursor.bounds(of: page)
        let entries: [AudienceMember]
        if let before = bounds.before {
            entries = Array(all.filter { $0.sequence < before }.suffix(page.size))
        } else {
            entries = Array(
                all.filter { member in bounds.after.map { $0 < member.sequence } ?? true }.prefix(page.size))
        }
        guard let first = entries.first, let last = entries.last else {
            self.init(entries: [])
            return
        }
        self.init(
            entries: entries,
            after: all.contains { $0.sequence > last.sequence } ? AudienceCursor.encode(last.sequence) : nil,
            before: all.contains { $0.sequence < first.sequence } ? AudienceCursor.encode(first.sequence) : nil)
    }
}
