import Engine
import Foundation
import Providers
import SQLiteStore
import Testing

/// A user merge across both stores: the secondary's last 30 days of notification messages move to the
/// primary (§27 #24); older ones, status events and other environments' messages stay.
@Suite struct UserMergeTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let day: TimeInterval = 24 * 60 * 60

    /// The recipient and message stores of one kind (SQLite keeps both in one database).
    static func stores(_ kind: RecipientStoreKind) throws -> (any RecipientStore, any MessageStore) {
        switch kind {
        case .memory:
            return (InMemoryRecipientStore(), InMemoryMessageStore())
        case .sqlite:
            let store = try SQLiteMessageStore.inMemory()
            return (store, store)
        }
    }

    static func message(
        _ id: String, recipient: String, age: TimeInterval, kind: MessageRecord.Kind = .notification,
        environment: String = "production"
    ) -> MessageRecord {
        let created = now.addingTimeInterval(-age)
        return MessageRecord(
            id: id, environment: environment, channelID: "feed", provider: "in_app_feed", channelType: .inAppFeed,
            kind: kind, recipient: Recipient(id: recipient, email: "\(recipient)@example.com"),
            content: .inAppFeed(InAppFeedContent(markdownBody: id)), status: .delivered, nextAttemptAt: nil,
            createdAt: created, updatedAt: created)
    }

    static func users(_ ids: String..., in store: any RecipientStore, environment: String = "production")
        async throws
    {
        let upserts = try ids.map { id in
            try RecipientUpsert.parse(body: ["name": .string(id)], reference: .user(id), path: "$")
        }
        _ = try await store.upsert(upserts, environment: environment, now: now.addingTimeInterval(-90 * day))
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func mergeMovesTheLastThirtyDaysOfMessages(kind: RecipientStoreKind) async throws {
        let (recipients, messages) = try Self.stores(kind)
        try await Self.users("primary", "secondary", in: recipients)
        let samples = [
            Self.message("msg_recent", recipient: "secondary", age: Self.day),
            Self.message("msg_edge", recipient: "secondary", age: 30 * Self.day),
            Self.message("msg_old", recipient: "secondary", age: 30 * Self.day + 1),
            Self.message("msg_event", recipient: "secondary", age: Self.day, kind: .statusEvent),
            Self.message("msg_staging", recipient: "secondary", age: Self.day, environment: "staging"),
            Self.message("msg_own", recipient: "primary", age: 2 * Self.day),
        ]
        for sample in samples { try await messages.insert(sample, events: []) }

        let merge = UserMerge(recipients: recipients, messages: messages)
        let merged = try await merge.merge(
            primary: "primary", secondary: "secondary", environment: "production", now: Self.now)

        #expect(merged.reference == .user("primary"))
        #expect(try await recipients.recipient(.user("secondary"), environment: "production") == nil)
        var owners: [String: String] = [:]
        for sample in samples { owners[sample.id] = try await messages.message(id: sample.id)?.recipient.id }
        #expect(
            owners == [
                "msg_recent": "primary", "msg_edge": "primary", "msg_old": "secondary", "msg_event": "secondary",
                "msg_staging": "secondary", "msg_own": "primary",
            ])
        // Only the owner changes: the recipient's contact data as of sending stays.
        #expect(try await messages.message(id: "msg_recent")?.recipient.email == "secondary@example.com")
        let listed = try await messages.listMessages(
            MessageQuery(environment: "production", recipient: "primary"), page: PageRequest(size: 50))
        #expect(listed.entries.map(\.id) == ["msg_recent", "msg_own", "msg_edge"])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func aRefusedMergeMovesNoMessages(kind: RecipientStoreKind) async throws {
        let (recipients, messages) = try Self.stores(kind)
        try await Self.users("primary", in: recipients)
        try await messages.insert(Self.message("msg_1", recipient: "ghost", age: Self.day), events: [])
        let merge = UserMerge(recipients: recipients, messages: messages)

        let missing = try await #require(throws: EngineError.self) {
            try await merge.merge(primary: "primary", secondary: "ghost", environment: "production", now: Self.now)
        }
        #expect(missing.code == .notFound)
        #expect(missing.message == #"user "ghost" does not exist in environment "production""#)
        let same = try await #require(throws: EngineError.self) {
            try await merge.merge(primary: "primary", secondary: "primary", environment: "production", now: Self.now)
        }
        #expect(same.code == .invalidInput)
        #expect(try await messages.message(id: "msg_1")?.recipient.id == "ghost")
    }
}
