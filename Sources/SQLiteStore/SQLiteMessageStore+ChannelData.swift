public import Engine
public import Providers

extension SQLiteMessageStore: ChannelDataStore {
    /// The channel data of a recipient for a channel in an environment, or `nil`.
    public func channelData(recipientID: String, channelID: String, environment: String) throws -> JSONValue? {
        try connection.queryFirst(
            "SELECT data FROM channel_data WHERE environment = ?1 AND recipient_id = ?2 AND channel_id = ?3",
            environment, recipientID, channelID
        ) { row in
            do {
                return try JSONValue.parse(row.string(0))
            } catch {
                throw EngineError(
                    .storageFailure, "the stored channel data of \(recipientID) for \(channelID) is unreadable")
            }
        }
    }

    /// Sets (replaces) the channel data of a recipient for a channel, in one transaction.
    public func setChannelData(_ data: JSONValue, recipientID: String, channelID: String, environment: String) throws {
        try connection.transaction {
            try write(data, recipientID: recipientID, channelID: channelID, environment: environment)
        }
    }

    /// Removes the given targets from the `tokens` array of the channel data, in one transaction.
    ///
    /// Other members of the data are kept as they are; nothing is written if no target was present.
    ///
    /// - Returns: The targets that were present and are now removed, in the order given, each once.
    public func removeTokens(_ tokens: [String], recipientID: String, channelID: String, environment: String) throws
        -> [String]
    {
        guard !tokens.isEmpty else { return [] }
        return try connection.transaction {
            guard
                case .object(var object)? = try channelData(
                    recipientID: recipientID, channelID: channelID, environment: environment),
                case .array(let stored)? = object["tokens"]
            else { return [] }
            let present = Set(stored.compactMap(\.stringValue))
            var removed: [String] = []
            for token in tokens where present.contains(token) && !removed.contains(token) {
                removed.append(token)
            }
            guard !removed.isEmpty else { return [] }
            let removing = Set(removed)
            object["tokens"] = .array(stored.filter { !($0.stringValue.map(removing.contains) ?? false) })
            try write(.object(object), recipientID: recipientID, channelID: channelID, environment: environment)
            return removed
        }
    }

    private func write(_ data: JSONValue, recipientID: String, channelID: String, environment: String) throws {
        try connection.execute(
            "INSERT INTO channel_data (environment, recipient_id, channel_id, data) VALUES (?1, ?2, ?3, ?4) "
                + "ON CONFLICT (environment, recipient_id, channel_id) DO UPDATE SET data = excluded.data",
            environment, recipientID, channelID, data.encoded())
    }
}
