public import Foundation

extension InMemoryRecipientStore {
    /// The key of a stored audience membership (tenant `""` for none).
    struct AudienceMemberKey: Hashable {
        var environment: String
        var audienceKey: String
        var userID: String
        var tenant: String
    }

    public func addMembers(
        _ members: [AudienceMemberChange], to audienceKey: String, identifying upserts: [RecipientUpsert],
        environment: String, now: Date
    ) throws {
        try AudienceValidation.validate(members, identifying: upserts, audienceKey: audienceKey)
        _ = try upsert(upserts, environment: environment, now: now)
        for member in members {
            let key = Self.key(member, audienceKey: audienceKey, environment: environment)
            guard audienceMembersByKey[key] == nil else { continue }
            lastAudienceSequence += 1
            audienceMembersByKey[key] = AudienceMember(
                audienceKey: audienceKey, userID: member.userID, tenant: member.tenant, addedAt: now,
                sequence: lastAudienceSequence)
        }
    }

    public func removeMembers(_ members: [AudienceMemberChange], from audienceKey: String, environment: String) {
        for member in members {
            audienceMembersByKey[Self.key(member, audienceKey: audienceKey, environment: environment)] = nil
        }
    }

    public func members(of audienceKey: String, environment: String, page: PageRequest) throws
        -> Page<AudienceMember>
    {
        let all = audienceMembersByKey.filter { $0.key.environment == environment && $0.key.audienceKey == audienceKey }
            .map(\.value)
            .sorted { $0.sequence < $1.sequence }
        return try Page(members: all, page: page)
    }

    public func audienceKeys(userID: String, tenant: String?, environment: String) -> Set<String> {
        Set(
            audienceMembersByKey.keys.lazy
                .filter { $0.environment == environment && $0.userID == userID && $0.tenant == (tenant ?? "") }
                .map(\.audienceKey))
    }

    /// Deletes every membership of a user (the cascade of deleting the user).
    func removeMemberships(of userID: String, environment: String) {
        audienceMembersByKey = audienceMembersByKey.filter { key, _ in
            key.environment != environment || key.userID != userID
        }
    }

    private static func key(_ member: AudienceMemberChange, audienceKey: String, environment: String)
        -> AudienceMemberKey
    {
        AudienceMemberKey(
            environment: environment, audienceKey: audienceKey, userID: member.userID, tenant: member.tenant ?? "")
    }
}
