/// Reads a recipient's device tokens from channel data, in Knock's shape.
///
/// Push channels keep a recipient's device tokens in the channel data for the channel's id:
///
/// ```json
/// { "channel_data": { "ios-push": { "tokens": ["740f4707…", "8e2b…"] } } }
/// ```
///
/// Tokens are trimmed, empty ones are skipped and duplicates are sent to once, in their first order.
enum PushTokens {
    /// The device tokens of `message`'s recipient for `message`'s channel.
    ///
    /// - Parameters:
    ///   - message: The message; its recipient's `channelData[message.channelID]` is read.
    ///   - provider: The provider, for the error.
    /// - Returns: At least one token.
    /// - Throws: ``ProviderError/Code/invalidRecipient`` if there is no channel data for the channel, it is
    ///   not `{"tokens": [...]}`, or it holds no non-empty string token.
    static func tokens(for message: OutboundMessage, provider: ProviderID) throws -> [String] {
        let channel = message.channelID
        guard let data = message.recipient.channelData[channel] else {
            throw ProviderError(
                .invalidRecipient, provider: provider,
                message: "no device tokens in channel data: the recipient has no channel data for channel '\(channel)'")
        }
        guard let list = data["tokens"]?.arrayValue else {
            throw ProviderError(
                .invalidRecipient, provider: provider,
                message:
                    "no device tokens in channel data: channel '\(channel)' data must be {\"tokens\": [\"…\"]}, found "
                    + (data.objectValue.map { "an object with keys \($0.keys.joined(separator: ", "))" }
                        ?? data.typeName))
        }
        var seen = Set<String>()
        var tokens: [String] = []
        for element in list {
            guard let token = element.stringValue?.trimmingWhitespace(), !token.isEmpty else { continue }
            if seen.insert(token).inserted { tokens.append(token) }
        }
        guard !tokens.isEmpty else {
            throw ProviderError(
                .invalidRecipient, provider: provider,
                message: "no device tokens in channel data: channel '\(channel)' data has an empty 'tokens' list")
        }
        return tokens
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
