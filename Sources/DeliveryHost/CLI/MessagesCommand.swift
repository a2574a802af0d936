import Engine
import Foundation
import Providers
import SQLiteStore

/// `delivery-host messages`: the messages stored in a data directory, one JSON object per line.
enum MessagesCommand: Command {
    static let name = "messages"
    static let summary = "Print the messages in --data-dir (--status S: only those) as JSON lines, oldest first"

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown(["data-dir", "status"])
        let status = try PipelineInput.status(arguments)
        let store = try PipelineInput.existingStore(arguments)
        let leases = try await store.leases()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var after: String?
        repeat {
            let page = try await store.messages(status: status, limit: 500, after: after)
            for message in page {
                print(line(message, lease: leases[message.id], formatter: formatter).encoded())
            }
            after = page.count == 500 ? page.last?.id : nil
        } while after != nil
        return 0
    }

    /// One message's line: where it stands and any recorded lease, never its content or recipient.
    private static func line(
        _ message: MessageRecord, lease: SQLiteMessageStore.Lease?, formatter: ISO8601DateFormatter
    ) -> JSONValue {
        let lease = lease.map { lease -> JSONValue in
            ["owner": .string(lease.owner), "expires_at": .string(formatter.string(from: lease.expiresAt))]
        }
        return [
            "id": .string(message.id), "environment": .string(message.environment),
            "channel": .string(message.channelID), "status": .string(message.status.rawValue),
            "attempts": .number(Double(message.attemptCount)),
            "provider_message_id": message.providerMessageID.map(JSONValue.string) ?? .null,
            "next_attempt_at": message.nextAttemptAt.map { .string(formatter.string(from: $0)) } ?? .null,
            "lease": lease ?? .null,
        ]
    }
}
