import Engine
import Foundation
import Providers
import Testing

@testable import SQLiteStore

@Suite struct SQLiteMessageStoreOpeningTests {
    private func readBytes(_ path: String) throws -> Data {
        try #require(FileManager.default.contents(atPath: path))
    }

    @Test func aNewDatabaseGetsTheLatestSchemaInWALMode() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let dataDirectory = directory.file("data/nested")
        let store = try SQLiteMessageStore.open(directory: dataDirectory)
        try await store.insert(Samples.message("msg_1"), events: [])
        let path = (dataDirectory as NSString).appendingPathComponent(SQLiteMessageStore.fileName)
        let connection = try SQLiteConnection(path: path)
        #expect(try Schema.version(of: connection) == SQLiteMessageStore.schemaVersion)
        // Versions count up from 1 without gaps.
        #expect(Schema.migrations.map(\.version) == Array(1...Schema.migrations.count))
        #expect(SQLiteMessageStore.schemaVersion == 10)
        #expect(try connection.queryFirst("PRAGMA journal_mode") { $0.string(0) } == "wal")
        #expect(try connection.queryFirst("SELECT COUNT(*) FROM messages") { $0.int(0) } == 1)
        let permissions = try FileManager.default.attributesOfItem(atPath: dataDirectory)[.posixPermissions] as? Int
        #expect(permissions == 0o700)
    }

    @Test func aNewerSchemaIsRefusedAndTheFileLeftUntouched() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file(SQLiteMessageStore.fileName)
        do {
            let store = try SQLiteMessageStore.open(path: path)
            try await store.insert(Samples.message("msg_1"), events: [])
            await store.close()
            let connection = try SQLiteConnection(path: path)
            try connection.executeScript("PRAGMA user_version = \(SQLiteMessageStore.schemaVersion + 1)")
        }
        let before = try readBytes(path)
        let error = try #require(throws: EngineError.self) { try SQLiteMessageStore.open(path: path) }
        #expect(error.code == .schemaTooNew)
        #expect(
            error.message
                == "\(path): the database schema version \(SQLiteMessageStore.schemaVersion + 1) is newer than this "
                + "DeliveryHost understands (\(SQLiteMessageStore.schemaVersion)); upgrade DeliveryHost or use another "
                + "data directory")
        #expect(try readBytes(path) == before)
    }

    @Test func aNewerRollbackJournalDatabaseIsNotSwitchedToWAL() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("future.sqlite3")
        do {
            let connection = try SQLiteConnection(path: path)
            try connection.executeScript("CREATE TABLE future (x INTEGER); PRAGMA user_version = 1000")
        }
        let before = try readBytes(path)
        let error = try #require(throws: EngineError.self) { try SQLiteMessageStore.open(path: path) }
        #expect(error.code == .schemaTooNew)
        #expect(try readBytes(path) == before)
    }

    @Test func aFileThatIsNotADatabaseIsAClearStorageFailure() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file(SQLiteMessageStore.fileName)
        let garbage = Data(String(repeating: "this is not a database\n", count: 200).utf8)
        try garbage.write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: EngineError.self) { try SQLiteMessageStore.open(path: path) }
        #expect(error.code == .storageFailure)
        #expect(error.message.hasPrefix("\(path) is not a DeliveryHost database (not an SQLite file, or corrupted)"))
        #expect(error.message.contains("file is not a database (SQLite error 26)"))
        #expect(try readBytes(path) == garbage)
    }

    @Test func aMissingDirectoryIsAStorageFailure() throws {
        let error = try #require(throws: EngineError.self) {
            try SQLiteMessageStore.open(path: "/nonexistent-\(UUID().uuidString)/db.sqlite3")
        }
        #expect(error.code == .storageFailure)
        #expect(error.message.contains("unable to open database file"))
    }

    @Test func reopeningKeepsEverything() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var messages: [MessageRecord] = []
        let log = DeliveryAttemptLog(
            messageID: "msg_0", attempt: 1, startedAt: Samples.at(0), durationMilliseconds: 12,
            exchanges: [Samples.exchange], outcome: "unavailable", detail: "HTTP 503")
        do {
            let store = try SQLiteMessageStore.open(directory: directory.path)
            for (index, content) in Samples.contents.enumerated() {
                let message = Samples.fullMessage("msg_\(index)", content: content, channelType: content.channelType)
                try await store.insert(message, events: [Samples.queued(message.id)])
                messages.append(message)
            }
            try await store.record(MessageChange(message: messages[0], attemptLog: log))
            try await store.setChannelData(
                ["tokens": ["a", "b"]], recipientID: "user_1", channelID: "push", environment: "production")
            try await store.insert(Samples.message("msg_leased"), events: [])
            _ = try await store.claimDue(
                channel: Samples.channel, now: Samples.epoch, limit: 1, leaseOwner: "w1", leaseUntil: Samples.at(1000))
            // Released without close(): the connection closes when the store goes away.
        }
        let store = try SQLiteMessageStore.open(directory: directory.path)
        for message in messages {
            #expect(try await store.message(id: message.id) == message)
            #expect(try await store.events(messageID: message.id) == [Samples.queued(message.id)])
        }
        #expect(try await store.attemptLogs(messageID: "msg_0") == [log])
        #expect(
            try await store.channelData(recipientID: "user_1", channelID: "push", environment: "production")
                == ["tokens": ["a", "b"]])
        #expect(try await store.nextDueDate(channel: Samples.channel) == Samples.at(1000))
    }

    @Test func claimsReadTheDueIndexInOrder() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try Schema.migrate(connection)
        for query in SQLiteMessageStore.claimQueries {
            let plan = try connection.query("EXPLAIN QUERY PLAN " + query, "env", "channel", Date(), 10) {
                $0.string(3)
            }
            #expect(
                plan == [
                    "SEARCH messages USING INDEX messages_due (environment=? AND channel_id=? AND status=? AND next_attempt_at<?)"
                ])
        }
    }
}

extension SQLiteMessageStoreOpeningTests {
    @Test func aVersion1DatabaseIsMigratedKeepingItsMessages() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A database as the first release wrote it: migration 1 only, one message.
        let (path, connection) = try directory.database(atVersion: 1)
        try connection.executeScript(
            """
            INSERT INTO messages (id, environment, channel_id, provider, channel_type, kind, recipient, send_windows,
                status, attempt_count, reauthentication_retried, created_at, updated_at)
            VALUES ('msg_old', 'production', 'hooks', 'webhook', 'webhook', 'notification', '{"id":"u1"}', '[]',
                'undelivered', 8, 0, 1780300800000, 1780300800000);
            """)
        let store = try SQLiteMessageStore.open(path: path)
        let message = try #require(try await store.message(id: "msg_old"))
        #expect(message.attemptCount == 8)
        #expect(message.retryRoundStart == 0)
        #expect(message.status == .undelivered)
        #expect(message.tenant == nil && message.data == nil)
        // Migration 3 filled in the recipient id that listings filter on.
        let listed = try await store.listMessages(
            MessageQuery(environment: "production", recipient: "u1"), page: PageRequest())
        #expect(listed.entries.map(\.id) == ["msg_old"])
        await store.close()
        #expect(try Schema.version(of: SQLiteConnection(path: path)) == SQLiteMessageStore.schemaVersion)
    }
}
