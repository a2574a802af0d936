import Foundation

/// A local outbox: records what would be sent instead of sending it, as one JSON line per message
/// in `<directory>/<channel-id>.jsonl`, synced to disk before the message counts as `delivered`.
///
/// It stands in for a channel of any type (the `channel_type` setting), so a workflow can be run end
/// to end without providers. Each line is
/// `{"id", "environment", "channel_id", "channel_type", "workflow"?, "recipient", "content"}` with the
/// recipient and content in their JSON forms (``Recipient/json``, ``OutboundMessage/Content/json``).
/// A retried message is appended again: readers keep the last line per `id`.
public struct OutboxProvider: Provider {
    /// The provider's configuration name.
    public static let providerID: ProviderID = "outbox"

    public var id: ProviderID { Self.providerID }

    private let configuration: OutboxConfiguration
    private let writer: OutboxWriter

    /// Creates a provider.
    ///
    /// - Parameter configuration: The channel type and directory.
    public init(configuration: OutboxConfiguration) {
        self.configuration = configuration
        writer = OutboxWriter(directory: configuration.directory)
    }

    /// Appends the message's line to the channel's file and syncs it.
    ///
    /// - Throws: ``ProviderError/Code/unavailable`` (retried) if the file cannot be written.
    public func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        var line: JSONObject = [
            "id": .string(message.id), "environment": .string(context.environment),
            "channel_id": .string(message.channelID), "channel_type": .string(message.content.channelType.rawValue),
        ]
        if let workflowKey = message.workflowKey { line["workflow"] = .string(workflowKey) }
        line["recipient"] = message.recipient.json
        line["content"] = message.content.json
        let file = try await writer.append(JSONValue.object(line).encodedBytes() + [0x0A], channelID: message.channelID)
        return DeliveryReceipt(outcome: .delivered, detail: "written to \(file)")
    }
}

/// Appends lines to outbox files one at a time, so concurrent attempts never interleave.
actor OutboxWriter {
    private let directory: String

    init(directory: String) {
        self.directory = directory
    }

    /// Appends `bytes` to `<directory>/<channelID>.jsonl`, creating both if needed, and syncs the file.
    ///
    /// - Returns: The file's path.
    func append(_ bytes: [UInt8], channelID: String) throws(ProviderError) -> String {
        let path = (directory as NSString).appendingPathComponent("\(channelID).jsonl")
        let manager = FileManager.default
        do {
            try manager.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if !manager.fileExists(atPath: path) {
                guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw CocoaError(.fileWriteUnknown)
                }
            }
            guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
        } catch {
            throw ProviderError(
                .unavailable, provider: OutboxProvider.providerID, message: "cannot write \(path): \(error)")
        }
        return path
    }
}
