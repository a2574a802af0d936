import Engine
import Foundation
import Providers
import Testing

/// The behaviour every ``SubscriptionStore`` shares (both recipient stores), run against each store.
@Suite struct SubscriptionStoreTests {
    private let t0 = Date(timeIntervalSince1970: 1_716_379_200)
    private var t1: Date { t0.addingTimeInterval(60) }
    private let project = RecipientReference.object(collection: "projects", id: "p1")
    private let team = RecipientReference.object(collection: "teams", id: "t1")

    /// A store with users u1…u4 and the objects projects/p1 and teams/t1 in `production`.
    private func store(_ kind: RecipientStoreKind) async throws -> any RecipientStore {
        let store = try kind.make()
        let references: [RecipientReference] = [.user("u1"), .user("u2"), .user("u3"), .user("u4"), project, team]
        _ = try await store.upsert(
            references.map { RecipientUpsert(reference: $0) }, environment: "production", now: t0)
        return store
    }

    private func subscribe(
        _ store: any RecipientStore, _ recipients: [RecipientReference], to object: RecipientReference,
        _ properties: JSONObject = [:], now: Date? = nil
    ) async throws -> [Subscription] {
        try await store.subscribe(
            recipients.map { SubscriptionChange(object: object, recipient: $0, properties: properties) },
            identifying: [], environment: "production", now: now ?? t0)
    }

