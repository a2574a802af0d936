import Engine
import Foundation
import Providers
import Testing

@Suite struct RecipientRecordTests {
    private let now = Date(timeIntervalSince1970: 1_716_379_200)  // 2024-05-22T12:00:00Z

    @Test func deepMergeKeepsNestedKeysAndNullOverwrites() {
        let stored: JSONObject = ["a": ["x": 1, "deep": ["k": 1]], "list": [1, 2], "keep": "me"]
        let merged = stored.deepMerged(with: ["a": ["y": 2, "deep": ["l": 2]], "list": [3], "keep": nil, "new": true])
        #expect(merged == ["a": ["x": 1, "deep": ["k": 1, "l": 2], "y": 2], "list": [3], "keep": nil, "new": true])
        #expect(merged.keys == ["a", "list", "keep", "new"])
    }

    @Test func deepFillLetsThePrimaryWin() {
        let primary: JSONObject = ["a": ["x": 1], "b": nil, "c": "primary"]
        let filled = primary.deepFilled(from: ["a": ["x": 9, "y": 2], "b": 5, "c": "secondary", "d": 4])
        #expect(filled == ["a": ["x": 1, "y": 2], "b": nil, "c": "primary", "d": 4])
    }

    @Test func aUserHasItsPropertiesAtTheTopLevel() {
        let record = RecipientRecord(
            reference: .user("u1"), properties: ["name": "Ann", "plan": ["tier": 2]], createdAt: nil, updatedAt: now)
        #expect(
            record.json.encoded()
                == #"{"__typename":"User","id":"u1","name":"Ann","plan":{"tier":2},"created_at":null,"#
                + #""updated_at":"2024-05-22T12:00:00Z"}"#)
    }

    @Test func anObjectNestsItsProperties() {
        let record = RecipientRecord(
            reference: .object(collection: "projects", id: "p1"), properties: ["name": "Apollo"],
            createdAt: "2024-01-01T00:00:00Z", updatedAt: now)
        #expect(
            record.json.encoded()
                == #"{"__typename":"Object","id":"p1","collection":"projects","properties":{"name":"Apollo"},"#
                + #""created_at":"2024-01-01T00:00:00Z","updated_at":"2024-05-22T12:00:00Z"}"#)
    }

    @Test func theDeliveryRecipientCarriesContactDataAndChannelData() {
        let record = RecipientRecord(
            reference: .object(collection: "projects", id: "p1"),
            properties: [
                "name": "Apollo", "email": "team@example.com", "phone_number": "+15555550123",
                "timezone": "Europe/Paris", "locale": "fr-FR", "avatar": 7,
            ],
            updatedAt: now)
        let recipient = record.deliveryRecipient(channelData: ["slack": ["connections": []]])
        #expect(
            recipient
                == Recipient(
                    id: "projects/p1", email: "team@example.com", phoneNumber: "+15555550123", name: "Apollo",
                    timezone: "Europe/Paris", locale: "fr-FR", channelData: ["slack": ["connections": []]]))
        let bare = RecipientRecord(reference: .user("u1"), properties: ["email": nil], updatedAt: now)
        #expect(bare.deliveryRecipient(channelData: [:]) == Recipient(id: "u1"))
    }

    @Test func upsertingSetsUpdatedAtAndCreatedAtOnlyWhenGiven() {
        let first = RecipientRecord.upserting(
            RecipientUpsert(reference: .user("u1"), properties: ["a": 1], createdAt: .some("2024-01-01T00:00:00Z")),
            into: nil, now: now)
        #expect(
            first
                == RecipientRecord(
                    reference: .user("u1"), properties: ["a": 1], createdAt: "2024-01-01T00:00:00Z", updatedAt: now))
        let later = now.addingTimeInterval(60)
        let second = RecipientRecord.upserting(
            RecipientUpsert(reference: .user("u1"), properties: ["b": 2]), into: first, now: later)
        #expect(second.createdAt == "2024-01-01T00:00:00Z")
        #expect(second.updatedAt == later)
        #expect(second.properties == ["a": 1, "b": 2])
        let cleared = RecipientRecord.upserting(
            RecipientUpsert(reference: .user("u1"), createdAt: .some(nil)), into: second, now: later)
        #expect(cleared.createdAt == nil)
    }
}
