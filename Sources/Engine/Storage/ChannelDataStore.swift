public import Providers

/// Durable channel data per recipient and channel (push tokens, Slack connections, webhook targets).
///
/// The workflow engine's recipient store extends this; the pipeline needs only enough to remove dead
/// push tokens. Implementations must be atomic and safe to call concurrently.
public protocol ChannelDataStore: Sendable {
    /// The channel data of a recipient for a channel in an environment, or `nil`.
    func channelData(recipientID: String, channelID: String, environment: String) async throws -> JSONValue?

    /// Sets (replaces) the channel data of a recipient for a channel.
    func setChannelData(_ data: JSONValue, recipientID: String, channelID: String, environment: String) async throws

    /// Removes the given targets from the `tokens` array of a recipient's channel data for a channel.
    ///
    /// - Returns: The targets that were present and are now removed.
    func removeTokens(_ tokens: [String], recipientID: String, channelID: String, environment: String) async throws
        -> [String]
}
