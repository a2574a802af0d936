import Foundation

/// Settings of an `outbox` channel: which channel type it stands in for and where it writes.
public struct OutboxConfiguration: Sendable, Hashable {
    /// The directory used when the `directory` setting is absent, relative to the data directory.
    public static let defaultDirectory = "outbox"

    /// The channel type the outbox stands in for (its messages carry that type's content).
    public var channelType: ChannelType
    /// The directory the `<channel-id>.jsonl` files are written to (absolute, or relative to the
    /// current directory).
    public var directory: String

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - channelType: The channel type the outbox stands in for.
    ///   - directory: The directory the files are written to.
    public init(channelType: ChannelType, directory: String) {
        self.channelType = channelType
        self.directory = directory
    }

    /// Reads validated channel settings: `channel_type` and `directory` (default ``defaultDirectory``),
    /// a relative `directory` being resolved against `dataDirectory` when one is given.
    ///
    /// - Parameters:
    ///   - settings: The channel's validated settings.
    ///   - dataDirectory: The host's data directory, or `nil` for the current directory.
    public init(settings: ChannelSettings, dataDirectory: String?) {
        let directory = settings.string("directory") ?? Self.defaultDirectory
        let resolved: String
        if directory.hasPrefix("/") {
            resolved = directory
        } else if let dataDirectory {
            resolved = (dataDirectory as NSString).appendingPathComponent(directory)
        } else {
            resolved = directory
        }
        self.init(
            channelType: settings.string("channel_type").flatMap(ChannelType.init(rawValue:)) ?? .webhook,
            directory: resolved)
    }
}