    private func list(
        _ store: any RecipientStore, _ side: SubscriptionQuery.Side, only: [RecipientReference]? = nil,
        page: PageRequest = PageRequest()
    ) async throws -> Page<Subscription> {
        try await store.subscriptions(SubscriptionQuery(environment: "production", side: side, only: only), page: page)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func subscribingAgainUpdatesThePropertiesAndKeepsTheInsertion(kind: RecipientStoreKind) async throws {
        let store = try await store(kind)
        let created = try await subscribe(store, [.user("u1"), team], to: project, ["role": "admin"])
        #expect(
            created == [
                Subscription(
                    object: project, recipient: .user("u1"), properties: ["role": "admin"], insertedAt: t0,
                    updatedAt: t0, sequence: 1),
                Subscription(
                    object: project, recipient: team, properties: ["role": "admin"], insertedAt: t0, updatedAt: t0,
                    sequence: 2),
            ])
        let updated = try await subscribe(store, [.user("u1")], to: project, ["role": "viewer"], now: t1)
        #expect(
            updated == [
                Subscription(
                    object: project, recipient: .user("u1"), properties: ["role": "viewer"], insertedAt: t0,
                    updatedAt: t1, sequence: 1)
            ])
        #expect(try await list(store, .object(project)).entries.map(\.recipient) == [.user("u1"), team])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func unsubscribingReturnsWhatWasDeletedAndSkipsTheRest(kind: RecipientStoreKind) async throws {
        let store = try await store(kind)
        _ = try await subscribe(store, [.user("u1"), .user("u2")], to: project, ["a": 1])
        let deleted = try await store.unsubscribe(
            [
                SubscriptionChange(object: project, recipient: .user("u2")),
                SubscriptionChange(object: project, recipient: .user("u3")),
            ],
            environment: "production")
        #expect(
            deleted == [
                Subscription(
                    object: project, recipient: .user("u2"), properties: ["a": 1], insertedAt: t0, updatedAt: t0,
                    sequence: 2)
            ])
        #expect(try await list(store, .object(project)).entries.map(\.recipient) == [.user("u1")])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func listingsPageBothWaysInTheirOrder(kind: RecipientStoreKind) async throws {
        let store = try await store(kind)
        _ = try await subscribe(store, [.user("u3"), .user("u1"), .user("u4"), .user("u2")], to: project)
        let first = try await list(store, .object(project), page: PageRequest(size: 3))
        #expect(first.entries.map(\.recipient) == [.user("u3"), .user("u1"), .user("u4")])
        #expect(first.before == nil)
        let second = try await list(store, .object(project), page: PageRequest(after: first.after, size: 3))
        #expect(second.entries.map(\.recipient) == [.user("u2")])
        #expect(second.after == nil)
        let back = try await list(store, .object(project), page: PageRequest(before: second.before, size: 2))
        #expect(back.entries.map(\.recipient) == [.user("u1"), .user("u4")])
        #expect(back.before != nil && back.after != nil)
        let filtered = try await list(store, .object(project), only: [.user("u4"), .user("u1"), .user("u9")])
        #expect(filtered.entries.map(\.recipient) == [.user("u1"), .user("u4")])

        // A subscriber's subscriptions: newest first.
        _ = try await subscribe(store, [.user("u1")], to: team)
        let mine = try await list(store, .subscriber(.user("u1")), page: PageRequest(size: 1))
        #expect(mine.entries.map(\.object) == [team])
        let older = try await list(store, .subscriber(.user("u1")), page: PageRequest(after: mine.after, size: 1))
        #expect(older.entries.map(\.object) == [project])
        #expect(older.after == nil)
        #expect(try await list(store, .subscriber(.user("u1")), only: [project]).entries.map(\.object) == [project])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func badCursorsAndPageSizesAreRejected(kind: RecipientStoreKind) async throws {
        let store = try await store(kind)
        #expect(
            await engineFailure { _ = try await list(store, .object(project), page: PageRequest(after: "nope")) }
                == #"invalidInput: after: "nope" is not a cursor returned by this listing"#)
        #expect(
            await engineFailure { _ = try await list(store, .object(project), page: PageRequest(size: 0)) }
                == "invalidInput: page_size: 0 is out of range; expected 1 to 1000")
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func deletingARecipientDeletesItsSubscriptionsOnEitherSide(kind: RecipientStoreKind) async throws {
        let store = try await store(kind)
        _ = try await subscribe(store, [.user("u1"), team], to: project)
        _ = try await subscribe(store, [.user("u1"), .user("u2")], to: team)
        try await store.delete([team], environment: "production")
        #expect(try await list(store, .object(project)).entries.map(\.recipient) == [.user("u1")])
        #expect(try await list(store, .subscriber(.user("u2"))).entries.isEmpty)
        try await store.delete([.user("u1")], environment: "production")
        #expect(try await list(store, .object(project)).entries.isEmpty)
        // Deleting recreates nothing: a new subscription starts afresh.
        _ = try await store.upsert([RecipientUpsert(reference: team)], environment: "production", now: t1)
        #expect(try await list(store, .object(team)).entries.isEmpty)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func mergingUsersMovesTheSecondarysSubscriptions(kind: RecipientStoreKind) async throws {
        let store = try await store(kind)
        _ = try await subscribe(store, [.user("u1")], to: project, ["who": "primary"])
        _ = try await subscribe(store, [.user("u2")], to: project, ["who": "secondary"])
        _ = try await subscribe(store, [.user("u2")], to: team, ["who": "secondary"])
        _ = try await store.mergeUser(primary: "u1", secondary: "u2", environment: "production", now: t1)
        let subscriptions = try await list(store, .subscriber(.user("u1"))).entries
        #expect(subscriptions.map(\.object) == [team, project])
        #expect(subscriptions.map(\.properties) == [["who": "secondary"], ["who": "primary"]])
        #expect(try await list(store, .object(project)).entries.map(\.recipient) == [.user("u1")])
        #expect(try await list(store, .subscriber(.user("u2"))).entries.isEmpty)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func inlineSubscribersAreIdentifiedInTheSameAtomicCall(kind: RecipientStoreKind) async throws {
        let store = try await store(kind)
        let inline = RecipientUpsert(reference: .user("new"), properties: ["name": "New"])
        let stored = try await store.subscribe(
            [SubscriptionChange(object: project, recipient: .user("new"))], identifying: [inline],
            environment: "production", now: t1)
        #expect(stored.map(\.recipient) == [.user("new")])
        #expect(try await store.recipient(.user("new"), environment: "production")?.properties == ["name": "New"])

        // A missing subscriber rejects the whole call: the inline user and the first subscription are not stored.
        let other = RecipientUpsert(reference: .user("other"))
        let refused = await engineFailure {
            _ = try await store.subscribe(
                [
                    SubscriptionChange(object: team, recipient: .user("u1")),
                    SubscriptionChange(object: team, recipient: .user("ghost")),
                ],
                identifying: [other], environment: "production", now: t1)
        }
        #expect(
            refused
                == #"notFound: user "ghost" does not exist in environment "production"; identify it first, or pass "#
                + #"it inline with its properties (a map with "id")"#)
        #expect(try await store.recipient(.user("other"), environment: "production") == nil)
        #expect(try await list(store, .object(team)).entries.isEmpty)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func invalidSubscriptionsAreRejected(kind: RecipientStoreKind) async throws {
        let store = try await store(kind)
        let missing = RecipientReference.object(collection: "projects", id: "p9")
        #expect(
            await engineFailure { _ = try await subscribe(store, [.user("u1")], to: missing) }
                == #"notFound: object "projects/p9" does not exist in environment "production"; set the object "#
                + "before subscribing recipients to it")
        #expect(
            await engineFailure { _ = try await subscribe(store, [project], to: project) }
                == #"invalidInput: [0].recipient: object "projects/p1" cannot subscribe to itself"#)
        #expect(
            await engineFailure { _ = try await subscribe(store, [.user("u1")], to: .user("u2")) }
                == #"invalidInput: [0].object: user "u2" is not an object; only objects have subscribers"#)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func environmentsAreIsolated(kind: RecipientStoreKind) async throws {
        let store = try await store(kind)
        _ = try await subscribe(store, [.user("u1")], to: project)
        let development = SubscriptionQuery(environment: "development", side: .object(project))
        #expect(try await store.subscriptions(development, page: PageRequest()).entries.isEmpty)
        #expect(
            try await store.unsubscribe(
                [SubscriptionChange(object: project, recipient: .user("u1"))],
                environment: "development") == [])
        try await store.delete([project], environment: "development")
        #expect(try await list(store, .object(project)).entries.map(\.recipient) == [.user("u1")])
    }
}
