import Engine
import Foundation
import Providers
import Testing

/// The behaviour every ``AudienceStore`` shares (both recipient stores), run against each store.
@Suite struct AudienceStoreTests {
    private let t0 = Date(timeIntervalSince1970: 1_716_379_200)
    private var t1: Date { t0.addingTimeInterval(60) }

    private func add(
        _ store: any RecipientStore, _ members: [AudienceMemberChange], to key: String = "beta",
        environment: String = "production", now: Date? = nil
    ) async throws {
        try await store.addMembers(members, to: key, identifying: [], environment: environment, now: now ?? t0)
    }

    /// `user/tenant@added_at` of each listed member.
    private func listed(_ page: Page<AudienceMember>) -> [String] {
        page.entries.map { "\($0.userID)/\($0.tenant ?? "-")@\(Int($0.addedAt.timeIntervalSince(t0)))" }
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func addingAgainKeepsTheFirstAddedAtAndTenantsAreSeparateMemberships(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        try await add(store, [.init(userID: "u1"), .init(userID: "u2", tenant: "acme")])
        try await add(store, [.init(userID: "u1"), .init(userID: "u2"), .init(userID: "u2", tenant: "acme")], now: t1)
        let page = try await store.members(of: "beta", environment: "production", page: PageRequest())
        #expect(listed(page) == ["u1/-@0", "u2/acme@0", "u2/-@60"])
        #expect(page.after == nil && page.before == nil)
        #expect(try await store.audienceKeys(userID: "u2", tenant: "acme", environment: "production") == ["beta"])
        #expect(try await store.audienceKeys(userID: "u2", tenant: nil, environment: "production") == ["beta"])
        #expect(try await store.audienceKeys(userID: "u1", tenant: "acme", environment: "production") == [])
        // Members need not exist as users: none of them was identified.
        #expect(try await store.recipient(.user("u1"), environment: "production") == nil)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func membershipIsPerTenantAudienceAndEnvironment(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        try await add(store, [.init(userID: "u1", tenant: "acme")], to: "beta")
        try await add(store, [.init(userID: "u1", tenant: "acme")], to: "vips")
        try await add(store, [.init(userID: "u1")], to: "staff", environment: "development")
        #expect(
            try await store.audienceKeys(userID: "u1", tenant: "acme", environment: "production") == ["beta", "vips"])
        #expect(try await store.isMember(audienceKey: "vips", userID: "u1", tenant: "acme", environment: "production"))
        #expect(
            try await !store.isMember(audienceKey: "vips", userID: "u1", tenant: "other", environment: "production"))
        #expect(try await !store.isMember(audienceKey: "vips", userID: "u1", tenant: nil, environment: "production"))
        #expect(try await !store.isMember(audienceKey: "staff", userID: "u1", tenant: nil, environment: "production"))
        #expect(try await store.isMember(audienceKey: "staff", userID: "u1", tenant: nil, environment: "development"))
        let development = try await store.members(of: "beta", environment: "development", page: PageRequest())
        #expect(development.entries.isEmpty)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func removingDeletesOnlyTheNamedMembershipsAndSkipsMissingOnes(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        try await add(store, [.init(userID: "u1"), .init(userID: "u1", tenant: "acme"), .init(userID: "u2")])
        try await store.removeMembers(
            [.init(userID: "u1", tenant: "acme"), .init(userID: "u9"), .init(userID: "u2", tenant: "acme")],
            from: "beta", environment: "production")
        try await store.removeMembers([.init(userID: "u1")], from: "beta", environment: "development")
        let page = try await store.members(of: "beta", environment: "production", page: PageRequest())
        #expect(listed(page) == ["u1/-@0", "u2/-@0"])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func listingPagesBothWaysInInsertionOrder(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        try await add(store, (1...5).map { AudienceMemberChange(userID: "u\($0)") })
        let first = try await store.members(of: "beta", environment: "production", page: PageRequest(size: 2))
        #expect(listed(first) == ["u1/-@0", "u2/-@0"])
        #expect(first.before == nil)
        let second = try await store.members(
            of: "beta", environment: "production", page: PageRequest(after: first.after, size: 2))
        #expect(listed(second) == ["u3/-@0", "u4/-@0"])
        let third = try await store.members(
            of: "beta", environment: "production", page: PageRequest(after: second.after, size: 2))
        #expect(listed(third) == ["u5/-@0"])
        #expect(third.after == nil)
        let back = try await store.members(
            of: "beta", environment: "production", page: PageRequest(before: third.before, size: 2))
        #expect(listed(back) == ["u3/-@0", "u4/-@0"])
        #expect(back.before == second.before)
        let message = await engineFailure {
            _ = try await store.members(
                of: "beta", environment: "production", page: PageRequest(after: "bm90LWEtY3Vyc29y", size: 2))
        }
        #expect(message?.hasPrefix("invalidInput: after: ") == true)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func anInvalidMemberRejectsTheWholeCall(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        let message = await engineFailure {
            try await add(
                store, [.init(userID: "u1"), .init(userID: "u2", tenant: "a/b")],
                identifying: [RecipientUpsert(reference: .user("u1"), properties: ["name": "Ada"])])
        }
        #expect(message == "invalidInput: members[1].tenant: must not contain \"/\" (\"/\" and \"#\" are not accepted)")
        let badKey = await engineFailure { try await add(store, [.init(userID: "u1")], to: "") }
        #expect(badKey == "invalidInput: key: must not be empty; expected 1 to 256 characters")
        let badUser = await engineFailure { try await add(store, [.init(userID: "x#1")]) }
        #expect(
            badUser == "invalidInput: members[0].user.id: must not contain \"#\" (\"/\" and \"#\" are not accepted)")
        #expect(try await store.members(of: "beta", environment: "production", page: PageRequest()).entries.isEmpty)
        #expect(try await store.recipient(.user("u1"), environment: "production") == nil)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func inlineUsersAreIdentifiedWithTheMemberships(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        try await add(
            store, [.init(userID: "u1")],
            identifying: [RecipientUpsert(reference: .user("u1"), properties: ["name": "Ada"])])
        #expect(try await store.recipient(.user("u1"), environment: "production")?.properties == ["name": "Ada"])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func deletingOrMergingAwayAUserDeletesItsMemberships(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.upsert(
            [
                RecipientUpsert(reference: .user("u1")), RecipientUpsert(reference: .user("u2")),
                RecipientUpsert(reference: .user("u3")),
            ],
            environment: "production", now: t0)
        try await add(store, [.init(userID: "u1"), .init(userID: "u1", tenant: "acme"), .init(userID: "u2")])
        try await add(store, [.init(userID: "u3")], to: "vips")
        try await add(store, [.init(userID: "u1")], environment: "development")
        try await store.delete([.user("u1")], environment: "production")
        _ = try await store.mergeUser(primary: "u2", secondary: "u3", environment: "production", now: t1)
        let beta = try await store.members(of: "beta", environment: "production", page: PageRequest())
        #expect(listed(beta) == ["u2/-@0"])
        #expect(try await store.members(of: "vips", environment: "production", page: PageRequest()).entries.isEmpty)
        #expect(try await store.isMember(audienceKey: "beta", userID: "u1", tenant: nil, environment: "development"))
    }

    private func add(
        _ store: any RecipientStore, _ members: [AudienceMemberChange], identifying upserts: [RecipientUpsert]
    ) async throws {
        try await store.addMembers(members, to: "beta", identifying: upserts, environment: "production", now: t0)
    }
}
