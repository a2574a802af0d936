public import Foundation

/// Audience memberships per environment: which users (each with or without a tenant) belong to which
/// audiences.
///
/// An audience exists as soon as it has had a member: there is no separate create call (Knock creates
/// audiences in its dashboard; this host has none). Memberships are keyed by environment, audience key,
/// user id and tenant, so the same user with two tenants is two memberships.
///
/// ``RecipientStore`` refines this protocol, because memberships follow their users: deleting a user
/// deletes its memberships (also when the user is the secondary of a merge).
///
/// Implementations must:
/// - apply a whole ``addMembers(_:to:identifying:environment:now:)`` call atomically, after validating it;
/// - keep an existing membership's ``AudienceMember/addedAt`` and ``AudienceMember/sequence`` when it is
///   added again;
/// - list an audience's members oldest first with opaque cursors (``AudienceCursor``);
/// - be safe to call concurrently.
public protocol AudienceStore: Sendable {
    /// Upserts the inline users, then adds memberships, in one atomic step. Users need not exist.
    ///
    /// - Parameters:
    ///   - members: The memberships, validated with ``AudienceMemberChange/validate(path:)``.
    ///   - audienceKey: The audience.
    ///   - upserts: Users to identify first (inline identify), validated.
    ///   - environment: The environment.
    ///   - now: The time written as ``AudienceMember/addedAt`` for new memberships.
    /// - Throws: ``EngineError/Code/invalidInput`` for an invalid member, key or upsert; nothing is written.
    func addMembers(
        _ members: [AudienceMemberChange], to audienceKey: String, identifying upserts: [RecipientUpsert],
        environment: String, now: Date
    ) async throws

    /// Removes memberships; ones that do not exist are skipped.
    func removeMembers(_ members: [AudienceMemberChange], from audienceKey: String, environment: String)
        async throws

    /// One page of an audience's members, oldest first; an audience never added to is empty.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` for a cursor this listing did not make, both cursors, or
    ///   a page size outside 1 to ``AudienceLimits/maximumStorePage``.
    func members(of audienceKey: String, environment: String, page: PageRequest) async throws
        -> Page<AudienceMember>

    /// The audiences the user belongs to with exactly this tenant (`nil`: memberships without a tenant).
    ///
    /// This is Knock's membership rule: with trigger tenant T a member added with tenant T is in, one added
    /// without a tenant or with another tenant is not; with no trigger tenant only memberships without a
    /// tenant count.
    func audienceKeys(userID: String, tenant: String?, environment: String) async throws -> Set<String>
}

extension AudienceStore {
    /// Whether the user is a member of the audience with exactly this tenant (see
    /// ``audienceKeys(userID:tenant:environment:)``).
    public func isMember(audienceKey: String, userID: String, tenant: String?, environment: String) async throws
        -> Bool
    {
        try await audienceKeys(userID: userID, tenant: tenant, environment: environment).contains(audienceKey)
    }
}

/// The checks both audience stores make before writing.
public enum AudienceValidation {
    /// Checks an audience key (1 to 256 characters, no `/` or `#`), every member and every upsert of a
    /// member identified inline.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` naming `key` or the member's path (`members[3].user.id`).
    public static func validate(
        _ members: [AudienceMemberChange], identifying upserts: [RecipientUpsert], audienceKey: String
    ) throws(EngineError) {
        try RecipientID.validate(audienceKey, field: "key")
        for (index, member) in members.enumerated() { try member.validate(path: "members[\(index)]") }
        for (index, upsert) in upserts.enumerated() { try upsert.validate(path: "members[\(index)].user") }
    }
}
