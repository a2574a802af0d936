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

    /// Every channel's data for the recipient, by channel id.
    public func allChannelData(_ reference: RecipientReference, environment: String) throws -> [String: JSONValue] {
        let rows = try connection.query(
            "SELECT channel_id, data FROM channel_data WHERE environment = ?1 AND recipient_id = ?2",
            environment, reference.storageID
        ) { row in
            (row.string(0), try Self.json(row.string(1), what: "channel data of \(reference) for \(row.string(0))"))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// Removes the recipient's data for a channel, in one transaction; absent data is not an error.
    public func unsetChannelData(_ reference: RecipientReference, channelID: String, environment: String) throws {
        try connection.transaction {
            try deleteChannelData(recipientID: reference.storageID, channelID: channelID, environment: environment)
        }
    }

    /// Deletes one channel's data row.
    func deleteChannelData(recipientID: String, channelID: String, environment: String) throws {
        try connection.execute(
            "DELETE FROM channel_data WHERE environment = ?1 AND recipient_id = ?2 AND channel_id = ?3",
            environment, recipientID, channelID)
    }

    /// Writes one channel's data row, replacing a stored one.
    func writeChannelData(_ data: JSONValue, recipientID: String, channelID: String, environment: String) throws {
        try write(data, recipientID: recipientID, channelID: channelID, environment: environment)
    }

    private func write(_ data: JSONValue, recipientID: String, channelID: String, environment: String) throws {
        try connection.execute(
            "INSERT INTO channel_data (environment, recipient_id, channel_id, data) VALUES (?1, ?2, ?3, ?4) "
                + "ON CONFLICT (environment, recipient_id, channel_id) DO UPDATE SET data = excluded.data",
            environment, recipientID, channelID, data.encoded())
    }
}
