import Engine
import Providers
import SQLiteStore
import Testing

@Suite struct SQLiteMessageStoreChannelDataTests {
    @Test func setsReplacesAndReadsChannelData() async throws {
        let store = try SQLiteMessageStore.inMemory()
        #expect(try await store.channelData(recipientID: "u1", channelID: "push", environment: "production") == nil)
        try await store.setChannelData(
            ["tokens": ["a"]], recipientID: "u1", channelID: "push", environment: "production")
        try await store.setChannelData(["tokens": ["b"]], recipientID: "u1", channelID: "push", environment: "staging")
        try await store.setChannelData(
            ["tokens": ["c"]], recipientID: "u2", channelID: "push", environment: "production")
        try await store.setChannelData(
            ["channel": "C1"], recipientID: "u1", channelID: "slack", environment: "production")
        try await store.setChannelData(
            ["tokens": ["a", "d"], "extra": 1], recipientID: "u1", channelID: "push", environment: "production")
        #expect(
            try await store.channelData(recipientID: "u1", channelID: "push", environment: "production")
                == ["tokens": ["a", "d"], "extra": 1])
        #expect(
            try await store.channelData(recipientID: "u1", channelID: "push", environment: "staging") == [
                "tokens": ["b"]
            ])
        #expect(
            try await store.channelData(recipientID: "u2", channelID: "push", environment: "production") == [
                "tokens": ["c"]
            ])
        #expect(
            try await store.channelData(recipientID: "u1", channelID: "slack", environment: "production") == [
                "channel": "C1"
            ])
    }

    @Test func removesTokensAndReturnsTheOnesThatWerePresent() async throws {
        let store = try SQLiteMessageStore.inMemory()
        try await store.setChannelData(
            ["tokens": ["t1", "t2", "t3", "t2"], "app": "ios"], recipientID: "u1", channelID: "push",
            environment: "production")
        let removed = try await store.removeTokens(
            ["t9", "t2", "t1", "t2"], recipientID: "u1", channelID: "push", environment: "production")
        #expect(removed == ["t2", "t1"])
        #expect(
            try await store.channelData(recipientID: "u1", channelID: "push", environment: "production")
                == ["tokens": ["t3"], "app": "ios"])
        #expect(
            try await store.removeTokens(["t1"], recipientID: "u1", channelID: "push", environment: "production") == [])
    }

    @Test func removingTokensWithoutATokensArrayRemovesNothing() async throws {
        let store = try SQLiteMessageStore.inMemory()
        #expect(
            try await store.removeTokens(["t1"], recipientID: "u1", channelID: "push", environment: "production") == [])
        try await store.setChannelData(["token": "t1"], recipientID: "u1", channelID: "push", environment: "production")
        #expect(
            try await store.removeTokens(["t1"], recipientID: "u1", channelID: "push", environment: "production") == [])
        #expect(
            try await store.channelData(recipientID: "u1", channelID: "push", environment: "production") == [
                "token": "t1"
            ])
    }
}
