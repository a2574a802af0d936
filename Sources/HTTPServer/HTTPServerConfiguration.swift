import Foundation

/// How an ``HTTPServer`` listens and what it accepts.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind, such as `127.0.0.1` or `0.0.0.0`.
    public var host: String
    /// The TCP port; 0 picks a free one (read it back from ``HTTPServer/port``).
    public var port: Int
    /// How many event loop threads the server runs (default ``defaultThreadCount``, one per CPU).
    ///
    /// Each loop reads and writes the connections it accepted and runs their requests' handlers
    /// between its turns, so a handler must not block its thread (awaiting is fine).
    public var threadCount: Int
    /// The largest request body accepted; larger bodies get 413 without reaching the handler.
    public var maxBodyBytes: Int
    /// How long a connection may stay idle (between requests, or while its headers or body arrive), in seconds.
    public var connectionTimeoutSeconds: Int
    /// The most connections served at once.
    public var connectionLimit: Int

    /// The default ``threadCount``: the number of CPUs this process may run on (at most 256).
    public static var defaultThreadCount: Int {
        min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 256)
    }

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, threadCount: Int = HTTPServerConfiguration.defaultThreadCount,
        maxBodyBytes: Int = 1 << 20,
        connectionTimeoutSeconds: Int = 30, connectionLimit: Int = 1024
    ) {
        self.host = host
        self.port = port
        self.threadCount = threadCount
        self.maxBodyBytes = maxBodyBytes
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionLimit = connectionLimit
    }
}
